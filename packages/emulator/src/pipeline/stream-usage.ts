const decoder = new TextDecoder();

type Tokens = { tokens_in?: number; tokens_out?: number };

const IN = ['prompt_tokens', 'input_tokens', 'promptTokenCount', 'inputTokens'];
const OUT = ['completion_tokens', 'output_tokens', 'candidatesTokenCount', 'outputTokens'];

/**
 * Token counts of a server-sent event stream, from the `usage` its events carry (OpenAI's last
 * chunk, Anthropic's `message_start` and `message_delta`, Gemini's `usageMetadata`, the Responses
 * API's `response.usage`); the last count seen wins. `parts` are the stream's first and last bytes.
 */
export function streamUsageOf(parts: readonly Uint8Array[]): Tokens {
  const out: Tokens = {};
  for (const part of parts) {
    for (const line of decoder.decode(part).split(/\r?\n/)) {
      if (!line.startsWith('data:') || !line.includes('sage')) continue;
      let event: unknown;
      try {
        event = JSON.parse(line.slice(5));
      } catch {
        continue; // cut at the edge of the kept bytes, or not JSON
      }
      if (event === null || typeof event !== 'object') continue;
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
  }
  return out;
}
