import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { AiGatewayInvalidOptionsError } from '@aigw/errors';
import { echoText, embeddingFor, imagePngFor, rerankScores, speechFor, transcriptFor } from '@aigw/emulator';
import { createProviderRegistry, embed, embedMany, generateImage, generateSpeech, generateText, Output, rerank, streamText, tool, transcribe } from 'ai';
import { describe, expect, it } from 'vitest';
import { createWorkersAI } from 'workers-ai-provider';
import { z } from 'zod';
import { fault, useEmulator } from './helpers';

const t = useEmulator({
  gateways: { 'emulator-gateway': { authentication: true, dynamicRoutes: { support: ['anthropic/claude-sonnet-4-5', 'openai/gpt-5-mini'] }, byok: { anthropic: 'stored', openai: 'stored' } } },
});
const anthropic = createAnthropic({ apiKey: 'sk-ant-test' });
const cf = () => t.gateway({ cloudflareApiToken: 'cf-api-token' });
const LLAMA = '@cf/meta/llama-3.1-8b-instruct';

const close = (actual: number[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
};

describe('Workers AI ids over HTTP', () => {
  it('generates text with a @cf id on workers-ai/v1/chat/completions, with the API token', async () => {
    const result = await generateText({ model: cf()(LLAMA), prompt: 'Hello Workers AI' });
    expect(result.text).toBe(echoText('Hello Workers AI'));
    expect(result.providerMetadata?.aigateway).toMatchObject({ step: 0, provider: 'workers-ai', modelId: LLAMA, steps: 1 });
    const attempt = t.emulator.calls.at(-1)!.attempts[0]!;
    expect(attempt).toMatchObject({ provider: 'workers-ai', endpoint: 'v1/chat/completions' });
    expect(attempt.headers.authorization).toBe('[REDACTED]');
  });

  it('streams a @cf id as it arrives', async () => {
    const result = streamText({ model: cf()(LLAMA), prompt: 'one two three four five' });
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.join('')).toBe(echoText('one two three four five'));
    expect((await result.providerMetadata)?.aigateway).toMatchObject({ provider: 'workers-ai', modelId: LLAMA });
  });

  it('calls tools and returns structured output with a @cf id', async () => {
    const weather = tool({ description: 'weather', inputSchema: z.object({ city: z.string() }), execute: async ({ city }) => `sunny in ${city}` });
    const tools = await generateText({ model: cf()(LLAMA), prompt: 'Paris', tools: { weather } });
    expect(tools.toolCalls[0]).toMatchObject({ toolName: 'weather', input: { city: 'Paris' } });
    expect(tools.toolResults[0]).toMatchObject({ output: 'sunny in Paris' });

    const structured = await generateText({ model: cf()(LLAMA), prompt: 'Lyon', output: Output.object({ schema: z.object({ city: z.string(), days: z.number() }) }) });
    expect(structured.output).toEqual({ city: 'Lyon', days: 1 });
  });

  it('embeds with a @cf id (embed and embedMany)', async () => {
    const model = cf().embeddingModel('@cf/baai/bge-base-en-v1.5');
    close((await embed({ model, value: 'sunny day' })).embedding, embeddingFor('sunny day'));
    const many = await embedMany({ model, values: ['a', 'b'] });
    many.embeddings.forEach((e, i) => close(e, embeddingFor(['a', 'b'][i]!)));
    expect(t.emulator.calls.at(-1)!.attempts[0]).toMatchObject({ provider: 'workers-ai', endpoint: 'v1/embeddings' });
  });

  it('generates an image with a @cf id on the run route', async () => {
    const result = await generateImage({ model: cf().imageModel('@cf/black-forest-labs/flux-1-schnell'), prompt: 'a red square' });
    expect(result.images[0]!.uint8Array).toEqual(imagePngFor('a red square'));
    expect(t.emulator.calls.at(-1)!.attempts[0]).toMatchObject({ provider: 'workers-ai', endpoint: '@cf/black-forest-labs/flux-1-schnell' });
  });

  it('generates speech with a @cf id', async () => {
    const result = await generateSpeech({ model: cf().speechModel('@cf/deepgram/aura-2-en'), text: 'hello there' });
    expect(result.audio.uint8Array).toEqual(speechFor('hello there'));
  });

  it('transcribes with a @cf id (the audio travels in the JSON input)', async () => {
    const audio = new TextEncoder().encode('pretend this is audio');
    const result = await transcribe({ model: cf().transcriptionModel('@cf/openai/whisper-large-v3-turbo'), audio });
    expect(result.text).toBe(transcriptFor(audio));
    expect(t.emulator.calls.at(-1)).toMatchObject({ kind: 'provider', status: 200 });
  });

  it('falls back between Workers AI transcription models in one universal request', async () => {
    const audio = new TextEncoder().encode('fallback audio');
    const model = cf().transcriptionModel([{ model: '@cf/openai/whisper-large-v3-turbo', headers: fault({ status: 500 }) }, '@cf/openai/whisper']);
    const result = await transcribe({ model, audio });
    expect(result.text).toBe(transcriptFor(audio));
    expect(t.emulator.calls.at(-1)).toMatchObject({ kind: 'universal', step: 1, stepsTried: [0, 1] });
  });

  it('reranks with a @cf id', async () => {
    const documents = ['blue sky', 'a red apple on a table', 'green grass'];
    const result = await rerank({ model: cf().rerankingModel('@cf/baai/bge-reranker-base'), query: 'red apple', documents });
    expect(result.ranking.map((r) => r.originalIndex)).toEqual(rerankScores('red apple', documents).map((r) => r.index));
  });

  it('refuses a @cf id over HTTP without a Cloudflare API token, before sending', () => {
    const previous = process.env.CLOUDFLARE_API_TOKEN;
    delete process.env.CLOUDFLARE_API_TOKEN;
    try {
      // No token at all: the gateway token (apiKey) would serve Workers AI too.
      expect(() => t.gateway({ apiKey: undefined })(LLAMA)).toThrow(/cloudflareApiToken/);
    } finally {
      if (previous !== undefined) process.env.CLOUDFLARE_API_TOKEN = previous;
    }
  });

  it('reads the token from CLOUDFLARE_API_TOKEN', async () => {
    process.env.CLOUDFLARE_API_TOKEN = 'from-env';
    try {
      const result = await generateText({ model: t.gateway()(LLAMA), prompt: 'env' });
      expect(result.text).toBe(echoText('env'));
    } finally {
      delete process.env.CLOUDFLARE_API_TOKEN;
    }
  });

  it('refuses an id that is no model id, naming the forms allowed', () => {
    expect(() => cf()('gpt-5-mini')).toThrow(expect.objectContaining({ message: expect.stringContaining('@cf/') }));
    expect(() => cf().embeddingModel('openai/text-embedding-3-small')).toSatisfy((f: () => unknown) => {
      try {
        f();
        return false;
      } catch (e) {
        return AiGatewayInvalidOptionsError.isInstance(e);
      }
    });
  });
});

describe('catalog ids and dynamic routes', () => {
  it('sends a catalog id through compat/chat/completions without a key (the gateway supplies it)', async () => {
    const result = await generateText({ model: cf()('openai/gpt-5-mini'), prompt: 'catalog' });
    expect(result.text).toBe(echoText('catalog'));
    expect(result.providerMetadata?.aigateway).toMatchObject({ provider: 'compat', modelId: 'openai/gpt-5-mini' });
    expect(t.emulator.calls.at(-1)!.attempts[0]).toMatchObject({ provider: 'compat', endpoint: 'chat/completions', byok: true });
  });

  it('streams a dynamic route and reports the routed model', async () => {
    const result = streamText({ model: cf()('dynamic/support'), prompt: 'route me' });
    expect(await result.text).toBe(echoText('route me'));
    expect((await result.providerMetadata)?.aigateway).toMatchObject({ provider: 'compat', model: 'claude-sonnet-4-5', routedProvider: 'anthropic' });
  });
});

describe('mixed server-side fallback', () => {
  it('mixes a vendor model, a @cf id and a catalog id in one gateway request; a later step answers', async () => {
    const failing = createOpenAI({ apiKey: 'sk', headers: fault({ status: 500 }) }).chat('gpt-5-mini');
    const failingAnthropic = createAnthropic({ apiKey: 'sk', headers: fault({ status: 503 }) })('claude-sonnet-4-5');
    const model = cf()([failing, { model: failingAnthropic }, LLAMA, 'openai/gpt-5-mini']);
    const result = await generateText({ model, prompt: 'mixed' });
    expect(result.text).toBe(echoText('mixed'));
    expect(result.providerMetadata?.aigateway).toMatchObject({ step: 2, provider: 'workers-ai', modelId: LLAMA, steps: 4 });
    expect(t.emulator.calls).toHaveLength(1);
    expect(t.emulator.calls[0]!.stepsTried).toEqual([0, 1, 2]);
  });

  it('falls back from a @cf id to a vendor model, streaming', async () => {
    const model = cf()([{ model: LLAMA, headers: fault({ status: 500 }) }, anthropic('claude-sonnet-4-5')]);
    const result = streamText({ model, prompt: 'second' });
    expect(await result.text).toBe(echoText('second'));
    expect((await result.providerMetadata)?.aigateway).toMatchObject({ step: 1, provider: 'anthropic' });
  });

  it('sends sessionAffinity and leg headers with a Workers AI leg', async () => {
    await generateText({ model: cf()({ model: LLAMA, sessionAffinity: 'conversation-7', headers: { 'x-extra': 'yes' } }), prompt: 'affinity' });
    expect(t.emulator.calls.at(-1)!.attempts[0]!.headers).toMatchObject({ 'x-session-affinity': 'conversation-7', 'x-extra': 'yes' });
  });

  it('keeps each leg its own settings when one gateway builds many id models (reused, and past the 256 it keeps)', async () => {
    const gateway = cf();
    const sent = async (affinity: string | undefined, prompt: string) => {
      const model = gateway(affinity === undefined ? LLAMA : { model: LLAMA, sessionAffinity: affinity, headers: { 'x-user': affinity } });
      expect((await generateText({ model, prompt })).text).toBe(echoText(prompt));
      return t.emulator.calls.at(-1)!.attempts[0]!.headers;
    };
    const plain = await sent(undefined, 'plain');
    expect(plain['x-session-affinity']).toBeUndefined();
    expect(plain['x-user']).toBeUndefined();
    // Interleaved: a model built for one user's settings is never another's.
    for (const user of ['u1', 'u2', 'u1', 'u3', 'u2']) expect(await sent(user, `hi ${user}`)).toMatchObject({ 'x-session-affinity': user, 'x-user': user });
    expect((await sent(undefined, 'plain again'))['x-user']).toBeUndefined();
    // More distinct settings than the instance keeps built: the oldest are dropped and rebuilt on use.
    for (let i = 0; i < 300; i++) gateway({ model: LLAMA, sessionAffinity: `bulk-${i}` });
    expect(await sent('u1', 'after eviction')).toMatchObject({ 'x-session-affinity': 'u1', 'x-user': 'u1' });
    expect(await sent('bulk-299', 'kept')).toMatchObject({ 'x-session-affinity': 'bulk-299' });
  });
});

describe('options and metadata that createAI has', () => {
  it('sends zdr, per-call sessionAffinity and per-call headers; the metadata names the gateway and request', async () => {
    const result = await generateText({
      model: cf()([LLAMA, anthropic('claude-sonnet-4-5')]),
      prompt: 'options',
      headers: { 'x-sdk-header': 'sdk' },
      providerOptions: { aigateway: { zdr: true, sessionAffinity: 'conversation-9', headers: { 'x-call': 'call' } } },
    });
    const call = t.emulator.calls.at(-1)!;
    expect(call.requestHeaders['cf-aig-zdr']).toBe('true');
    expect(call.attempts[0]!.headers).toMatchObject({ 'x-session-affinity': 'conversation-9', 'x-call': 'call', 'x-sdk-header': 'sdk' });
    expect(result.providerMetadata?.aigateway).toMatchObject({ gateway: 'emulator-gateway', requestId: expect.any(String), eventId: expect.any(String) });
  });

  it('refuses a bad per-call header before sending, without showing its value', async () => {
    const before = t.emulator.calls.length;
    const error = await generateText({ model: cf()(LLAMA), prompt: 'x', providerOptions: { aigateway: { headers: { authorization: 'secret\nvalue' } } } }).catch((e: unknown) => e);
    expect(AiGatewayInvalidOptionsError.isInstance(error)).toBe(true);
    expect(String((error as Error).message)).toContain('providerOptions.aigateway.headers.authorization');
    expect(String((error as Error).message)).not.toContain('secret');
    expect(t.emulator.calls.length).toBe(before);
  });
});

describe('workers-ai-provider models', () => {
  const workersai = createWorkersAI({ accountId: 'acct', apiKey: 'ignored-token' });

  it('routes a workers-ai-provider chat model as a Workers AI leg by its id', async () => {
    const result = await generateText({ model: cf()(workersai(LLAMA)), prompt: 'from workers-ai-provider' });
    expect(result.text).toBe(echoText('from workers-ai-provider'));
    expect(result.providerMetadata?.aigateway).toMatchObject({ provider: 'workers-ai', modelId: LLAMA });
  });

  it('routes workers-ai-provider models of other kinds, in a fallback list', async () => {
    const failing = createOpenAI({ apiKey: 'sk', headers: fault({ status: 500 }) }).embedding('text-embedding-3-small');
    const result = await embed({ model: cf().embeddingModel([failing, workersai.embedding('@cf/baai/bge-base-en-v1.5')]), value: 'leg two' });
    close(result.embedding, embeddingFor('leg two'));
    expect(result.providerMetadata?.aigateway).toMatchObject({ step: 1, provider: 'workers-ai' });
  });
});

describe('the provider registry', () => {
  it('resolves cf:@cf/... and cf:openai/... through createProviderRegistry', async () => {
    const registry = createProviderRegistry({ cf: cf() });
    const a = await generateText({ model: registry.languageModel(`cf:${LLAMA}`), prompt: 'registry' });
    expect(a.text).toBe(echoText('registry'));
    const b = await generateText({ model: registry.languageModel('cf:openai/gpt-5-mini'), prompt: 'registry 2' });
    expect(b.text).toBe(echoText('registry 2'));
    const e = await embed({ model: registry.embeddingModel('cf:@cf/baai/bge-base-en-v1.5'), value: 'x' });
    close(e.embedding, embeddingFor('x'));
  });

  it('resolves plain string ids through globalThis.AI_SDK_DEFAULT_PROVIDER', async () => {
    const previous = globalThis.AI_SDK_DEFAULT_PROVIDER;
    globalThis.AI_SDK_DEFAULT_PROVIDER = cf();
    try {
      const result = await generateText({ model: LLAMA, prompt: 'default provider' });
      expect(result.text).toBe(echoText('default provider'));
      expect(result.providerMetadata?.aigateway).toMatchObject({ provider: 'workers-ai' });
    } finally {
      globalThis.AI_SDK_DEFAULT_PROVIDER = previous;
    }
  });
});
