import type { LanguageModelV4 } from '@ai-sdk/provider';
import { createOpenAI } from '@ai-sdk/openai';
import { AiGatewayCaptureError, AiGatewayInvalidOptionsError, AiGatewayResponseError } from '@aigw/errors';
import { echoText } from '@aigw/emulator';
import { generateText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAiGateway, gatewayMetadata } from '../src';
import { useEmulator } from './helpers';
import { startLocalServer, type LocalServer } from './local-server';

const t = useEmulator({ gateways: { 'emulator-gateway': { authentication: true } } });
const openai = createOpenAI({ apiKey: 'sk-provider-key-123456' });

let elsewhere: LocalServer;
let redirecting: LocalServer;
let direct: LocalServer;

beforeAll(async () => {
  elsewhere = await startLocalServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'cf-aig-step': '0' });
    response.end(JSON.stringify({ id: 'x', object: 'chat.completion', created: 0, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'from elsewhere' }, finish_reason: 'stop' }] }));
  });
  redirecting = await startLocalServer((request, response) => {
    const status = Number(/status-(\d+)/.exec(request.url ?? '')?.[1] ?? 307);
    response.writeHead(status, { location: `${elsewhere.url}/v1/stolen?token=leaked-token-123456` });
    response.end();
  });
  direct = await startLocalServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"result":{"response":"sent around the gateway"}}');
  });
});

afterAll(async () => {
  await Promise.all([elsewhere?.close(), redirecting?.close(), direct?.close()]);
});

describe('no request leaves except through the transport, to the gateway URL', () => {
  it.each([301, 302, 303, 307, 308])('refuses a %i redirect from the gateway URL: the other origin gets nothing, the error names the location', async (status) => {
    const before = elsewhere.requests.length;
    const aigateway = createAiGateway({ gatewayURL: `${redirecting.url}/gw/status-${status}`, apiKey: 'cf-gateway-token-123456' });
    redirecting.requests.length = 0;
    const error = await generateText({ model: aigateway(openai.chat('gpt-5-mini')), prompt: 'hi', maxRetries: 0 }).catch((e: unknown) => e);
    // Node's fetch is asked with redirect: 'error' (it then skips cloning the request); the refused
    // redirect is asked again without its body, with redirect: 'manual', to read its location. Both
    // went to the gateway URL only.
    expect(redirecting.requests.map((r) => [r.url, r.body === '' ? 'no body' : 'body'])).toEqual([
      [`/gw/status-${status}/openai/chat/completions`, 'body'],
      [`/gw/status-${status}/openai/chat/completions`, 'no body'],
    ]);
    expect(elsewhere.requests.length - before).toBe(0);
    expect(AiGatewayResponseError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: status, isRetryable: false });
    const message = (error as Error).message;
    expect(message).toContain(`${elsewhere.url}/v1/stolen?token=[REDACTED]`);
    expect(message).toMatch(/redirects are refused/);
    expect(`${message} ${JSON.stringify(error)}`).not.toMatch(/leaked-token-123456|cf-gateway-token-123456|sk-provider-key-123456/);
  });

  it('refuses the answer when a custom fetch follows the redirect anyway', async () => {
    const following: typeof fetch = (input, init) => fetch(input, { ...init, redirect: 'follow' });
    const aigateway = createAiGateway({ gatewayURL: `${redirecting.url}/gw/status-307`, apiKey: 'cf-gateway-token-123456', fetch: following });
    const error = await generateText({ model: aigateway(openai.chat('gpt-5-mini')), prompt: 'hi', maxRetries: 0 }).catch((e: unknown) => e);
    expect(AiGatewayResponseError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/the fetch in use followed a redirect to .*redirect: 'manual'/);
  });

  it('refuses a model that does not send through config.fetch before it runs: the address it would reach gets nothing', async () => {
    // A provider package with its own request code and no config.fetch (the shape workers-ai-provider
    // has in REST mode; its models are recognised and routed as Workers AI legs: model-ids.test.ts).
    const around: LanguageModelV4 = {
      specificationVersion: 'v4',
      provider: 'acme-rest.chat',
      modelId: 'acme/llama-3.1-8b-instruct',
      supportedUrls: {},
      config: { accountId: 'acct', apiKey: 'cf-rest-token-123456', baseURL: direct.url },
      async doGenerate() {
        const response = await globalThis.fetch(`${direct.url}/client/v4/accounts/acct/ai/run/@cf/meta/llama-3.1-8b-instruct`, {
          method: 'POST',
          headers: { authorization: 'Bearer cf-rest-token-123456' },
          body: '{}',
        });
        await response.text();
        return { content: [{ type: 'text', text: 'direct' }], finishReason: { unified: 'stop', raw: 'stop' }, usage: {} as never, warnings: [] };
      },
      async doStream() {
        throw new Error('not used');
      },
    } as LanguageModelV4;
    const error = await generateText({ model: t.gateway()(around), prompt: 'hi', maxRetries: 0 }).catch((e: unknown) => e);
    expect(AiGatewayCaptureError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/no config\.fetch.*would go around the gateway; it was not run.*createCaptureFetch/);
    expect((error as Error).message).not.toContain('cf-rest-token-123456');
    expect(direct.requests).toHaveLength(0);
    expect(t.emulator.calls).toHaveLength(0);
  });
});

describe('inputs that used to hang, crash or mislead', () => {
  it('refuses a content-length extra header at creation (it hung the call)', () => {
    expect(() => t.gateway({ headers: { 'content-length': '12' } })).toThrow(AiGatewayInvalidOptionsError);
  });

  it('refuses an account id that would change the path', () => {
    expect(() => t.gateway({ accountId: '..' })).toThrow(/"accountId": has the dot segment ".."/);
  });

  it('refuses a sparse model list with a typed error naming the hole', () => {
    // eslint-disable-next-line no-sparse-arrays
    const sparse = [openai.chat('a'), , openai.chat('b')] as LanguageModelV4[];
    expect(() => t.gateway()(sparse)).toThrow(/"models\[1\]".*not a language model/);
  });

  it('delivers non-ASCII metadata unchanged (sent as JSON \\u escapes)', async () => {
    const metadata = { user: 'Zoë 🚀', team: 'café' };
    await generateText({ model: t.gateway({ options: { metadata } })(openai.chat('gpt-5-mini')), prompt: 'meta' });
    expect(t.emulator.logs.at(-1)!.metadata).toEqual(metadata);
  });

  it.each([
    ['eventId', { eventId: 'évènement' }, /non-ASCII/],
    ['cacheKey', { cacheKey: 'key\u0001' }, /control character/],
    ['cacheKey', { cacheKey: 'k'.repeat(20_000) }, /at most 8192/],
  ])('refuses a bad %s with a typed error before anything is sent', async (_option, options, message) => {
    const error = await generateText({ model: t.gateway()(openai.chat('gpt-5-mini')), prompt: 'x', providerOptions: { aigateway: options }, maxRetries: 0 }).catch((e: unknown) => e);
    expect(AiGatewayInvalidOptionsError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect(t.emulator.calls).toHaveLength(0);
  });
});

describe('drop-in with 4.x', () => {
  it('omits skipCache: false, as 4.x did', async () => {
    await generateText({ model: t.gateway({ options: { skipCache: false } })(openai.chat('gpt-5-mini')), prompt: 'no skip' });
    expect(Object.keys(t.emulator.calls.at(-1)!.requestHeaders)).not.toContain('cf-aig-skip-cache');
  });

  it('reads step 0 from a successful answer to a fallback list without cf-aig-step, and says the step was assumed', async () => {
    const stripping = await startLocalServer(async (request, response, body) => {
      const upstream = await fetch(`${t.emulator.baseURL}${request.url!.replace(/^\/v1/, '')}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-aig-authorization': String(request.headers['cf-aig-authorization']) },
        body,
      });
      const headers = Object.fromEntries([...upstream.headers].filter(([name]) => name !== 'cf-aig-step' && name !== 'content-length' && name !== 'transfer-encoding'));
      response.writeHead(upstream.status, headers);
      response.end(await upstream.text());
    });
    try {
      const aigateway = t.gateway({ baseURL: `${stripping.url}/v1` });
      const result = await generateText({ model: aigateway([openai.chat('gpt-5-mini'), openai.chat('gpt-5')]), prompt: 'assume' });
      expect(result.text).toBe(echoText('assume'));
      expect(gatewayMetadata(result)).toMatchObject({ step: 0, stepAssumed: true, modelId: 'gpt-5-mini' });
    } finally {
      await stripping.close();
    }
  });
});
