// The canned answer of the no-network scripts (scripts/overhead.ts, scripts/overhead-alloc.ts): a
// chat completion with gateway headers, from a fetch that builds it in memory.
import { COMPLETION_TEXT, MODEL_ID } from './fixtures.ts';

const body = JSON.stringify({
  id: 'chatcmpl-bench', object: 'chat.completion', created: 1_700_000_000, model: MODEL_ID,
  choices: [{ index: 0, message: { role: 'assistant', content: COMPLETION_TEXT }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 12, completion_tokens: 6, total_tokens: 18 },
});
const headers = { 'content-type': 'application/json', 'cf-aig-log-id': '01JBENCHLOGID0000000000000', 'cf-aig-cache-status': 'MISS' };
const bytes = new TextEncoder().encode(body);

/**
 * A fetch that answers every request with the canned completion. The body is a stream of bytes, as
 * a network answer's is: a Response made from a string takes shortcuts in undici (a whole-body read
 * never builds a stream) that no answer from a socket does.
 */
export const cannedFetch = (() =>
  Promise.resolve(
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes.slice());
          controller.close();
        },
      }),
      { headers },
    ),
  )) as typeof fetch;
