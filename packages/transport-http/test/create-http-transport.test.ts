import type { GatewayRequest, GatewayStep } from '@aigw/core';
import { AiGatewayInvalidOptionsError, AiGatewayNetworkError } from '@aigw/errors';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpTransport, type HttpTransportSettings } from '../src';

/** The User-Agent suffix carries the package's own version, injected at build time. */
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
const UA = `ai-gateway-provider-transport-http/${version}`;

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: BodyInit | null | undefined;
  signal: AbortSignal | null | undefined;
}

function recordingFetch(answer: () => Response = () => new Response('{}', { status: 200 })) {
  const sent: Sent[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push({
      url: urlOf(input),
      method: init?.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init?.headers)),
      body: init?.body,
      signal: init?.signal,
    });
    return answer();
  }) as typeof globalThis.fetch;
  return { fetch, sent };
}

const jsonStep = (overrides: Partial<GatewayStep> = {}): GatewayStep => ({
  provider: 'openai',
  endpoint: 'chat/completions',
  method: 'POST',
  headers: { authorization: 'Bearer sk-provider', 'content-type': 'application/json', 'cf-aig-cache-ttl': '0' },
  body: '{"model":"gpt-x","messages":[]}',
  json: true,
  ...overrides,
});

const universal = (steps: GatewayStep[], headers: Record<string, string> = {}): GatewayRequest => ({ mode: 'universal', steps, headers });

const base = { accountId: 'acct', gateway: 'my-gateway' } satisfies HttpTransportSettings;

describe('createHttpTransport: universal requests', () => {
  it('POSTs the universal body, bodies spliced in unparsed, to {base}/{account}/{gateway}', async () => {
    const { fetch, sent } = recordingFetch();
    const transport = createHttpTransport({ ...base, fetch });
    const body = '{"model":"gpt-x",  "messages":[]}';
    await transport.send(universal([jsonStep({ body }), jsonStep({ provider: 'anthropic', endpoint: 'v1/messages' })]));
    expect(transport.name).toBe('http');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('https://gateway.ai.cloudflare.com/v1/acct/my-gateway');
    expect(sent[0]!.method).toBe('POST');
    expect(sent[0]!.headers['content-type']).toBe('application/json');
    // UTF-8 bytes, encoded from the pieces: fetch sends them as they are.
    expect(sent[0]!.body).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(sent[0]!.body as Uint8Array)).toBe(
      '[{"provider":"openai","endpoint":"chat/completions","headers":{"authorization":"Bearer sk-provider","content-type":"application/json","cf-aig-cache-ttl":"0"},"query":{"model":"gpt-x",  "messages":[]}},' +
        '{"provider":"anthropic","endpoint":"v1/messages","headers":{"authorization":"Bearer sk-provider","content-type":"application/json","cf-aig-cache-ttl":"0"},"query":{"model":"gpt-x","messages":[]}}]',
    );
  });

  it('puts the account and gateway ids into the path and trims the base URL', async () => {
    const { fetch, sent } = recordingFetch();
    await createHttpTransport({ accountId: '0123abcdef_A-9', gateway: 'gw_1-x', baseURL: 'http://127.0.0.1:9/v1//', fetch }).send(universal([jsonStep()]));
    expect(sent[0]!.url).toBe('http://127.0.0.1:9/v1/0123abcdef_A-9/gw_1-x');
  });

  it('layers outer headers: settings.headers < request.headers < cf-aig-authorization, plus a user-agent suffix', async () => {
    const { fetch, sent } = recordingFetch();
    const transport = createHttpTransport({
      ...base,
      apiKey: 'cf-token',
      fetch,
      headers: { 'X-Team': 'blue', 'cf-aig-cache-ttl': '60', 'cf-aig-authorization': 'Bearer other', 'user-agent': 'my-app/1.0' },
    });
    await transport.send(universal([jsonStep()], { 'cf-aig-cache-ttl': '3600', 'cf-aig-event-id': 'evt' }));
    expect(sent[0]!.headers).toEqual({
      'x-team': 'blue',
      'cf-aig-cache-ttl': '3600',
      'cf-aig-event-id': 'evt',
      'cf-aig-authorization': 'Bearer cf-token',
      'content-type': 'application/json',
      'user-agent': `my-app/1.0 ${UA}`,
    });
  });

  it('sends no cf-aig-authorization without an apiKey (never "Bearer undefined")', async () => {
    const { fetch, sent } = recordingFetch();
    await createHttpTransport({ ...base, fetch }).send(universal([jsonStep()]));
    expect(sent[0]!.headers['cf-aig-authorization']).toBeUndefined();
    expect(sent[0]!.headers['user-agent']).toBe(UA);
  });

  it('passes the signal to fetch and returns the Response untouched, whatever its status', async () => {
    const answer = new Response('{"success":false}', { status: 401, headers: { 'cf-aig-step': '0' } });
    const { fetch, sent } = recordingFetch(() => answer);
    const controller = new AbortController();
    const response = await createHttpTransport({ ...base, fetch }).send(universal([jsonStep()]), { signal: controller.signal });
    expect(response).toBe(answer);
    expect(sent[0]!.signal).toBe(controller.signal);
  });

  it('uses the global fetch, looked up at send time, when none is given', async () => {
    const { fetch, sent } = recordingFetch();
    const transport = createHttpTransport(base);
    const original = globalThis.fetch;
    globalThis.fetch = fetch;
    try {
      await transport.send(universal([jsonStep()]));
    } finally {
      globalThis.fetch = original;
    }
    expect(sent).toHaveLength(1);
  });
});

describe('createHttpTransport: provider mode', () => {
  it('sends the body untouched with the step method to {root}/{provider}/{endpoint}; step headers win', async () => {
    const { fetch, sent } = recordingFetch();
    const form = new FormData();
    form.append('file', new Blob(['abc']), 'a.wav');
    const step = jsonStep({
      endpoint: 'audio/transcriptions?x=1',
      headers: { authorization: 'Bearer sk-provider', 'cf-aig-cache-ttl': '0', 'content-type': 'multipart/form-data; boundary=captured' },
      body: form,
      json: false,
    });
    await createHttpTransport({ ...base, apiKey: 'cf-token', fetch, headers: { 'x-extra': '1' } }).send({
      mode: 'provider',
      steps: [step],
      headers: { 'cf-aig-cache-ttl': '60', 'cf-aig-event-id': 'evt' },
    });
    expect(sent[0]!.url).toBe('https://gateway.ai.cloudflare.com/v1/acct/my-gateway/openai/audio/transcriptions?x=1');
    expect(sent[0]!.method).toBe('POST');
    expect(sent[0]!.body).toBe(form);
    expect(sent[0]!.headers).toEqual({
      'x-extra': '1',
      'cf-aig-cache-ttl': '0',
      'cf-aig-event-id': 'evt',
      authorization: 'Bearer sk-provider',
      'cf-aig-authorization': 'Bearer cf-token',
      'user-agent': UA,
    });
  });

  it('keeps a binary body and its content type', async () => {
    const { fetch, sent } = recordingFetch();
    const bytes = new Uint8Array([1, 2, 3]);
    await createHttpTransport({ ...base, fetch }).send({
      mode: 'provider',
      steps: [jsonStep({ method: 'PUT', endpoint: 'v1/upload', headers: { 'content-type': 'audio/wav' }, body: bytes, json: false })],
      headers: {},
    });
    expect(sent[0]!).toMatchObject({ method: 'PUT', body: bytes, url: 'https://gateway.ai.cloudflare.com/v1/acct/my-gateway/openai/v1/upload' });
    expect(sent[0]!.headers['content-type']).toBe('audio/wav');
  });
});

describe('createHttpTransport: gatewayURL (custom domains)', () => {
  it('POSTs universal requests to the gateway URL and provider requests below it', async () => {
    const { fetch, sent } = recordingFetch();
    const transport = createHttpTransport({ gatewayURL: 'https://ai.example.com/', fetch });
    await transport.send(universal([jsonStep()]));
    await transport.send({ mode: 'provider', steps: [jsonStep({ endpoint: 'v1/chat/completions', body: new Blob(['x']), json: false })], headers: {} });
    expect(sent.map((s) => s.url)).toEqual(['https://ai.example.com', 'https://ai.example.com/openai/v1/chat/completions']);
  });

  it('rejects gatewayURL combined with accountId, gateway or baseURL', () => {
    expect(() => createHttpTransport({ gatewayURL: 'https://ai.example.com', accountId: 'acct' })).toThrow(/accountId.*gatewayURL/);
    expect(() => createHttpTransport({ gatewayURL: 'https://ai.example.com', baseURL: 'https://x.example' })).toThrow(/baseURL/);
  });
});

describe('createHttpTransport: settings are checked at creation', () => {
  const cases: [string, unknown, RegExp][] = [
    ['a missing account id', { gateway: 'gw' }, /"accountId".*is missing/],
    ['an empty account id', { accountId: ' ', gateway: 'gw' }, /"accountId"/],
    ['an account id of ".."', { accountId: '..', gateway: 'gw' }, /"accountId".*dot segment.*32 hex digits/],
    ['an account id of "%2e%2e"', { accountId: '%2e%2e', gateway: 'gw' }, /"accountId".*"%"/],
    ['a gateway of ".."', { accountId: 'a', gateway: '..' }, /"gateway".*dot segment/],
    ['an account id with a slash', { accountId: 'a/b', gateway: 'gw' }, /"accountId"/],
    ['an account id with a space', { accountId: 'a b', gateway: 'gw' }, /"accountId"/],
    ['a missing gateway', { accountId: 'a' }, /"gateway".*is missing/],
    ['a gateway with a slash', { accountId: 'a', gateway: 'my/gw' }, /"gateway".*1 to 64 letters/],
    ['a gateway of 65 characters', { accountId: 'a', gateway: 'g'.repeat(65) }, /"gateway"/],
    ['an empty gateway', { accountId: 'a', gateway: '' }, /"gateway"/],
    ['a base URL that is not http(s)', { ...base, baseURL: 'ftp://example.com/v1' }, /"baseURL".*protocol ftp:/],
    ['a base URL that is not a URL', { ...base, baseURL: 'gateway.ai.cloudflare.com' }, /"baseURL".*not a URL/],
    ['a gatewayURL that is not http(s)', { gatewayURL: 'ws://ai.example.com' }, /"gatewayURL"/],
    ['a fetch that is not a function', { ...base, fetch: 'fetch' }, /"fetch".*not a function/],
    ['an apiKey that is not a string', { ...base, apiKey: 42 }, /"apiKey"/],
    ['an empty apiKey', { ...base, apiKey: '' }, /"apiKey"/],
    ['headers that are not an object', { ...base, headers: 'x' }, /"headers"/],
    ['headers that are a boxed String (it sent a header named 0)', { ...base, headers: Object('abc') as unknown }, /"headers": is not a plain object \(got a String\)/],
    ['headers that are an array', { ...base, headers: [['x-a', 'b']] }, /"headers": is not a plain object/],
    ['headers that are a class instance', { ...base, headers: new (class Custom { 'x-a' = 'b'; })() }, /"headers": is not a plain object \(got a Custom\)/],
    ['headers that are a Map with a name that is not a string', { ...base, headers: new Map([[1, 'b']]) }, /"headers".*Map with a name/],
    ['headers that are a Headers with a hop-by-hop header', { ...base, headers: new Headers({ host: 'evil.example' }) }, /"headers.host"/],
    ['an apiKey with a space', { ...base, apiKey: 'abc def' }, /"apiKey": contains a space/],
    ['a header value with a line break', { ...base, headers: { 'x-a': 'b\r\nx-evil: 1' } }, /"headers.x-a"/],
    ['a header value with a control character', { ...base, headers: { 'x-a': 'b\u0001' } }, /"headers.x-a".*printable ASCII/],
    ['a header value outside ASCII', { ...base, headers: { 'x-a': 'Zoë' } }, /"headers.x-a".*printable ASCII/],
    ['a header name with a space', { ...base, headers: { 'x a': 'b' } }, /"headers.x a".*not an HTTP header name/],
    ['a content-length header (it hung the call)', { ...base, headers: { 'Content-Length': '10' } }, /"headers.Content-Length".*one connection.*other than/],
    ['a transfer-encoding header', { ...base, headers: { 'transfer-encoding': 'chunked' } }, /"headers.transfer-encoding"/],
    ['a host header', { ...base, headers: { host: 'evil.example' } }, /"headers.host"/],
    ['settings that are not an object', null, /"settings"/],
  ];
  it.each(cases)('rejects %s with AiGatewayInvalidOptionsError', (_label, settings, message) => {
    let caught: unknown;
    try {
      createHttpTransport(settings as HttpTransportSettings);
    } catch (error) {
      caught = error;
    }
    expect(AiGatewayInvalidOptionsError.isInstance(caught)).toBe(true);
    expect((caught as Error).message).toMatch(message);
  });

  it.each([
    ['cookie', { cookie: 'session=s3cr3t-cookie-value\n' }],
    ['x-session-id', { 'x-session-id': 's3cr3t-cookie-value\u0001' }],
  ])('never shows the rejected value of a %s header', (_name, headers) => {
    const error = (() => {
      try {
        createHttpTransport({ ...base, headers });
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(AiGatewayInvalidOptionsError.isInstance(error)).toBe(true);
    expect(error!.message).toMatch(/not shown/);
    expect(`${error!.message} ${error!.stack} ${JSON.stringify(error)}`).not.toContain('s3cr3t');
  });

  it('refuses, before sending, headers larger than the gateway accepts', async () => {
    const { fetch, sent } = recordingFetch();
    const transport = createHttpTransport({ ...base, fetch, headers: { 'x-a': 'a'.repeat(17_000), 'x-b': 'b'.repeat(17_000) } });
    await expect(transport.send(universal([jsonStep()]))).rejects.toSatisfy(
      (e) => AiGatewayInvalidOptionsError.isInstance(e) && /"headers".*at most 32768 bytes/.test((e as Error).message),
    );
    expect(sent).toHaveLength(0);
  });

  it('refuses a provider-mode step header that fetch would reject, as a non-retryable options error', async () => {
    const { fetch, sent } = recordingFetch();
    const step = jsonStep({ headers: { 'x-trace': 'bad\u0007value' }, body: new Blob(['x']), json: false });
    const error = await createHttpTransport({ ...base, fetch }).send({ mode: 'provider', steps: [step], headers: {} }).catch((e: unknown) => e);
    expect(AiGatewayInvalidOptionsError.isInstance(error)).toBe(true);
    expect(AiGatewayNetworkError.isInstance(error)).toBe(false);
    expect((error as { isRetryable?: unknown }).isRetryable).toBeUndefined();
    expect(sent).toHaveLength(0);
  });

  it('asks fetch never to follow a redirect', async () => {
    const { fetch } = recordingFetch();
    let init: RequestInit | undefined;
    await createHttpTransport({ ...base, fetch: (url, i) => ((init = i), fetch(url, i)) }).send(universal([jsonStep()]));
    expect(init?.redirect).toBe('manual');
  });

  it('tells core the secrets it adds (token, secret-looking extra headers), without showing them when printed', async () => {
    const transport = createHttpTransport({ ...base, apiKey: 'cf-token-123456', headers: { 'x-api-key': 'Bearer hdr-secret-1', 'x-ref': 'abcDEF1234567890xyz', accept: 'application/json' } });
    expect(transport.secrets?.()).toEqual(expect.arrayContaining(['cf-token-123456', 'hdr-secret-1', 'abcDEF1234567890xyz']));
    expect(transport.secrets?.()).not.toContain('application/json');
    const { inspect } = await import('node:util');
    expect(`${inspect(transport, { depth: 5 })} ${JSON.stringify(transport)}`).not.toMatch(/cf-token-123456|hdr-secret-1/);
  });

  it('rejects an apiKey containing CR/LF without showing it', () => {
    const secret = 'cf-secret-token\r\nx-injected: 1';
    let caught: unknown;
    try {
      createHttpTransport({ ...base, apiKey: secret });
    } catch (error) {
      caught = error;
    }
    expect(AiGatewayInvalidOptionsError.isInstance(caught)).toBe(true);
    expect((caught as Error).message).toMatch(/"apiKey".*control or non-ASCII character/);
    expect((caught as Error).message).not.toContain('cf-secret-token');
  });

  it('does not show credentials of a rejected base URL', () => {
    expect(() => createHttpTransport({ ...base, baseURL: 'ftp://user:hunter2@example.com' })).toThrow(/baseURL/);
    try {
      createHttpTransport({ ...base, baseURL: 'ftp://user:hunter2@example.com' });
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
  });
});

describe('createHttpTransport: failures', () => {
  it('turns a fetch TypeError into a retryable AiGatewayNetworkError with a redacted URL and no secret', async () => {
    const failing = (() => Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') }))) as typeof globalThis.fetch;
    const transport = createHttpTransport({ ...base, apiKey: 'cf-secret-token', fetch: failing, baseURL: 'https://user:pw-secret@gw.example/v1' });
    const error = await transport.send(universal([jsonStep({ headers: { authorization: 'Bearer sk-provider-secret' } })])).catch((e: unknown) => e);
    expect(AiGatewayNetworkError.isInstance(error)).toBe(true);
    const network = error as AiGatewayNetworkError;
    expect(network.isRetryable).toBe(true);
    expect(network.transport).toBe('http');
    expect(network.url).toBe('https://gw.example/v1/acct/my-gateway');
    expect(network.message).toContain('ECONNREFUSED');
    const everything = `${network.message} ${JSON.stringify(network)} ${String(network.cause)}`;
    for (const secret of ['cf-secret-token', 'sk-provider-secret', 'pw-secret']) expect(everything).not.toContain(secret);
  });

  it('scrubs step credentials from a network error on a large body too', async () => {
    // A fetch whose error echoes a step's key, in a header no pattern knows: only the body says it is one.
    const failing = (() => Promise.reject(new TypeError('fetch failed for key k3y-provider-secret'))) as typeof globalThis.fetch;
    const transport = createHttpTransport({ ...base, fetch: failing });
    const body = JSON.stringify({ model: 'gpt-x', messages: [{ role: 'user', content: 'x'.repeat(300_000) }] });
    const error = await transport.send(universal([jsonStep({ body, headers: { 'x-api-key': 'k3y-provider-secret' } })])).catch((e: unknown) => e);
    expect(AiGatewayNetworkError.isInstance(error)).toBe(true);
    const network = error as AiGatewayNetworkError;
    expect(network.message).toContain('fetch failed for key');
    expect(`${network.message} ${JSON.stringify(network)} ${String(network.cause)}`).not.toContain('k3y-provider-secret');
  });

  it('rethrows an abort as it is', async () => {
    const controller = new AbortController();
    const reason = new DOMException('stop', 'AbortError');
    const aborting = ((_url: RequestInfo | URL, init?: RequestInit) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason as Error)))) as typeof globalThis.fetch;
    const pending = createHttpTransport({ ...base, fetch: aborting }).send(universal([jsonStep()]), { signal: controller.signal });
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('rejects at once when the signal is already aborted, without calling fetch', async () => {
    const { fetch, sent } = recordingFetch();
    await expect(createHttpTransport({ ...base, fetch }).send(universal([jsonStep()]), { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(sent).toHaveLength(0);
  });
});

function urlOf(input: RequestInfo | URL): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

describe("createHttpTransport: redirects, with Node's own fetch", () => {
  /** Redirects `/redirect…` always and `/with-body…` only when a body came; says what it got. */
  async function redirectingServer() {
    const got: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[] = [];
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        got.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
        const url = request.url ?? '';
        if (url.startsWith('/redirect') || (url.startsWith('/with-body') && body !== '')) {
          response.writeHead(308, { location: 'https://elsewhere.example/v1/acct/gw?token=abc' }).end();
        } else response.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { got, url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }

  it('hands core the redirect, asked again without its body; nothing is followed', async () => {
    const server = await redirectingServer();
    try {
      const transport = createHttpTransport({ gatewayURL: `${server.url}/redirect`, apiKey: 'cf-token-123456' });
      const response = await transport.send(universal([jsonStep(), jsonStep({ provider: 'anthropic', endpoint: 'v1/messages' })]));
      expect(response.status).toBe(308);
      expect(response.headers.get('location')).toBe('https://elsewhere.example/v1/acct/gw?token=abc');
      expect(server.got.map((r) => [r.method, r.url, r.body === '' ? 'no body' : 'body'])).toEqual([
        ['POST', '/redirect', 'body'],
        ['POST', '/redirect', 'no body'],
      ]);
      // The second request went where the first did, with its headers but not its body's type.
      expect(server.got[1]!.headers['cf-aig-authorization']).toBe('Bearer cf-token-123456');
      expect(server.got[1]!.headers['content-type']).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('is a network error, not retryable, when the request without its body is not redirected', async () => {
    const server = await redirectingServer();
    try {
      const transport = createHttpTransport({ gatewayURL: `${server.url}/with-body`, apiKey: 'cf-token-123456' });
      const error = await transport.send(universal([jsonStep(), jsonStep({ headers: { 'x-api-key': 'sk-step-secret' } })])).catch((e: unknown) => e);
      expect(server.got.map((r) => r.body === '')).toEqual([false, true]);
      expect(AiGatewayNetworkError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ isRetryable: false, transport: 'http' });
      expect((error as Error).message).toContain('unexpected redirect');
      expect(JSON.stringify(error) + (error as Error).message).not.toMatch(/cf-token-123456|sk-step-secret/);
    } finally {
      await server.close();
    }
  });

  it("asks the global fetch of Node with redirect: 'error', and a fetch given in the settings with 'manual'", async () => {
    const seen: (RequestInit['redirect'] | undefined)[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = (_url: RequestInfo | URL, init?: RequestInit) => {
      seen.push(init?.redirect);
      return Promise.resolve(new Response('{}'));
    };
    try {
      await createHttpTransport(base).send(universal([jsonStep()]));
      await createHttpTransport({ ...base, fetch: globalThis.fetch }).send(universal([jsonStep()]));
    } finally {
      globalThis.fetch = original;
    }
    expect(seen).toEqual(['error', 'manual']);
  });
});

describe('createHttpTransport: request paths and header shapes', () => {
  it('takes the headers setting as a Headers or a Map, as it takes a record', async () => {
    for (const headers of [new Headers({ 'X-Team': 'a' }), new Map([['X-Team', 'a']])]) {
      const { fetch, sent } = recordingFetch();
      await createHttpTransport({ ...base, fetch, headers }).send({ mode: 'provider', steps: [jsonStep()], headers: {} });
      expect(sent[0]!.headers['x-team']).toBe('a');
    }
  });

  it('refuses a step whose provider or endpoint would leave the gateway path, sending nothing', async () => {
    const hostile: Partial<GatewayStep>[] = [
      { endpoint: '../../../attacker-acct/attacker-gw/x' },
      { endpoint: '@cf/%2e%2e/%2e%2e/x' },
      { endpoint: 'v1\\..\\x' },
      { endpoint: 'v1/a#b' },
      { provider: '..' },
      { provider: 'open/ai' },
    ];
    for (const step of hostile) {
      for (const request of [{ mode: 'provider', steps: [jsonStep(step)], headers: {} }, universal([jsonStep(), jsonStep(step)])] as GatewayRequest[]) {
        const { fetch, sent } = recordingFetch();
        const error = await createHttpTransport({ ...base, fetch }).send(request).catch((e: unknown) => e);
        expect(AiGatewayInvalidOptionsError.isInstance(error), JSON.stringify(step)).toBe(true);
        expect((error as Error).message).toMatch(/"request\.steps\[\d\]\.(provider|endpoint)"/);
        expect(sent).toHaveLength(0);
      }
    }
  });
});
