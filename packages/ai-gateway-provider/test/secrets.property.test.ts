import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import fc from 'fast-check';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAiGateway } from '../src';
import { startLocalServer, type LocalServer } from './local-server';

/**
 * Property: whatever secrets the library is given (gateway token, provider keys, secret-looking
 * extra headers, cookies) and wherever a hostile gateway or proxy echoes them (error envelope,
 * 200 envelope, provider error body, response headers, HTML page, redirect location, step header,
 * a network failure's message), none appears in the message, stack, JSON or util.inspect of the
 * error the caller gets, or of any error in its cause chain.
 */

/** Tokens as they come: letters, digits and the punctuation of base64, JWTs and URL-safe keys. */
const secret = fc.stringMatching(/^[A-Za-z0-9._~+/=-]{12,48}$/);

type EchoMode = 'envelope' | 'envelope-200' | 'provider-error' | 'html' | 'redirect' | 'step' | 'truncated';
const MODES: EchoMode[] = ['envelope', 'envelope-200', 'provider-error', 'html', 'redirect', 'step', 'truncated'];

/** Everything the gateway received, in one printable line: its headers and its body (provider keys travel there). */
function everything(request: IncomingMessage, body: string): string {
  return `${JSON.stringify(request.headers)} ${body}`;
}

/** A hostile gateway: echoes every secret it got in the place the `x-echo-mode` header names. */
function answer(request: IncomingMessage, response: ServerResponse, body: string): void {
  const all = everything(request, body);
  const token = String(request.headers['cf-aig-authorization'] ?? '').replace(/^Bearer /, '');
  // A fallback list is a universal body whose steps carry the provider keys; a single model goes
  // to the provider-native path, its keys in the request's own headers.
  // (The transport asks a refused redirect again without its body, to name its location: nothing to parse then.)
  const parsed = (body === '' ? null : JSON.parse(body)) as unknown;
  const stepHeaders = Array.isArray(parsed) ? (parsed as { headers: Record<string, string> }[]).map((step) => step.headers) : [request.headers as Record<string, string>];
  const keys = stepHeaders.flatMap((headers) => Object.values(headers)).filter((value) => typeof value === 'string' && /^[\x20-\x7e]*$/.test(value));
  const echoHeaders = { 'x-echo-token': token, 'x-echo-keys': keys.join(' '), 'x-echo-extra': String(request.headers['x-team-token'] ?? '') };
  switch (request.headers['x-echo-mode'] as EchoMode) {
    case 'envelope':
      response.writeHead(400, { 'content-type': 'application/json', ...echoHeaders });
      response.end(JSON.stringify({ success: false, error: [{ code: 2009, message: `Unauthorized: ${all}` }], message: all }));
      return;
    case 'envelope-200':
      response.writeHead(200, { 'content-type': 'application/json', ...echoHeaders });
      response.end(JSON.stringify({ success: false, error: [{ code: 2999, message: all }] }));
      return;
    case 'provider-error':
      response.writeHead(401, { 'content-type': 'application/json', 'cf-aig-step': '0', ...echoHeaders });
      response.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${keys.join(', ')}; ${all}`, type: 'invalid_request_error' } }));
      return;
    case 'html':
      response.writeHead(502, { 'content-type': 'text/html', ...echoHeaders });
      response.end(`<html><body><pre>${all}</pre></body></html>`);
      return;
    case 'redirect':
      response.writeHead(307, { location: `http://127.0.0.1:9/steal/${encodeURIComponent(token)}/${encodeURIComponent(keys.join('/'))}`, ...echoHeaders });
      response.end();
      return;
    case 'step':
      response.writeHead(200, { 'content-type': 'application/json', 'cf-aig-step': token, ...echoHeaders });
      response.end('{}');
      return;
    case 'truncated':
      response.writeHead(200, { 'content-type': 'application/json', 'cf-aig-step': '0', 'content-length': '100000', ...echoHeaders });
      response.write(`{"echo":${JSON.stringify(all)}`);
      setImmediate(() => response.destroy());
      return;
  }
}

let gateway: LocalServer;
beforeAll(async () => {
  gateway = await startLocalServer(answer);
});
afterAll(async () => {
  await gateway?.close();
});

/** Every text a caller could print: of the error and of each error in its cause chain. */
function printable(error: unknown): string {
  const texts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 10 && current !== undefined && current !== null; depth++) {
    if (typeof current !== 'object') {
      texts.push(typeof current === 'string' ? current : (JSON.stringify(current) ?? 'undefined'));
      break;
    }
    const e = current as { message?: unknown; stack?: unknown; cause?: unknown };
    texts.push(String(e.message), String(e.stack), safeJson(current), inspect(current, { depth: 10, showHidden: true }));
    current = e.cause;
  }
  return texts.join('\n');
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

const providers: Record<string, (key: string) => LanguageModelV4> = {
  openai: (key) => createOpenAI({ apiKey: key }).chat('gpt-5-mini'),
  anthropic: (key) => createAnthropic({ apiKey: key })('claude-sonnet-4-5'),
  google: (key) => createGoogleGenerativeAI({ apiKey: key })('gemini-2.5-flash'),
};

describe('no secret the library knows reaches an error', () => {
  it('whatever a hostile gateway echoes, and wherever', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          token: secret,
          providerKey: secret,
          extra: secret,
          cookie: secret,
          mode: fc.constantFrom(...MODES),
          provider: fc.constantFrom(...Object.keys(providers)),
          stream: fc.boolean(),
        }),
        async ({ token, providerKey, extra, cookie, mode, provider, stream }) => {
          const aigateway = createAiGateway({
            gatewayURL: `${gateway.url}/v1/acct/gw`,
            apiKey: token,
            headers: { 'x-echo-mode': mode, 'x-team-token': extra, cookie: `session=${cookie}` },
          });
          const leg = providers[provider]!(providerKey);
          const model = aigateway(mode === 'step' ? [leg, providers.openai!(providerKey)] : leg);
          const error = stream ? await streamError(model) : await generateText({ model, prompt: 'echo', maxRetries: 0 }).then(() => undefined, (e: unknown) => e);
          expect(error, `mode ${mode}: the call did not fail`).toBeDefined();
          const shown = printable(error);
          for (const value of [token, providerKey, extra, cookie]) {
            expect(shown.includes(value), `mode ${mode} (${provider}${stream ? ', streamed' : ''}) shows a secret`).toBe(false);
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it('when the network fails with the secrets in its own message', async () => {
    await fc.assert(
      fc.asyncProperty(secret, secret, async (token, providerKey) => {
        const failing: typeof fetch = (input, init) =>
          Promise.reject(new TypeError('fetch failed', { cause: new Error(`connect ECONNREFUSED ${input instanceof Request ? input.url : String(input as string)} Bearer ${token} ${typeof init?.body === 'string' ? init.body : ''}`) }));
        const aigateway = createAiGateway({ accountId: 'acct', gateway: 'gw', apiKey: token, fetch: failing });
        const error = await generateText({ model: aigateway(providers.openai!(providerKey)), prompt: 'x', maxRetries: 0 }).catch((e: unknown) => e);
        const shown = printable(error);
        expect(shown).toContain('ECONNREFUSED');
        expect(shown.includes(token) || shown.includes(providerKey)).toBe(false);
      }),
      { numRuns: 50 },
    );
  });

  it('when an option holding a secret is refused', () => {
    fc.assert(
      fc.property(secret, fc.constantFrom('cookie', 'x-session-id', 'authorization', 'x-api-key', 'x-auth-token'), (value, name) => {
        const attempts = [
          () => createAiGateway({ accountId: 'acct', gateway: 'gw', headers: { [name]: `${value}\n` } }),
          () => createAiGateway({ accountId: 'acct', gateway: 'gw', apiKey: `${value}\u0001` }),
        ];
        for (const attempt of attempts) {
          let error: unknown;
          try {
            attempt();
          } catch (caught) {
            error = caught;
          }
          expect(error).toBeDefined();
          expect(printable(error).includes(value)).toBe(false);
        }
      }),
      { numRuns: 100 },
    );
  });
});

async function streamError(model: LanguageModelV4): Promise<unknown> {
  const result = streamText({ model, prompt: 'echo', maxRetries: 0, onError: () => {} });
  try {
    for await (const part of result.fullStream) if (part.type === 'error') return part.error;
  } catch (error) {
    return error;
  }
  return undefined;
}
