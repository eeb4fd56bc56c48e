import { createParser } from 'eventsource-parser';

const decoder = new TextDecoder();

type Tokens = { tokens_in?: number; tokens_out?: number };

const IN = ['prompt_tokens', 'input_tokens', 'promptTokenCount', 'inputTokens'];
const OUT = ['completion_tokens', 'output_tokens', 'candidatesTokenCount', 'outputTokens'];

/**
 * Token counts of a server-sent event stream, from the `usage` its events carry (OpenAI's last
 * chunk, Anthropic's `message_start` and `message_delta`, Gemini's `usageMetadata`, the Responses
 * API's `response.usage`); the last count seen wins. `parts` are the stream's first and last bytes,
 * each read by an SSE parser (`eventsource-parser`: LF, CRLF and CR-only line endings, events of
 * several `data:` lines); an event cut at the edge of a part is skipped.
 */
export function streamUsageOf(parts: readonly Uint8Array[]): Tokens {
  const out: Tokens = {};
  for (const part of parts) {
    const parser = createParser({ onEvent: (event) => readUsage(event.data, out) });
    parser.feed(decoder.decode(part));
    // The last event of the part may lack its blank line (the stream ended without one): read it too.
    parser.reset({ consume: true });
  }
  return out;
}

function readUsage(data: string, out: Tokens): void {
  if (!data.includes('sage')) return;
  let event: unknown;
  try {
    event = JSON.parse(data);
  } catch {
    return; // cut at the edge of the kept bytes, or not JSON
  }
  if (event === null || typeof event !== 'object') return;
  const e = event as Record<string, Record<string, unknown> | undefined>;
  for (const usage of [e.usage, e.usageMetadata, e.message?.usage, e.response?.usage]) {
    if (usage === null || typeof usage !== 'object') continue;
    const counts = usage as Record<string, unknown>;
    const tokensIn = IN.map((name) => counts[name]).find((v): v is number => typeof v === 'number');
    const tokensOut = OUT.map((name) => counts[name]).find((v): v is number => typeof v === 'number');
    if (tokensIn !== undefined) out.tokens_in = tokensIn;
    if (tokensOut !== undefined) out.tokens_out = tokensOut;
  }
}
