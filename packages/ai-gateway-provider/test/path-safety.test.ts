import { createOpenAI } from '@ai-sdk/openai';
import { APICallError } from '@ai-sdk/provider';
import { AiGatewayCaptureError, AiGatewayInvalidOptionsError, AiGatewayNetworkError, AiGatewayResponseError } from '@aigw/errors';
import { echoText } from '@aigw/emulator';
import { createProviderRegistry, generateImage, generateSpeech, generateText, rerank, transcribe, wrapLanguageModel, type LanguageModelMiddleware } from 'ai';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAiGateway, MAX_FALLBACK_LEGS } from '../src';
import { useEmulator } from './helpers';
import { startLocalServer, type LocalServer } from './local-server';

const t = useEmulator();
const openai = createOpenAI({ apiKey: 'sk-openai-test' });
const CF_TOKEN = 'cf-api-token-123456';
const cf = () => t.gateway({ cloudflareApiToken: CF_TOKEN });
const apiBase = () => `${t.emulator.baseURL.replace(/\/v1$/, '')}/client/v4`;

/** What a call threw (or undefined), after it settled. */
const settle = (run: () => unknown): Promise<unknown> =>
  Promise.resolve()
    .then(run)
    .then(
      () => undefined,
      (error: unknown) => error,
    );

const HOSTILE_IDS = [
  '@cf/../../../../attacker-acct/attacker-gw/x',
  '@cf/%2e%2e/%2e%2e/%2e%2e/%2e%2e/attacker-acct/attacker-gw/x',
  '@cf/..\\..\\..\\..\\attacker-acct\\attacker-gw\\x',
  '@cf/x?y=../../attacker',
  '@cf/x#../../attacker',
  '@cf/./x',
  '@cf//x',
  '@cf/x\u0000y',
];

describe('a Workers AI id never moves the request off the gateway path', () => {
  it.each(['imageModel', 'speechModel', 'transcriptionModel', 'rerankingModel', 'languageModel', 'embeddingModel'] as const)(
    'registry.%s refuses hostile ids when the model is made, naming the value; nothing is sent',
    (kind) => {
      const registry = createProviderRegistry({ cf: cf() });
      for (const id of HOSTILE_IDS) {
        let error: unknown;
        try {
          (registry[kind] as (id: string) => unknown)(`cf:${id}`);
        } catch (caught) {
          error = caught;
        }
        expect(AiGatewayInvalidOptionsError.isInstance(error), id).toBe(true);
        expect((error as AiGatewayInvalidOptionsError).option).toBe('model');
        expect((error as Error).message).toContain(JSON.stringify(id.length > 40 ? id.slice(0, 40) : id).slice(0, -1));
      }
      expect(t.emulator.calls).toHaveLength(0);
    },
  );

  it('refuses dot segments in catalog ids and dynamic route names too', () => {
    for (const id of ['openai/..', 'openai/../../x', 'dynamic/..', 'dynamic/.', 'openai/gpt%2e']) {
      expect(() => cf()(id), id).toThrow(AiGatewayInvalidOptionsError);
    }
  });

  it('still runs the ids apps use', async () => {
    const image = await generateImage({ model: cf().imageModel('@cf/black-forest-labs/flux-1-schnell'), prompt: 'a red square' });
    expect(image.image.uint8Array.length).toBeGreaterThan(0);
    expect(t.emulator.calls.at(-1)!.path).toBe(`/v1/${t.emulator.accountId}/emulator-gateway/workers-ai/@cf/black-forest-labs/flux-1-schnell`);
    const text = await generateText({ model: cf()('@hf/thebloke/deepseek-coder-6.7b-instruct-awq'), prompt: 'hf ids too' });
    expect(text.text).toBe(echoText('hf ids too'));
  });
});

describe('Workers AI answers without their payload', () => {
  // A gateway whose Workers AI step answers 200 with an empty result (the emulator always sends the payload).
  let empty: LocalServer;
  beforeAll(async () => {
    empty = await startLocalServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'cf-aig-step': '0' });
      response.end('{"result":{},"success":true,"errors":[],"messages":[]}');
    });
  });
  afterAll(async () => {
    await empty?.close();
  });
  const emptyGateway = () => createAiGateway({ gatewayURL: `${empty.url}/gw`, cloudflareApiToken: CF_TOKEN });

  it('an image answer without result.image is an APICallError that says so (not a TypeError)', async () => {
    const error = await settle(() => generateImage({ model: emptyGateway().imageModel('@cf/black-forest-labs/flux-1-schnell'), prompt: 'x', maxRetries: 0 }));
    expect(error).not.toBeInstanceOf(TypeError);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).message).toMatch(/Workers AI answered without an image/);
    expect(error).toMatchObject({ isRetryable: false, statusCode: 200, responseBody: '{"result":{},"success":true,"errors":[],"messages":[]}' });
    expect(empty.requests.at(-1)!.url).toBe('/gw/workers-ai/@cf/black-forest-labs/flux-1-schnell');
  });

  it('a speech answer without result.audio is an APICallError that says so', async () => {
    const error = await settle(() => generateSpeech({ model: emptyGateway().speechModel('@cf/myshell-ai/melotts'), text: 'x', maxRetries: 0 }));
    expect(error).not.toBeInstanceOf(TypeError);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).message).toMatch(/Workers AI answered without audio/);
  });
});

describe('log ids', () => {
  const withLogs = () => t.gateway({ cloudflareApiToken: t.emulator.token, cloudflareApiBaseURL: apiBase(), logs: { lookups: 1, retryDelayMs: 0 } });

  it.each(['.', '..', '%2e%2e', 'a/b', 'a?b', 'a#b', '', ' '])('logs.get and logs.feedback refuse %j before anything is sent (REST and binding)', async (logId) => {
    const binding = createAiGateway({ binding: t.emulator.binding(), logs: { lookups: 1, retryDelayMs: 0 } });
    for (const logs of [withLogs().logs, binding.logs]) {
      for (const error of [await settle(() => logs.get(logId)), await settle(() => logs.feedback(logId, { score: 1 }))]) {
        expect(AiGatewayInvalidOptionsError.isInstance(error)).toBe(true);
        expect((error as AiGatewayInvalidOptionsError).option).toBe('logId');
      }
    }
    expect(t.emulator.calls).toHaveLength(0);
  });
});

describe('settings.providers', () => {
  it.each([
    ['not a list', { provider: 'custom-x' }, /"providers": is not an array/],
    ['a route that is not an object', ['custom-x'], /"providers\[0\]": is not an object/],
    ['a provider id of ".."', [{ provider: '..', url: /^https:\/\/llm\.example\.com\// }], /"providers\[0\]\.provider": has the dot segment/],
    ['a provider id with a slash', [{ provider: 'custom/x', url: /^https:\/\/llm\.example\.com\// }], /"providers\[0\]\.provider"/],
    ['a url that is a string', [{ provider: 'custom-x', url: 'https://llm.example.com' }], /"providers\[0\]\.url": is not a RegExp/],
    ['an endpoint that is not a function', [{ provider: 'custom-x', url: /x/, endpoint: 'v1' }], /"providers\[0\]\.endpoint"/],
    ['authHeaders that are a string', [{ provider: 'custom-x', url: /x/, authHeaders: 'authorization' }], /"providers\[0\]\.authHeaders"/],
  ])('refuses %s when the instance is made', (_label, providers, message) => {
    expect(() => t.gateway({ providers: providers as never })).toThrow(message);
  });

  it('refuses a route endpoint that would move the request, before sending', async () => {
    const llm = createOpenAI({ apiKey: 'sk-llm', baseURL: 'https://llm.example.com/v1' });
    const aigateway = t.gateway({ providers: [{ provider: 'custom-llm', url: /^https:\/\/llm\.example\.com\/v1\//, endpoint: () => '../../../other-gateway/openai/chat/completions' }] });
    const error = await settle(() => generateText({ model: aigateway(llm.chat('m')), prompt: 'x', maxRetries: 0 }));
    expect(AiGatewayInvalidOptionsError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/"the request path of openai\.chat model m": has the dot segment/);
    expect(t.emulator.calls).toHaveLength(0);
  });

  it('refuses a leg provider slug that is not one path segment', () => {
    expect(() => t.gateway()([{ model: openai.chat('gpt-5-mini'), provider: 'custom-..' }])).toThrow(/"models\[0\]\.provider"/);
    expect(() => t.gateway()([{ model: openai.chat('gpt-5-mini'), provider: '..' }])).toThrow(/"models\[0\]\.provider": has the dot segment/);
  });
});

describe('headers settings', () => {
  it('takes a leg’s headers as a Headers or a Map', async () => {
    for (const headers of [new Headers({ 'x-tag': 'from-headers' }), new Map([['x-tag', 'from-map']])]) {
      await generateText({ model: cf()([{ model: '@cf/meta/llama-3.1-8b-instruct', headers }]), prompt: 'hi' });
      expect(t.emulator.calls.at(-1)!.attempts[0]!.headers['x-tag']).toBe(headers.get('x-tag'));
    }
  });

  it('takes the instance headers as a Headers', async () => {
    await generateText({ model: t.gateway({ headers: new Headers({ 'x-team': 'blue' }) })(openai.chat('gpt-5-mini')), prompt: 'hi' });
    expect(t.emulator.calls.at(-1)!.requestHeaders['x-team']).toBe('blue');
  });

  it('refuses a boxed String, an array or a class instance as headers (a String sent a header named 0)', async () => {
    for (const headers of [Object('abc') as unknown, [['x-a', 'b']], new (class Custom {})()]) {
      expect(() => t.gateway({ headers: headers as never })).toThrow(/"headers": is not a plain object/);
      expect(() => cf()([{ model: '@cf/meta/llama-3.1-8b-instruct', headers: headers as never }])).toThrow(/"models\[0\]\.headers": is not a plain object/);
      const error = await settle(() => generateText({ model: t.gateway()(openai.chat('gpt-5-mini')), prompt: 'hi', providerOptions: { aigateway: { headers: headers as never } } }));
      expect(AiGatewayInvalidOptionsError.isInstance(error)).toBe(true);
    }
    expect(t.emulator.calls).toHaveLength(0);
  });
});

describe('tokens', () => {
  it.each(['cf token with spaces', 'cf-token\n', 'cf-token\u0000', ' ', 'tökén'])('refuses the cloudflareApiToken %j when the instance is made, without showing it', (token) => {
    let error: unknown;
    try {
      t.gateway({ cloudflareApiToken: token });
    } catch (caught) {
      error = caught;
    }
    expect(AiGatewayInvalidOptionsError.isInstance(error)).toBe(true);
    expect((error as AiGatewayInvalidOptionsError).option).toBe('cloudflareApiToken');
    if (token.trim() !== '') expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain(token.trim());
  });

  it('refuses an apiKey with a space when the instance is made, without showing it', () => {
    let error: unknown;
    try {
      t.gateway({ apiKey: 'gateway secret-123' });
    } catch (caught) {
      error = caught;
    }
    expect(AiGatewayInvalidOptionsError.isInstance(error)).toBe(true);
    expect((error as Error).message).not.toContain('secret-123');
  });

  it('a malformed CLOUDFLARE_API_TOKEN is a typed, non-retryable error for logs and Workers AI ids, not a retryable network error', async () => {
    vi.stubEnv('CLOUDFLARE_API_TOKEN', 'env token-with-space-987654');
    try {
      const aigateway = t.gateway({ cloudflareApiBaseURL: apiBase() });
      const error = await settle(() => aigateway.logs.get('01M8PF5WTYPMQ9SV8WFMR52753'));
      expect(AiGatewayNetworkError.isInstance(error)).toBe(false);
      expect(AiGatewayInvalidOptionsError.isInstance(error)).toBe(true);
      expect((error as { isRetryable?: unknown }).isRetryable).not.toBe(true);
      expect((error as Error).message).toMatch(/"CLOUDFLARE_API_TOKEN"/);
      expect((error as Error).message).not.toContain('token-with-space-987654');
      expect(() => aigateway('@cf/meta/llama-3.1-8b-instruct')).toThrow(/"CLOUDFLARE_API_TOKEN"/);
      expect(t.emulator.calls).toHaveLength(0);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('the logs REST client refuses redirects', () => {
  let elsewhere: LocalServer;
  let redirecting: LocalServer;
  beforeAll(async () => {
    elsewhere = await startLocalServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"success":true,"result":{"id":"stolen"}}');
    });
    redirecting = await startLocalServer((request, response) => {
      response.writeHead(307, { location: `${elsewhere.url}${request.url ?? '/'}` });
      response.end();
    });
  });
  afterAll(async () => {
    await Promise.all([elsewhere?.close(), redirecting?.close()]);
  });

  it('a 307 to another origin gets neither the token nor the PATCH body: a typed, non-retryable error naming the location', async () => {
    const aigateway = t.gateway({ cloudflareApiToken: 'cf-api-token-abcdef123456', cloudflareApiBaseURL: `${redirecting.url}/client/v4` });
    for (const run of [() => aigateway.logs.get('01M8PF5WTYPMQ9SV8WFMR52753'), () => aigateway.logs.feedback('01M8PF5WTYPMQ9SV8WFMR52753', { score: 90, metadata: { note: 'private' } })]) {
      const error = await settle(run);
      expect(AiGatewayResponseError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ statusCode: 307, isRetryable: false });
      expect((error as Error).message).toContain(elsewhere.url);
      expect((error as Error).message).toMatch(/redirects are refused/);
      expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain('cf-api-token-abcdef123456');
    }
    expect(redirecting.requests.map((r) => r.method)).toEqual(['GET', 'PATCH']);
    expect(elsewhere.requests).toHaveLength(0);
  });
});

describe('fallback lists are bounded', () => {
  it(`takes ${MAX_FALLBACK_LEGS} legs and refuses ${MAX_FALLBACK_LEGS + 1} when the wrapper is made`, async () => {
    const legs = Array.from({ length: MAX_FALLBACK_LEGS }, () => openai.chat('gpt-5-mini'));
    const result = await generateText({ model: t.gateway()(legs), prompt: 'many legs' });
    expect(result.providerMetadata?.aigateway).toMatchObject({ step: 0, steps: MAX_FALLBACK_LEGS });
    expect(() => t.gateway()([...legs, openai.chat('gpt-5-mini')])).toThrow(/"models": is a fallback list of 33 models \(got 33\); expected at most 32 models/);
    // Refused before any leg is looked at (it took 12 s to build 10,000): count the legs read.
    let legsRead = 0;
    const ids = new Proxy(
      Array.from({ length: 10_000 }, () => '@cf/meta/llama-3.1-8b-instruct'),
      { get: (target, key, receiver) => (typeof key === 'string' && /^\d+$/.test(key) && legsRead++, Reflect.get(target, key, receiver) as unknown) },
    );
    expect(() => cf()(ids)).toThrow(AiGatewayInvalidOptionsError);
    expect(legsRead).toBe(0);
  });
});

describe('models wrapped with middleware', () => {
  const tagging: LanguageModelMiddleware = {
    specificationVersion: 'v4',
    transformParams: ({ params }) => Promise.resolve({ ...params, prompt: [...params.prompt, { role: 'user', content: [{ type: 'text', text: 'and more' }] }] }),
  };

  it('aigateway(wrapLanguageModel(...)) is refused when made, saying to wrap outside; nothing is sent', async () => {
    const wrapped = wrapLanguageModel({ model: openai.chat('gpt-5-mini'), middleware: tagging });
    let error: unknown;
    try {
      t.gateway()(wrapped);
    } catch (caught) {
      error = caught;
    }
    expect(AiGatewayCaptureError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('wrapLanguageModel({ model: aigateway(model), middleware })');
    expect(() => t.gateway()([openai.chat('gpt-5-mini'), wrapped])).toThrow(/wrap outside the gateway/);
    expect(t.emulator.calls).toHaveLength(0);
  });

  it('wrapLanguageModel({ model: aigateway(model), middleware }) runs through the gateway with the middleware applied', async () => {
    const model = wrapLanguageModel({ model: t.gateway()(openai.chat('gpt-5-mini')), middleware: tagging });
    const result = await generateText({ model, prompt: 'hello' });
    expect(result.text).toContain('and more');
    expect(result.providerMetadata?.aigateway).toMatchObject({ step: 0, provider: 'openai' });
    expect(t.emulator.calls).toHaveLength(1);
  });
});

describe('the kinds that splice ids into the path, through the binding too', () => {
  it('refuses a hostile id of every run-route kind with the binding as well', async () => {
    const aigateway = createAiGateway({ binding: t.emulator.binding() });
    expect(() => aigateway.imageModel('@cf/../../x')).toThrow(AiGatewayInvalidOptionsError);
    expect(() => aigateway.speechModel('@cf/%2e%2e/x')).toThrow(AiGatewayInvalidOptionsError);
    expect(() => aigateway.transcriptionModel('@cf/a\\..\\x')).toThrow(AiGatewayInvalidOptionsError);
    expect(() => aigateway.rerankingModel('@cf/x?y')).toThrow(AiGatewayInvalidOptionsError);
    const ok = await rerank({ model: aigateway.rerankingModel('@cf/baai/bge-reranker-base'), query: 'q', documents: ['a', 'b'] });
    expect(ok.ranking).toHaveLength(2);
    const heard = await transcribe({ model: aigateway.transcriptionModel('@cf/openai/whisper-large-v3-turbo'), audio: new TextEncoder().encode('audio') });
    expect(heard.text.length).toBeGreaterThan(0);
  });
});
