// A loopback stand-in for AI Gateway and OpenAI, run in its own process (its CPU is not the
// client's). Every answer is precomputed, so the server costs the same for every variant.
//
//   POST /v1/chat/completions                       direct OpenAI call
//   POST /v1/{account}/{gateway}                    universal endpoint: a JSON array of steps
//   POST /v1/{account}/{gateway}/openai/{endpoint}  provider-native OpenAI path
//   POST /v1/{account}/{gateway}/workers-ai/v1/chat/completions  provider-native Workers AI chat (OpenAI format)
//   POST /client/v4/accounts/{account}/ai/run/@cf/… Workers AI REST run (run-format answer)
//   POST /v1/{account}/{gateway}/workers-ai/run/@cf/… the gateway's Workers AI run path (same answer)
//
// Universal steps may be `openai` or `workers-ai` (OpenAI chat format at `v1/chat/completions`).
//
// A universal step fails (as a provider 500 would, inside the gateway) when its headers carry
// FAIL_HEADER; the first step that does not fail answers, with its index in `cf-aig-step`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { COMPLETION_TEXT, FAIL_HEADER, MODEL_ID, STREAM_CHUNKS, streamText } from './fixtures.ts';

/**
 * The stub's work must not depend on the variant, so by default it only scans bodies (for the
 * failure marker and `"stream":true`) and parses a universal body only when a step carries the
 * marker (the fallback rows, the same for both gateway clients). With BENCH_STUB_STRICT=1 (the quick
 * run) it parses and checks every universal body.
 */
const STRICT = process.env.BENCH_STUB_STRICT === '1';
const ENDPOINT = /^(?:v1\/)?chat\/completions$/;
const CREATED = 1_700_000_000;

const completion = Buffer.from(
  JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created: CREATED,
    model: MODEL_ID,
    choices: [{ index: 0, message: { role: 'assistant', content: COMPLETION_TEXT }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 12, completion_tokens: 6, total_tokens: 18 },
  }),
);

const sseEvent = (data: unknown) => `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
const chunk = (delta: object, finish: string | null = null) => ({
  id: 'chatcmpl-bench',
  object: 'chat.completion.chunk',
  created: CREATED,
  model: MODEL_ID,
  choices: [{ index: 0, delta, finish_reason: finish }],
});

/** The stream: the first event alone, then the rest in batches of 100 events. */
const sseFirst = Buffer.from(sseEvent(chunk({ role: 'assistant', content: streamText(0) })));
const sseBatches: Buffer[] = [];
{
  let batch = '';
  for (let i = 1; i < STREAM_CHUNKS; i++) {
    batch += sseEvent(chunk({ content: streamText(i) }));
    if (i % 100 === 0) {
      sseBatches.push(Buffer.from(batch));
      batch = '';
    }
  }
  batch += sseEvent(chunk({}, 'stop'));
  batch += sseEvent({ ...chunk({}), choices: [], usage: { prompt_tokens: 12, completion_tokens: STREAM_CHUNKS, total_tokens: 12 + STREAM_CHUNKS } });
  batch += sseEvent('[DONE]');
  sseBatches.push(Buffer.from(batch));
}

/** A Workers AI run answer, as `createAI` and workers-ai-provider read it. */
const runAnswer = Buffer.from(JSON.stringify({ result: { response: COMPLETION_TEXT, usage: { prompt_tokens: 12, completion_tokens: 6, total_tokens: 18 } }, success: true, errors: [], messages: [] }));
const failure = Buffer.from(JSON.stringify({ error: { message: 'bench stub: this step was told to fail', type: 'server_error', code: null } }));
const notFound = Buffer.from(JSON.stringify({ error: { message: 'bench stub: no such route', type: 'invalid_request_error', code: null } }));

interface Step {
  provider?: unknown;
  endpoint?: unknown;
  headers?: Record<string, unknown>;
  query?: { stream?: unknown };
}

const stepFails = (step: Step) =>
  (step.provider !== 'openai' && step.provider !== 'workers-ai') ||
  typeof step.endpoint !== 'string' ||
  !ENDPOINT.test(step.endpoint) ||
  typeof step.query !== 'object' ||
  Object.keys(step.headers ?? {}).some((name) => name.toLowerCase() === FAIL_HEADER);

function answer(res: ServerResponse, step: number, stream: boolean): void {
  if (!stream) {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': completion.length, 'cf-aig-step': String(step), 'cf-aig-log-id': 'bench' });
    res.end(completion);
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'cf-aig-step': String(step), 'cf-aig-log-id': 'bench' });
  res.write(sseFirst);
  // A pause after the first event, so it reaches the client on its own read as it would from a model.
  setTimeout(() => {
    let i = 0;
    const next = () => {
      if (i === sseBatches.length - 1) res.end(sseBatches[i]);
      else if (res.write(sseBatches[i++]!)) setImmediate(next);
      else res.once('drain', next);
    };
    next();
  }, 1);
}

function fail(res: ServerResponse, status: number, body: Buffer, step?: number): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': body.length, ...(step === undefined ? {} : { 'cf-aig-step': String(step) }) });
  res.end(body);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  const body = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  const segments = (req.url ?? '').split('?')[0]!.split('/').filter(Boolean);
  const run = segments.indexOf('run');
  if (req.method === 'POST' && run !== -1 && segments[run + 1] === '@cf' && (segments[0] === 'client' ? segments[4] === 'ai' : segments[3] === 'workers-ai')) {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': runAnswer.length, 'cf-aig-log-id': 'bench' });
    res.end(runAnswer);
    return;
  }
  if (req.method !== 'POST' || segments[0] !== 'v1') return fail(res, 404, notFound);

  const direct = segments.length === 3 && segments[1] === 'chat' && segments[2] === 'completions';
  const universal = !direct && segments.length === 3;
  // One model goes to its provider-native path: OpenAI's, or Workers AI's OpenAI-compatible chat (`aigateway('@cf/…')`).
  const nativePath = segments.slice(4).join('/');
  const native = segments.length >= 5 && ((segments[3] === 'openai' && ENDPOINT.test(nativePath)) || (segments[3] === 'workers-ai' && nativePath === 'v1/chat/completions'));
  if (!direct && !universal && !native) return fail(res, 404, notFound);

  const stream = body.includes('"stream":true');
  // A provider-native request (createAI's client-side fallback tries one leg per request) fails on the marker header.
  if (native && req.headers[FAIL_HEADER] !== undefined) return fail(res, 500, failure);
  if (!universal) return answer(res, 0, stream);
  if (!STRICT && !body.includes(FAIL_HEADER)) {
    // A cheap sanity check instead of a parse: an array of OpenAI steps with a query.
    const plausible = body[0] === 0x5b && (body.includes('"provider":"openai"') || body.includes('"provider":"workers-ai"')) && body.includes('"query":{');
    return plausible ? answer(res, 0, stream) : fail(res, 500, failure, 0);
  }
  const parsed: unknown = JSON.parse(body.toString('utf8'));
  const steps = (Array.isArray(parsed) ? parsed : [parsed]) as Step[];
  const winner = steps.findIndex((step) => !stepFails(step));
  if (winner === -1) return fail(res, 500, failure, steps.length - 1);
  return answer(res, winner, steps[winner]!.query?.stream === true);
}

const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  handle(req, res).catch(() => {
    if (!res.headersSent) fail(res, 400, notFound);
    else res.destroy();
  });
});
server.listen(0, '127.0.0.1', 1024, () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  process.send?.({ port: address.port });
});
process.on('disconnect', () => process.exit(0));
