import { setTimeout as sleep } from 'node:timers/promises';
import type { UpstreamRequest, UpstreamResponse, Upstreams } from '../../src/upstreams/index.js';

/** What the fake upstream saw. */
export interface SeenRequest extends Omit<UpstreamRequest, 'signal' | 'body'> {
  body: string;
}

const KNOWN = new Set(['openai', 'anthropic', 'google-ai-studio', 'groq', 'mistral', 'workers-ai', 'compat', 'custom-acme', 'azure-openai', 'aws-bedrock']);
const AUTH = ['authorization', 'x-api-key', 'api-key', 'x-goog-api-key'];

/**
 * A tiny stand-in for the simulated providers. It answers 200 JSON echoing what it received,
 * or an SSE stream when the body has `"stream": true` (`"events": n`, default 3). Scripting
 * headers: `x-fake-status` (answer with that status), `x-fake-delay` (ms before headers).
 * Without a provider key and without BYOK it answers 401, like a real provider.
 */
export function createFakeUpstreams(): Upstreams & { seen: SeenRequest[]; aborted: number } {
  const fake = {
    seen: [] as SeenRequest[],
    aborted: 0,
    knows: (provider: string) => KNOWN.has(provider),
    async handle(request: UpstreamRequest): Promise<UpstreamResponse> {
      const body = new TextDecoder().decode(request.body);
      fake.seen.push({ provider: request.provider, endpoint: request.endpoint, method: request.method, headers: request.headers, byok: request.byok, body });
      request.signal.addEventListener('abort', () => (fake.aborted += 1), { once: true });
      const delay = Number(request.headers['x-fake-delay'] ?? 0);
      if (delay > 0) await sleep(delay, undefined, { signal: request.signal });
      const status = Number(request.headers['x-fake-status'] ?? 200);
      if (status !== 200) {
        return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: { message: `fake ${status}` } }) };
      }
      if (!request.byok && !AUTH.some((name) => request.headers[name] !== undefined)) {
        return { status: 401, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: { message: "You didn't provide an API key." } }) };
      }
      let parsed: Record<string, unknown> = {};
      try {
        parsed = JSON.parse(body) as Record<string, unknown>;
      } catch {
        // not JSON (multipart etc.)
      }
      if (parsed.stream === true) {
        const events = typeof parsed.events === 'number' ? parsed.events : 3;
        return {
          status: 200,
          headers: { 'content-type': 'text/event-stream' },
          body: (async function* () {
            for (let i = 0; i < events; i++) yield `data: {"n":${i}}\n\n`;
            yield 'data: [DONE]\n\n';
          })(),
        };
      }
      return {
        status: 200,
        headers: { 'content-type': 'application/json', 'x-fake-provider': request.provider },
        body: JSON.stringify({
          provider: request.provider,
          endpoint: request.endpoint,
          byok: request.byok,
          model: parsed.model,
          echo: body.length < 2000 ? body : body.slice(0, 2000),
          usage: { prompt_tokens: 3, completion_tokens: 5 },
        }),
      };
    },
  };
  return fake;
}
