import type { GatewayRequest, GatewayStep } from '@aigw/core';
import { AiGatewayInsufficientCreditsError, AiGatewayInvalidOptionsError, AiGatewayNetworkError, AiGatewayUnauthorizedError } from '@aigw/errors';
import { describe, expect, it } from 'vitest';
import { createBindingTransport, type AiGatewayBinding, type AiGatewayBindingRunOptions, type AiGatewayBindingStep } from '../src';

const step = (overrides: Partial<GatewayStep> = {}): GatewayStep => ({
  provider: 'openai',
  endpoint: 'chat/completions',
  method: 'POST',
  headers: { authorization: 'Bearer sk-provider-secret', 'cf-aig-cache-ttl': '0' },
  body: '{"model":"gpt-x","messages":[{"role":"user","content":"hi"}]}',
  json: true,
  ...overrides,
});

const universal = (steps: GatewayStep[], headers: Record<string, string> = {}): GatewayRequest => ({ mode: 'universal', steps, headers });

function recordingBinding(answer: () => Promise<Response> = () => Promise.resolve(new Response('ok', { headers: { 'cf-aig-step': '0' } }))) {
  const runs: { data: AiGatewayBindingStep | AiGatewayBindingStep[]; options: AiGatewayBindingRunOptions | undefined }[] = [];
  const binding: AiGatewayBinding = {
    run(data, options) {
      runs.push({ data, options });
      return answer();
    },
  };
  return { binding, runs };
}

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('createBindingTransport: universal requests', () => {
  it('runs the steps as objects, each carrying the outer cf-aig-* headers under its own', async () => {
    const { binding, runs } = recordingBinding();
    const transport = createBindingTransport({ binding });
    const response = await transport.send(
      universal([step(), step({ provider: 'anthropic', endpoint: 'v1/messages', headers: { 'x-api-key': 'k', 'cf-aig-event-id': 'leg' } })], {
        'cf-aig-cache-ttl': '3600',
        'cf-aig-event-id': 'outer',
      }),
    );
    expect(transport.name).toBe('binding');
    expect(await response.text()).toBe('ok');
    expect(runs).toHaveLength(1);
    expect(runs[0]!.options).toBeUndefined();
    expect(runs[0]!.data).toStrictEqual([
      {
        provider: 'openai',
        endpoint: 'chat/completions',
        headers: { 'cf-aig-cache-ttl': '0', 'cf-aig-event-id': 'outer', authorization: 'Bearer sk-provider-secret' },
        query: { model: 'gpt-x', messages: [{ role: 'user', content: 'hi' }] },
      },
      {
        provider: 'anthropic',
        endpoint: 'v1/messages',
        headers: { 'cf-aig-cache-ttl': '3600', 'cf-aig-event-id': 'leg', 'x-api-key': 'k' },
        query: { model: 'gpt-x', messages: [{ role: 'user', content: 'hi' }] },
      },
    ]);
  });

  it('runs a single model with a JSON body (a provider-mode request) as a one-step list, never over fetch', async () => {
    const { binding, runs } = recordingBinding();
    const fetch = (() => Promise.reject(new Error('fetch must not be used'))) as typeof globalThis.fetch;
    const withUrl: AiGatewayBinding = { ...binding, run: binding.run.bind(binding), getUrl: () => Promise.reject(new Error('getUrl must not be used')) };
    const request: GatewayRequest = { mode: 'provider', steps: [step({ headers: { authorization: 'Bearer sk-provider-secret', 'cf-aig-event-id': 'leg' } })], headers: { 'cf-aig-event-id': 'outer', 'cf-aig-cache-ttl': '60' } };
    const response = await createBindingTransport({ binding: withUrl, fetch, apiKey: 'cf-token' }).send(request);
    expect(await response.text()).toBe('ok');
    expect(runs.map((r) => r.data)).toStrictEqual([
      [
        {
          provider: 'openai',
          endpoint: 'chat/completions',
          headers: { 'cf-aig-event-id': 'leg', 'cf-aig-cache-ttl': '60', authorization: 'Bearer sk-provider-secret' },
          query: { model: 'gpt-x', messages: [{ role: 'user', content: 'hi' }] },
        },
      ],
    ]);
  });

  it('passes the signal to run', async () => {
    const { binding, runs } = recordingBinding();
    const controller = new AbortController();
    await createBindingTransport({ binding }).send(universal([step()]), { signal: controller.signal });
    expect(runs[0]!.options).toEqual({ signal: controller.signal });
  });

  it('calls run as a method of the binding', async () => {
    const calls: unknown[] = [];
    const binding = {
      marker: 'me',
      run(this: { marker: string }) {
        calls.push(this.marker);
        return Promise.resolve(new Response('x'));
      },
    };
    await createBindingTransport({ binding }).send(universal([step()]));
    expect(calls).toEqual(['me']);
  });
});

describe('createBindingTransport: errors', () => {
  it("maps the binding's thrown gateway error to the typed error, without secrets", async () => {
    const thrown = Object.assign(new Error('2021: Insufficient AI Gateway credits'), { name: 'AiGatewayError' });
    const { binding } = recordingBinding(() => Promise.reject(thrown));
    const error = await createBindingTransport({ binding }).send(universal([step()])).catch((e: unknown) => e);
    expect(AiGatewayInsufficientCreditsError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 2021, statusCode: 402 });
    expect(JSON.stringify(error)).not.toContain('sk-provider-secret');
  });

  it('maps 2009 to AiGatewayUnauthorizedError', async () => {
    const { binding } = recordingBinding(() => Promise.reject(Object.assign(new Error('2009: Unauthorized'), { name: 'AiGatewayError' })));
    const error = await createBindingTransport({ binding }).send(universal([step()])).catch((e: unknown) => e);
    expect(AiGatewayUnauthorizedError.isInstance(error)).toBe(true);
  });

  it('turns any other thrown error into a retryable AiGatewayNetworkError with the cause, scrubbed of step keys', async () => {
    const { binding } = recordingBinding(() => Promise.reject(new Error('Network connection lost (Bearer sk-provider-secret)')));
    const error = await createBindingTransport({ binding }).send(universal([step()])).catch((e: unknown) => e);
    expect(AiGatewayNetworkError.isInstance(error)).toBe(true);
    const network = error as AiGatewayNetworkError;
    expect(network).toMatchObject({ transport: 'binding', isRetryable: true });
    expect(network.message).toContain('Network connection lost');
    expect(network.cause).toBeDefined();
    expect(`${network.message} ${JSON.stringify(network)} ${String((network.cause as Error).message)}`).not.toContain('sk-provider-secret');
  });

  it('rejects with the abort reason promptly even when the binding ignores the signal', async () => {
    const never = recordingBinding(() => new Promise<Response>(() => undefined));
    const controller = new AbortController();
    const pending = createBindingTransport({ binding: never.binding }).send(universal([step()]), { signal: controller.signal });
    const reason = new DOMException('stop', 'AbortError');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('cancels a response that arrives after the abort', async () => {
    let cancelled = false;
    let answer: (response: Response) => void = () => undefined;
    const late = recordingBinding(() => new Promise<Response>((resolve) => (answer = resolve)));
    const controller = new AbortController();
    const pending = createBindingTransport({ binding: late.binding }).send(universal([step()]), { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    answer(new Response(new ReadableStream({ cancel: () => void (cancelled = true) })));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(cancelled).toBe(true);
  });

  it('errors the body with the abort reason and cancels the source when aborted after the headers', async () => {
    let cancelled = false;
    const source = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new TextEncoder().encode('first')),
      cancel: () => void (cancelled = true),
    });
    const { binding } = recordingBinding(() => Promise.resolve(new Response(source, { status: 200, headers: { 'cf-aig-step': '0' } })));
    const controller = new AbortController();
    const response = await createBindingTransport({ binding }).send(universal([step()]), { signal: controller.signal });
    expect(response.headers.get('cf-aig-step')).toBe('0');
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first');
    const next = reader.read();
    controller.abort();
    await expect(next).rejects.toMatchObject({ name: 'AbortError' });
    expect(cancelled).toBe(true);
  });

  it('rejects at once when the signal is already aborted, without calling run', async () => {
    const { binding, runs } = recordingBinding();
    await expect(createBindingTransport({ binding }).send(universal([step()]), { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(runs).toHaveLength(0);
  });
});

describe('createBindingTransport: provider mode (non-JSON bodies)', () => {
  const upload = (): GatewayRequest => {
    const form = new FormData();
    form.append('file', new Blob(['abc']), 'a.wav');
    return {
      mode: 'provider',
      steps: [step({ endpoint: 'audio/transcriptions', headers: { authorization: 'Bearer sk-provider-secret', 'content-type': 'multipart/form-data; boundary=old' }, body: form, json: false })],
      headers: { 'cf-aig-event-id': 'evt' },
    };
  };

  it('fetches {binding.getUrl(provider)}/{endpoint} with the body untouched, adding cf-aig-authorization only with an apiKey', async () => {
    const sent: { url: string; init: RequestInit | undefined }[] = [];
    const fetch = ((url: RequestInfo | URL, init?: RequestInit) => {
      sent.push({ url: urlOf(url), init });
      return Promise.resolve(new Response('{"text":"hi"}'));
    }) as typeof globalThis.fetch;
    const providers: (string | undefined)[] = [];
    const binding: AiGatewayBinding = {
      run: () => Promise.reject(new Error('not used')),
      getUrl: (provider) => {
        providers.push(provider);
        return Promise.resolve(`https://gateway.ai.cloudflare.com/v1/acct/gw/${provider}`);
      },
    };
    const request = upload();
    await createBindingTransport({ binding, fetch }).send(request);
    await createBindingTransport({ binding, fetch, apiKey: 'cf-token' }).send(request);
    expect(providers).toEqual(['openai', 'openai']);
    expect(sent.map((s) => s.url)).toEqual([
      'https://gateway.ai.cloudflare.com/v1/acct/gw/openai/audio/transcriptions',
      'https://gateway.ai.cloudflare.com/v1/acct/gw/openai/audio/transcriptions',
    ]);
    expect(sent[0]!.init?.body).toBe(request.steps[0]!.body);
    expect(Object.fromEntries(new Headers(sent[0]!.init?.headers))).toEqual({ authorization: 'Bearer sk-provider-secret', 'cf-aig-event-id': 'evt' });
    expect(new Headers(sent[1]!.init?.headers).get('cf-aig-authorization')).toBe('Bearer cf-token');
    // A redirect would carry the token and the upload elsewhere: fetch must hand the 3xx back instead.
    expect(sent.map((s) => s.init?.redirect)).toEqual(['manual', 'manual']);
  });

  it('explains that the HTTP transport is needed when the binding has no getUrl', async () => {
    const { binding } = recordingBinding();
    const error = await createBindingTransport({ binding }).send(upload()).catch((e: unknown) => e);
    expect(AiGatewayInvalidOptionsError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/getUrl.*HTTP transport/);
  });

  it('turns a failing fetch into an AiGatewayNetworkError without the api key', async () => {
    const binding: AiGatewayBinding = { run: () => Promise.reject(new Error('unused')), getUrl: () => Promise.resolve('http://127.0.0.1:9/v1/a/g/openai') };
    const fetch = (() => Promise.reject(new TypeError('fetch failed'))) as typeof globalThis.fetch;
    const error = await createBindingTransport({ binding, fetch, apiKey: 'cf-secret-token' }).send(upload()).catch((e: unknown) => e);
    expect(AiGatewayNetworkError.isInstance(error)).toBe(true);
    expect(JSON.stringify(error)).not.toContain('cf-secret-token');
    expect((error as Error).message).not.toContain('sk-provider-secret');
  });
});

describe('createBindingTransport: the binding is checked at creation', () => {
  it.each([
    ['a missing binding', {}, /"binding".*is missing/],
    ['a binding that is not an object', { binding: 'AI' }, /"binding"/],
    ['a binding without run', { binding: { getUrl: () => Promise.resolve('') } }, /"binding.run".*is missing/],
    ['env.AI instead of env.AI.gateway(id)', { binding: { gateway: () => ({}), run: undefined } }, /"binding.run".*env.AI itself.*env.AI.gateway/],
    ['a getUrl that is not a function', { binding: { run: () => Promise.resolve(new Response()), getUrl: 'x' } }, /"binding.getUrl"/],
    ['an apiKey that is not a string', { binding: { run: () => Promise.resolve(new Response()) }, apiKey: 1 }, /"apiKey"/],
    ['an apiKey with a line break', { binding: { run: () => Promise.resolve(new Response()) }, apiKey: 'a\nb' }, /"apiKey".*control/],
    ['an apiKey with a space', { binding: { run: () => Promise.resolve(new Response()) }, apiKey: 'a b' }, /"apiKey".*space/],
    ['a fetch that is not a function', { binding: { run: () => Promise.resolve(new Response()) }, fetch: {} }, /"fetch"/],
  ])('rejects %s with AiGatewayInvalidOptionsError', (_label, settings, message) => {
    const error = thrownBy(() => createBindingTransport(settings as never));
    expect(AiGatewayInvalidOptionsError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
  });

  it('accepts a binding with only run', () => {
    expect(() => createBindingTransport({ binding: { run: () => Promise.resolve(new Response()) } })).not.toThrow();
  });
});

function urlOf(input: RequestInfo | URL): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

/** The shape of workerd's `AiGateway` (`env.AI.gateway(id)`), per docs/protocol.md#workers-binding and the workerd types. */
declare abstract class WorkerdAiGateway {
  patchLog(logId: string, data: { score?: number | null; feedback?: -1 | 1 | '-1' | '1' | null; metadata?: Record<string, number | string | boolean | null | bigint> | null }): Promise<void>;
  getLog(logId: string): Promise<{ id: string; provider: string; status_code: number }>;
  run(
    data: { provider: string; endpoint: string; headers: Partial<Record<string, string | number | boolean | object>>; query: unknown } | { provider: string; endpoint: string; headers: Partial<Record<string, string | number | boolean | object>>; query: unknown }[],
    options?: { gateway?: { cacheTtl?: number }; extraHeaders?: object; signal?: AbortSignal },
  ): Promise<Response>;
  getUrl(provider?: string): Promise<string>;
}

describe('AiGatewayBinding', () => {
  it("accepts workerd's env.AI.gateway(id) type", () => {
    const accepts = (binding: AiGatewayBinding) => binding;
    const real = { run: () => Promise.resolve(new Response()) } as unknown as WorkerdAiGateway;
    expect(accepts(real)).toBe(real);
  });
});

describe('createBindingTransport: request paths', () => {
  it('refuses a step whose provider or endpoint would move the request, before run, getUrl or fetch', async () => {
    const hostile: Partial<GatewayStep>[] = [
      { endpoint: '@cf/../../../../attacker-acct/attacker-gw/x' },
      { endpoint: 'v1/%2e%2e/x' },
      { provider: '..' },
      { body: new Uint8Array([1]), json: false, endpoint: '../x' },
    ];
    for (const overrides of hostile) {
      const { binding, runs } = recordingBinding();
      let reached = 0;
      const withUrl: AiGatewayBinding = { ...binding, getUrl: () => Promise.resolve(`http://127.0.0.1:9/acct/gw/${String(reached++)}`) };
      const fetch = (() => Promise.resolve(new Response(String(reached++)))) as typeof globalThis.fetch;
      const transport = createBindingTransport({ binding: withUrl, fetch });
      for (const request of [{ mode: 'provider', steps: [step(overrides)], headers: {} }, universal([step(), step(overrides)])] as GatewayRequest[]) {
        const error = await transport.send(request).catch((e: unknown) => e);
        expect(AiGatewayInvalidOptionsError.isInstance(error), JSON.stringify(overrides)).toBe(true);
      }
      expect(runs).toHaveLength(0);
      expect(reached).toBe(0);
    }
  });
});
