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
 * extra headers, cookies, secret headers given per call or by the provider's settings), wherever a
 * hostile gateway or proxy echoes them (error envelope, 200 envelope as JSON or plain text,
 * provider error body, response headers, HTML page, redirect location, step header, a 2xx body cut
 * off or of the wrong shape, an SSE error event or unreadable event, a network failure's message)
 * and however it writes them (as they are, JSON `\u`-escaped in part or whole or inside a nested
 * JSON string, percent-encoded, base64 alone or as `Bearer <x>` / `user:<x>`), neither they nor a
 * form that gives them away appears in the message, stack, JSON or util.inspect (showHidden,
 * unlimited depth) of the error the caller gets (thrown, or in a `streamText` error part), or of
 * any error in its cause chain; `responseBody` and `responseHeaders` are among the properties shown.
 * And when the answer succeeds with headers that echo them, nor does the result (its response
 * headers, steps, provider metadata and stream parts).
 */

/** Tokens as they come: letters, digits and the punctuation of base64, JWTs and URL-safe keys. */
const secret = fc.stringMatching(/^[A-Za-z0-9._~+/=-]{12,48}$/);
/** A value that looks like a credential whatever its header's name: a long run with letters and digits. */
const secretLooking = fc.stringMatching(/^[A-Za-z0-9]{14,40}$/).map((value) => `k9${value}`);

type EchoMode =
  | 'envelope'
  | 'envelope-200'
  | 'envelope-text-200'
  | 'provider-error'
  | 'html'
  | 'redirect'
  | 'step'
  | 'truncated'
  | 'cut-200'
  | 'shape-200'
  | 'sse-error'
  | 'sse-garbage';
const MODES: EchoMode[] = [
  'envelope',
  'envelope-200',
  'envelope-text-200',
  'provider-error',
  'html',
  'redirect',
  'step',
  'truncated',
  'cut-200',
  'shape-200',
  'sse-error',
  'sse-garbage',
];

/** How the gateway writes each secret it echoes: as is, JSON-escaped in part or whole, URL-encoded, base64-encoded. */
type Encoding = 'raw' | 'u-first' | 'u-all' | 'u-nested' | 'url-lower' | 'base64' | 'base64-bearer' | 'base64url-basic';
const ENCODINGS: Encoding[] = ['raw', 'u-first', 'u-all', 'u-nested', 'url-lower', 'base64', 'base64-bearer', 'base64url-basic'];

const unicode = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
const base64 = (text: string, url = false) => Buffer.from(text).toString(url ? 'base64url' : 'base64');
/** The `prefix`-independent part of base64(prefix + value): what gives the value away. */
const base64Core = (prefix: string, value: string, url = false) =>
  base64(prefix + value, url).slice(Math.ceil((prefix.length * 8) / 6), Math.floor(((prefix.length + value.length) * 8) / 6));

/** `value` as the gateway writes it into a JSON string (every form is also valid in a header or HTML). */
function encode(value: string, encoding: Encoding): string {
  switch (encoding) {
    case 'raw':
      return value;
    case 'u-first':
      return unicode(value[0]!) + value.slice(1);
    case 'u-all':
      return [...value].map(unicode).join('');
    case 'u-nested':
      // A JSON text inside a JSON string: the escape's backslash is escaped in turn.
      return `\\${unicode(value[0]!)}${value.slice(1)}`;
    case 'url-lower':
      return [...value].map((char) => `%${char.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
    case 'base64':
      return base64(value);
    case 'base64-bearer':
      return base64(`Bearer ${value}`);
    case 'base64url-basic':
      return base64(`user:${value}`, true);
  }
}

/** What must never be shown for a secret written in `encoding`: the secret, nearly all of it, and its encoded core. */
function giveaways(value: string, encoding: Encoding): string[] {
  const out = [value, value.slice(1), value.slice(0, -1)];
  if (encoding === 'u-first' || encoding === 'u-all' || encoding === 'url-lower') out.push(encode(value, encoding));
  if (encoding === 'base64') out.push(base64Core('', value));
  if (encoding === 'base64-bearer') out.push(base64Core('Bearer ', value));
  if (encoding === 'base64url-basic') out.push(base64Core('user:', value, true));
  return out;
}

/** The secrets of the running case and how the gateway writes them (cases run one at a time). */
let current: { secrets: string[]; encoding: Encoding } = { secrets: [], encoding: 'raw' };

/** `text` with every secret of the running case written as the case's encoding says. */
function encodeSecrets(text: string): string {
  let out = text;
  for (const value of [...current.secrets].sort((a, b) => b.length - a.length)) out = out.split(value).join(encode(value, current.encoding));
  return out;
}

/** Everything the gateway received, in one printable line: its headers and its body (provider keys travel there). */
function everything(request: IncomingMessage, body: string): string {
  return `${JSON.stringify(request.headers)} ${body}`;
}

/** A streamed error event in the provider's own format (Google has none: a chunk its schema refuses). */
function sseError(path: string, text: string): string {
  if (path.includes('/anthropic/')) return `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: text } })}\n\n`;
  if (path.includes('/google-ai-studio/')) return `data: ${JSON.stringify({ candidates: text })}\n\n`;
  return `data: ${JSON.stringify({ error: { message: text, type: 'server_error', code: 'echo' } })}\n\n`;
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
  const echoHeaders = {
    'x-echo-token': encodeSecrets(token),
    'x-echo-keys': encodeSecrets(keys.join(' ')),
    'x-echo-extra': encodeSecrets(String(request.headers['x-team-token'] ?? '')),
  };
  const json = (value: unknown) => encodeSecrets(JSON.stringify(value));
  const path = request.url ?? '';
  if (request.headers['x-echo-mode'] === 'ok-200') {
    // A successful answer (OpenAI chat, whole or streamed) whose headers echo every secret.
    const streamed = /"stream":\s*true/.test(body);
    response.writeHead(200, { 'content-type': streamed ? 'text/event-stream' : 'application/json', 'cf-aig-step': '0', 'cf-aig-log-id': encodeSecrets(token), ...echoHeaders });
    response.end(streamed ? OK_EVENTS : OK_COMPLETION);
    return;
  }
  switch (request.headers['x-echo-mode'] as EchoMode) {
    case 'envelope':
      response.writeHead(400, { 'content-type': 'application/json', ...echoHeaders });
      response.end(json({ success: false, error: [{ code: 2009, message: `Unauthorized: ${all}` }], message: all }));
      return;
    case 'envelope-200':
      response.writeHead(200, { 'content-type': 'application/json', ...echoHeaders });
      response.end(json({ success: false, error: [{ code: 2999, message: all }] }));
      return;
    case 'envelope-text-200':
      response.writeHead(200, { 'content-type': 'text/plain', ...echoHeaders });
      response.end(json({ success: false, error: [{ code: 2999, message: all }] }));
      return;
    case 'provider-error':
      response.writeHead(401, { 'content-type': 'application/json', 'cf-aig-step': '0', ...echoHeaders });
      response.end(json({ error: { message: `Incorrect API key provided: ${keys.join(', ')}; ${all}`, type: 'invalid_request_error' } }));
      return;
    case 'html':
      response.writeHead(502, { 'content-type': 'text/html', ...echoHeaders });
      response.end(encodeSecrets(`<html><body><pre>${all}</pre></body></html>`));
      return;
    case 'redirect':
      response.writeHead(307, { location: `http://127.0.0.1:9/steal/${encodeSecrets(encodeURIComponent(token))}/${encodeSecrets(encodeURIComponent(keys.join('/')))}`, ...echoHeaders });
      response.end();
      return;
    case 'step':
      response.writeHead(200, { 'content-type': 'application/json', 'cf-aig-step': encodeSecrets(token), ...echoHeaders });
      response.end('{}');
      return;
    case 'truncated':
      response.writeHead(200, { 'content-type': 'application/json', 'cf-aig-step': '0', 'content-length': '100000', ...echoHeaders });
      response.write(`{"echo":${json(all)}`);
      setImmediate(() => response.destroy());
      return;
    case 'cut-200':
      // Complete as sent (its length is right), but not JSON: the provider's parser quotes it.
      response.writeHead(200, { 'content-type': 'application/json', 'cf-aig-step': '0', ...echoHeaders });
      response.end(`{"debug":${json(all)}`);
      return;
    case 'shape-200':
      // JSON, but not the provider's answer: its schema check quotes the value (a streamed call gets no event stream).
      response.writeHead(200, { 'content-type': 'application/json', 'cf-aig-step': '0', ...echoHeaders });
      response.end(json({ choices: all, content: all, candidates: all, debug: all }));
      return;
    case 'sse-error':
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cf-aig-step': '0', ...echoHeaders });
      response.end(encodeSecrets(sseError(path, all)));
      return;
    case 'sse-garbage':
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cf-aig-step': '0', ...echoHeaders });
      response.end(`data: {"debug":${json(all)}\n\n`);
      return;
  }
}

const OK_COMPLETION = JSON.stringify({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-5-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
});
const OK_EVENTS =
  `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-5-mini', choices: [{ index: 0, delta: { role: 'assistant', content: 'ok' }, finish_reason: null }] })}\n\n` +
  `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-5-mini', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`;

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
    texts.push(String(e.message), String(e.stack), safeJson(current), inspect(current, { depth: Infinity, showHidden: true }));
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

const providers: Record<string, (key: string, headers?: Record<string, string>) => LanguageModelV4> = {
  openai: (key, headers) => createOpenAI({ apiKey: key, headers }).chat('gpt-5-mini'),
  anthropic: (key, headers) => createAnthropic({ apiKey: key, headers })('claude-sonnet-4-5'),
  google: (key, headers) => createGoogleGenerativeAI({ apiKey: key, headers })('gemini-2.5-flash'),
};

describe('no secret the library knows reaches an error', () => {
  it('whatever a hostile gateway echoes, wherever, and however it writes it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          token: secret,
          providerKey: secret,
          extra: secret,
          cookie: secret,
          callToken: secret,
          callRef: secretLooking,
          providerHeader: secret,
          mode: fc.constantFrom(...MODES),
          encoding: fc.constantFrom(...ENCODINGS),
          provider: fc.constantFrom(...Object.keys(providers)),
          stream: fc.boolean(),
        }),
        async ({ token, providerKey, extra, cookie, callToken, callRef, providerHeader, mode, encoding, provider, stream }) => {
          const secrets = [token, providerKey, extra, cookie, callToken, callRef, providerHeader];
          current = { secrets, encoding };
          const aigateway = createAiGateway({
            gatewayURL: `${gateway.url}/v1/acct/gw`,
            apiKey: token,
            headers: { 'x-echo-mode': mode, 'x-team-token': extra, cookie: `session=${cookie}` },
          });
          const leg = providers[provider]!(providerKey, { 'x-provider-auth': providerHeader });
          const model = aigateway(mode === 'step' ? [leg, providers.openai!(providerKey)] : leg);
          // Secret headers given per call, through the AI SDK's own option.
          const headers = { 'x-call-token': callToken, 'x-call-ref': callRef };
          const error = stream ? await streamError(model, headers) : await generateText({ model, prompt: 'echo', maxRetries: 0, headers }).then(() => undefined, (e: unknown) => e);
          const where = `mode ${mode}, ${encoding} (${provider}${stream ? ', streamed' : ''})`;
          expect(error, `${where}: the call did not fail`).toBeDefined();
          const shown = printable(error);
          for (const value of secrets) {
            for (const giveaway of giveaways(value, encoding)) expect(shown.includes(giveaway), `${where} shows a secret (${JSON.stringify(giveaway)})`).toBe(false);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('in every place, every form, with every provider, streamed or not (all of them, one secret set)', async () => {
    const secrets = ['Tok3nAbcDEFghij1234', 'pk-KeyXYZ9876543210', 'ExtraVal0123456789a', 'CookieV4lue9876543', 'CallT0kenAbcdefgh1', 'k9CallRefAbcdef123', 'ProvH3aderXYZ12345'];
    const [token, providerKey, extra, cookie, callToken, callRef, providerHeader] = secrets as [string, string, string, string, string, string, string];
    const leaks: string[] = [];
    let paths = 0;
    for (const mode of MODES) {
      for (const encoding of ENCODINGS) {
        for (const provider of Object.keys(providers)) {
          for (const stream of [false, true]) {
            current = { secrets, encoding };
            const aigateway = createAiGateway({ gatewayURL: `${gateway.url}/v1/acct/gw`, apiKey: token, headers: { 'x-echo-mode': mode, 'x-team-token': extra, cookie: `session=${cookie}` } });
            const leg = providers[provider]!(providerKey, { 'x-provider-auth': providerHeader });
            const model = aigateway(mode === 'step' ? [leg, providers.openai!(providerKey)] : leg);
            const headers = { 'x-call-token': callToken, 'x-call-ref': callRef };
            const error = stream ? await streamError(model, headers) : await generateText({ model, prompt: 'echo', maxRetries: 0, headers }).then(() => undefined, (e: unknown) => e);
            paths++;
            const shown = printable(error);
            const found = error === undefined ? ['(the call did not fail)'] : secrets.flatMap((value) => giveaways(value, encoding).filter((giveaway) => shown.includes(giveaway)));
            if (found.length > 0) leaks.push(`${mode}, ${encoding} (${provider}${stream ? ', streamed' : ''}): ${found.join(' ')}`);
          }
        }
      }
    }
    expect(paths).toBe(MODES.length * ENCODINGS.length * Object.keys(providers).length * 2);
    expect(leaks).toEqual([]);
  });

  it('nor the result of a successful answer whose headers echo them (response headers, steps, metadata, stream parts)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ token: secret, providerKey: secret, extra: secret, callToken: secret, callRef: secretLooking, providerHeader: secret, encoding: fc.constantFrom(...ENCODINGS), stream: fc.boolean() }),
        async ({ token, providerKey, extra, callToken, callRef, providerHeader, encoding, stream }) => {
          const secrets = [token, providerKey, extra, callToken, callRef, providerHeader];
          current = { secrets, encoding };
          const aigateway = createAiGateway({ gatewayURL: `${gateway.url}/v1/acct/gw`, apiKey: token, headers: { 'x-echo-mode': 'ok-200', 'x-team-token': extra } });
          const model = aigateway(providers.openai!(providerKey, { 'x-provider-auth': providerHeader }));
          const headers = { 'x-call-token': callToken, 'x-call-ref': callRef };
          let shown: string;
          if (stream) {
            const result = streamText({ model, prompt: 'echo', maxRetries: 0, headers, onError: () => {} });
            const parts: unknown[] = [];
            for await (const part of result.fullStream) parts.push(part);
            expect(await result.text).toBe('ok');
            shown = inspect([parts, await result.response, await result.steps, await result.providerMetadata], { depth: Infinity, showHidden: true });
          } else {
            const result = await generateText({ model, prompt: 'echo', maxRetries: 0, headers });
            expect(result.text).toBe('ok');
            shown = inspect([result.response, result.steps, result.providerMetadata], { depth: Infinity, showHidden: true });
          }
          for (const value of secrets) {
            for (const giveaway of giveaways(value, encoding)) expect(shown.includes(giveaway), `${encoding}${stream ? ', streamed' : ''} shows a secret (${JSON.stringify(giveaway)})`).toBe(false);
          }
        },
      ),
      { numRuns: 100 },
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

async function streamError(model: LanguageModelV4, headers?: Record<string, string>): Promise<unknown> {
  const result = streamText({ model, prompt: 'echo', maxRetries: 0, onError: () => {}, ...(headers ? { headers } : {}) });
  try {
    for await (const part of result.fullStream) if (part.type === 'error') return part.error;
  } catch (error) {
    return error;
  }
  return undefined;
}
