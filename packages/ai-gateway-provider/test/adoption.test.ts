import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { AiGatewayCloudflareAuthError, AiGatewayError, AiGatewayInvalidOptionsError, AiGatewayRateLimitError } from '@aigw/errors';
import { echoText, embeddingFor } from '@aigw/emulator';
import { embed, generateText, streamText } from 'ai';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { createAiGateway, findGatewayError } from '../src';
import { fault, useEmulator } from './helpers';

// Switching from createAI (Cloudflare's `agents` package) or 4.x: what a new user tries first.
const t = useEmulator({ gateways: { 'emulator-gateway': { authentication: true } } });
const anthropic = createAnthropic({ apiKey: 'sk-ant-test' });
const openai = createOpenAI({ apiKey: 'sk-openai-test' });
const LLAMA = '@cf/meta/llama-3.1-8b-instruct';
const PROMPT = 'one two three four five six seven eight nine ten';

/** A double of the whole `env.AI`: `gateway(id)`, `fetch` (resume) and Workers AI's own `run(model, inputs)`. */
const envAI = () => Object.assign(t.emulator.ai(), { run: () => Promise.reject(new Error('env.AI.run: Workers AI itself, not the gateway')) });

/** Every request the facade sends, with its URL, headers and body. */
function recorder() {
  const sent: { url: string; headers: Headers; body: unknown }[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    const body = init?.body;
    sent.push({ url: input instanceof Request ? input.url : String(input), headers: new Headers(init?.headers), body: body instanceof Uint8Array ? new TextDecoder().decode(body) : body });
    return globalThis.fetch(input, init);
  };
  return { sent, fetch };
}

/** The error a stream ends with, whether the AI SDK emits it as an error part or throws it. */
async function streamError(result: ReturnType<typeof streamText>): Promise<unknown> {
  try {
    for await (const part of result.fullStream) if (part.type === 'error') return part.error;
  } catch (error) {
    return error;
  }
  return undefined;
}

const invalid = (option: string) => (error: unknown) => AiGatewayInvalidOptionsError.isInstance(error) && error.option === option;

describe('createAiGateway({ binding: env.AI })', () => {
  it('takes env.AI itself: the gateway "default", or the gateway setting', async () => {
    const viaDefault = await generateText({ model: createAiGateway({ binding: envAI() })(anthropic('claude-sonnet-4-5')), prompt: 'to default' });
    expect(viaDefault.text).toBe(echoText('to default'));
    expect(viaDefault.providerMetadata?.aigateway).toMatchObject({ gateway: 'default', provider: 'anthropic' });
    expect(t.emulator.calls.at(-1)).toMatchObject({ gateway: 'default', status: 200 });
    const named = await generateText({ model: createAiGateway({ binding: envAI(), gateway: 'emulator-gateway' })(LLAMA), prompt: 'to named' });
    expect(named.text).toBe(echoText('to named'));
    expect(t.emulator.calls.at(-1)).toMatchObject({ gateway: 'emulator-gateway', status: 200 });
  });

  it('resumes a dropped stream by default with env.AI, and resume: false turns it off', async () => {
    const resumed = streamText({ model: createAiGateway({ binding: envAI(), gateway: 'emulator-gateway' })({ model: LLAMA, headers: fault({ dropAfterEvents: 3 }) }), prompt: PROMPT });
    expect(await resumed.text).toBe(echoText(PROMPT));
    expect(t.emulator.calls.map((c) => c.kind)).toEqual(['universal', 'resume']);
    t.emulator.reset();
    const off = createAiGateway({ binding: envAI(), gateway: 'emulator-gateway', resume: false });
    const error = await streamError(streamText({ model: off({ model: LLAMA, headers: fault({ dropAfterEvents: 3 }) }), prompt: PROMPT, onError: () => {} }));
    expect(error).toBeInstanceOf(Error);
    expect(t.emulator.calls.map((c) => c.kind)).toEqual(['universal']);
  });

  it('recognises a binding in the wrong place when the instance is made, before any call', () => {
    const gatewayBinding = t.emulator.binding();
    // env.AI.gateway(id) where env.AI is expected (resume), and a gateway id beside it.
    expect(() => createAiGateway({ binding: gatewayBinding, resume: { binding: gatewayBinding as never, gateway: 'emulator-gateway' } })).toThrow(
      /resume\.binding.*looks like env\.AI\.gateway\(id\)/s,
    );
    expect(() => createAiGateway({ binding: gatewayBinding, gateway: 'other' })).toThrow(expect.objectContaining({ option: 'gateway' }));
    expect(() => createAiGateway({ binding: gatewayBinding, resume: true })).toThrow(expect.objectContaining({ option: 'resume' }));
    // Neither env.AI nor one of its gateways.
    expect(() => createAiGateway({ binding: { fetch: () => undefined } as never })).toThrow(expect.objectContaining({ option: 'binding' }));
    expect(() => createAiGateway({ binding: envAI(), gateway: '../x' })).toThrow(expect.objectContaining({ option: 'gateway' }));
    expect(t.emulator.calls).toHaveLength(0);
  });
});

describe('one Cloudflare API token, the gateway "default"', () => {
  it('sends to the gateway "default" when no gateway is given', async () => {
    const aigateway = createAiGateway({ accountId: t.emulator.accountId, apiKey: t.emulator.token, baseURL: t.emulator.baseURL });
    const result = await generateText({ model: aigateway(anthropic('claude-sonnet-4-5')), prompt: 'default gateway' });
    expect(result.text).toBe(echoText('default gateway'));
    expect(t.emulator.calls.at(-1)).toMatchObject({ gateway: 'default', status: 200 });
  });

  it.each([
    ['apiToken', (token: string) => ({ apiToken: token })],
    ['apiKey alone', (token: string) => ({ apiKey: token })],
  ])('%s serves the gateway and Workers AI ids over HTTP', async (_name, tokens) => {
    // As for a user with no other token in the environment ('' reads as unset).
    vi.stubEnv('CLOUDFLARE_API_TOKEN', '');
    onTestFinished(() => {
      vi.unstubAllEnvs();
    });
    const { sent, fetch } = recorder();
    const aigateway = createAiGateway({ accountId: t.emulator.accountId, gateway: 'emulator-gateway', baseURL: t.emulator.baseURL, fetch, ...tokens(t.emulator.token) });
    const result = await generateText({ model: aigateway(LLAMA), prompt: 'one token' });
    expect(result.text).toBe(echoText('one token'));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers.get('cf-aig-authorization')).toBe(`Bearer ${t.emulator.token}`);
    expect(sent[0]!.headers.get('authorization')).toBe(`Bearer ${t.emulator.token}`);
  });

  it('checks apiToken as a token, naming it and never showing it', () => {
    const make = () => createAiGateway({ accountId: t.emulator.accountId, apiToken: 'secret token-with-space-123', baseURL: t.emulator.baseURL });
    expect(make).toThrow(expect.objectContaining({ option: 'apiToken' }));
    expect(make).not.toThrow(/token-with-space-123/);
  });

  it('a rejected token names the permission the request needed: Workers AI, AI Gateway Read', async () => {
    const aigateway = createAiGateway({ accountId: t.emulator.accountId, gateway: 'emulator-gateway', apiKey: t.emulator.token, baseURL: t.emulator.baseURL, cloudflareApiBaseURL: t.emulator.baseURL.replace(/\/v1$/, '/client/v4'), cloudflareApiToken: 'cf-token-without-permissions' });
    const workersAi = await generateText({ model: aigateway({ model: LLAMA, headers: fault({ gatewayError: 10000 }) }), prompt: 'x', maxRetries: 0 }).catch((e: unknown) => e);
    const typed = findGatewayError(workersAi);
    expect(AiGatewayCloudflareAuthError.isInstance(typed)).toBe(true);
    expect(typed!.message).toContain('Workers AI (Read and Edit) permission');
    expect(typed!.message).not.toContain('cf-token-without-permissions');
    const logs = await aigateway.logs.get('01900000-0000-7000-8000-000000000000').catch((e: unknown) => e);
    expect(AiGatewayCloudflareAuthError.isInstance(logs)).toBe(true);
    expect((logs as Error).message).toContain('AI Gateway Read permission');
    expect((logs as Error).message).not.toContain('cf-token-without-permissions');
  });
});

describe('aigateway(model, options): per-model options, as createAI takes them', () => {
  it('sends the model options between the instance options and the call options', async () => {
    const { sent, fetch } = recorder();
    const aigateway = t.gateway({ fetch, options: { cacheTtl: 10, eventId: 'instance' } });
    const model = aigateway(anthropic('claude-sonnet-4-5'), { cacheTtl: 60, eventId: 'model', metadata: { tier: 'gold' } });
    await generateText({ model, prompt: 'x', providerOptions: { aigateway: { eventId: 'call', metadata: { user: 'u1' } } } });
    expect(sent[0]!.headers.get('cf-aig-cache-ttl')).toBe('60');
    expect(sent[0]!.headers.get('cf-aig-event-id')).toBe('call');
    expect(JSON.parse(sent[0]!.headers.get('cf-aig-metadata')!)).toEqual({ tier: 'gold', user: 'u1' });
  });

  it('puts id-leg settings of the second argument on the id, and refuses what it cannot use, when the model is made', () => {
    const aigateway = t.gateway({ cloudflareApiToken: 'cf-api-token' });
    expect(() => aigateway(anthropic('claude-sonnet-4-5'), { cacheTTL: 60 } as never)).toThrow(expect.objectContaining({ option: 'options (the second argument).cacheTTL' }));
    expect(() => aigateway(LLAMA, { fallback: ['@cf/other'] } as never)).toThrow(expect.objectContaining({ option: 'options (the second argument).fallback' }));
    expect(() => aigateway([LLAMA, LLAMA], { sessionAffinity: 's1' })).toThrow(expect.objectContaining({ option: 'options (the second argument).sessionAffinity' }));
    expect(() => aigateway(anthropic('claude-sonnet-4-5'), { sessionAffinity: 's1' })).toThrow(expect.objectContaining({ option: 'model.sessionAffinity' }));
    expect(() => aigateway(LLAMA, { cacheTtl: -1 })).toThrow(expect.objectContaining({ option: 'options (the second argument).cacheTtl' }));
  });

  it('takes providerOptions.cloudflare (createAI key) as providerOptions.aigateway, and refuses both at once', async () => {
    const { sent, fetch } = recorder();
    const model = t.gateway({ fetch })(anthropic('claude-sonnet-4-5'));
    await generateText({ model, prompt: 'x', providerOptions: { cloudflare: { cacheTtl: 30, skipCache: true } } });
    expect(sent[0]!.headers.get('cf-aig-cache-ttl')).toBe('30');
    expect(sent[0]!.headers.get('cf-aig-skip-cache')).toBe('true');
    await expect(generateText({ model, prompt: 'x', providerOptions: { cloudflare: { cacheTtl: 30 }, aigateway: { cacheTtl: 5 } } })).rejects.toSatisfy(invalid('providerOptions.cloudflare'));
    await expect(generateText({ model, prompt: 'x', providerOptions: { cloudflare: { cacheTTL: 30 } } })).rejects.toSatisfy(invalid('providerOptions.cloudflare.cacheTTL'));
    expect(sent).toHaveLength(1);
  });

  it("takes createAI's kind names: embedding, image, speech, transcription, reranking", async () => {
    const aigateway = t.gateway({ cloudflareApiToken: 'cf-api-token' });
    const { image, imageModel, speech, speechModel, transcription, transcriptionModel, reranking, rerankingModel } = aigateway as unknown as Record<string, unknown>;
    expect(image).toBe(imageModel);
    expect(speech).toBe(speechModel);
    expect(transcription).toBe(transcriptionModel);
    expect(reranking).toBe(rerankingModel);
    const { embedding } = await embed({ model: aigateway.embedding('@cf/baai/bge-base-en-v1.5', { cacheTtl: 60 }), value: 'hello' });
    expect(embedding).toHaveLength(embeddingFor('hello').length);
    expect(t.emulator.calls.at(-1)!.requestHeaders['cf-aig-cache-ttl']).toBe('60');
  });
});

describe('Workers AI reasoningEffort and chatTemplateKwargs', () => {
  it('reach the request body as reasoning_effort and chat_template_kwargs, per leg or per model', async () => {
    const { sent, fetch } = recorder();
    const aigateway = t.gateway({ cloudflareApiToken: 'cf-api-token', fetch });
    const leg = await generateText({ model: aigateway({ model: LLAMA, reasoningEffort: 'low', chatTemplateKwargs: { enable_thinking: false } }), prompt: 'think less' });
    expect(leg.text).toBe(echoText('think less'));
    expect(JSON.parse(sent[0]!.body as string)).toMatchObject({ model: LLAMA, reasoning_effort: 'low', chat_template_kwargs: { enable_thinking: false } });
    // The second argument, and inside a fallback list (a universal step's query).
    await generateText({ model: aigateway(LLAMA, { reasoningEffort: 'high' }), prompt: 'x' });
    expect(JSON.parse(sent[1]!.body as string)).toMatchObject({ reasoning_effort: 'high' });
    await generateText({ model: aigateway([{ model: LLAMA, reasoningEffort: 'medium' }, anthropic('claude-sonnet-4-5')]), prompt: 'x' });
    const steps = JSON.parse(sent[2]!.body as string) as { query: Record<string, unknown> }[];
    expect(steps[0]!.query).toMatchObject({ reasoning_effort: 'medium' });
    expect(steps[1]!.query).not.toHaveProperty('reasoning_effort');
    // Per call, the Workers AI model's own provider options; what the call sets in the body wins.
    await generateText({
      model: aigateway(LLAMA, { reasoningEffort: 'low', chatTemplateKwargs: { enable_thinking: true } }),
      prompt: 'x',
      providerOptions: { 'workers-ai': { reasoningEffort: 'high', chat_template_kwargs: { enable_thinking: false } } },
    });
    expect(JSON.parse(sent[3]!.body as string)).toMatchObject({ reasoning_effort: 'high', chat_template_kwargs: { enable_thinking: false } });
  });

  it('are checked when the model is made', () => {
    const aigateway = t.gateway({ cloudflareApiToken: 'cf-api-token' });
    expect(() => aigateway({ model: LLAMA, reasoningEffort: 'max' as never })).toThrow(expect.objectContaining({ option: 'model.reasoningEffort' }));
    expect(() => aigateway({ model: LLAMA, chatTemplateKwargs: [] as never })).toThrow(expect.objectContaining({ option: 'model.chatTemplateKwargs' }));
    expect(() => aigateway({ model: 'openai/gpt-5-mini', reasoningEffort: 'low' })).toThrow(expect.objectContaining({ option: 'model.reasoningEffort' }));
    expect(() => aigateway.embedding({ model: '@cf/baai/bge-base-en-v1.5', chatTemplateKwargs: {} })).toThrow(expect.objectContaining({ option: 'model.chatTemplateKwargs' }));
  });
});

describe('universal: true, the 4.x endpoint for a single model', () => {
  it('sends one model to the universal endpoint as a one-step list', async () => {
    const { sent, fetch } = recorder();
    const result = await generateText({ model: t.gateway({ fetch, universal: true })(openai.chat('gpt-5-mini')), prompt: 'as in 4.x' });
    expect(result.text).toBe(echoText('as in 4.x'));
    expect(sent[0]!.url).toBe(`${t.emulator.baseURL}/${t.emulator.accountId}/emulator-gateway`);
    expect(JSON.parse(sent[0]!.body as string)).toMatchObject([{ provider: 'openai', endpoint: 'chat/completions' }]);
    expect(t.emulator.calls.at(-1)).toMatchObject({ kind: 'universal', step: 0 });
    expect(() => t.gateway({ universal: 'yes' as never })).toThrow(expect.objectContaining({ option: 'universal' }));
  });
});

describe('metadata merged across instance, model, call and leg', () => {
  it('sends a leg its merged metadata (not the leg alone) in a fallback list and for a single model', async () => {
    const aigateway = t.gateway({ options: { metadata: { app: 'a' } } });
    const failing = createOpenAI({ apiKey: 'sk', headers: fault({ status: 500 }) }).chat('gpt-5-mini');
    await generateText({
      model: aigateway([failing, { model: anthropic('claude-sonnet-4-5'), options: { metadata: { leg: 'second', user: null } } }]),
      prompt: 'x',
      providerOptions: { aigateway: { metadata: { user: 'u1' } } },
    });
    await expect.poll(() => t.emulator.logs.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
    expect(t.emulator.logs.at(-1)!.metadata).toEqual({ app: 'a', leg: 'second' });
    t.emulator.reset();
    await generateText({ model: aigateway({ model: anthropic('claude-sonnet-4-5'), options: { metadata: { leg: 'only' } } }), prompt: 'x', providerOptions: { aigateway: { metadata: { user: 'u1' } } } });
    await expect.poll(() => t.emulator.logs.length, { timeout: 60_000 }).toBe(1);
    expect(t.emulator.logs[0]!.metadata).toEqual({ app: 'a', user: 'u1', leg: 'only' });
  });

  it('refuses more than 5 entries once merged, before anything is sent', async () => {
    const aigateway = t.gateway({ options: { metadata: { a: 1, b: 2, c: 3 } } });
    const call = generateText({ model: aigateway(anthropic('claude-sonnet-4-5')), prompt: 'x', providerOptions: { aigateway: { metadata: { d: 4, e: 5, f: 6 } } } });
    await expect(call).rejects.toSatisfy(invalid('metadata'));
    const leg = generateText({ model: aigateway({ model: anthropic('claude-sonnet-4-5'), options: { metadata: { d: 4, e: 5, f: 6 } } }), prompt: 'x' });
    await expect(leg).rejects.toSatisfy((e) => invalid('metadata')(e) && /6 entries once/.test((e as Error).message));
    // A null entry removes one: 5 sent.
    await generateText({ model: aigateway(anthropic('claude-sonnet-4-5'), { metadata: { a: null } }), prompt: 'x', providerOptions: { aigateway: { metadata: { d: 4, e: 5, f: 6 } } } });
    expect(t.emulator.calls).toHaveLength(1);
  });
});

describe('findGatewayError', () => {
  it('finds the typed error of a dropped stream inside the AI SDK error, and of a failed call', async () => {
    const model = t.gateway()(createAnthropic({ apiKey: 'sk', headers: fault({ dropAfterEvents: 2 }) })('claude-sonnet-4-5'));
    const dropped = await streamError(streamText({ model, prompt: PROMPT, onError: () => {} }));
    expect(AiGatewayError.isInstance(dropped)).toBe(false);
    expect(findGatewayError(dropped)).toBeInstanceOf(AiGatewayError);
    const limited = createOpenAI({ apiKey: 'sk', headers: fault({ status: 429, times: 10 }) }).chat('gpt-5-mini');
    const failed = await generateText({ model: t.gateway()(limited), prompt: 'x', maxRetries: 1 }).catch((e: unknown) => e);
    expect(AiGatewayRateLimitError.isInstance(findGatewayError(failed)) || AiGatewayError.isInstance(findGatewayError(failed))).toBe(true);
  });
});
