// Workers AI ids, workers-ai-provider models, the provider registry and resumable streams, run
// inside workerd through the emulator's double of env.AI (the gateway emulator runs in Node).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import * as bundled from '../.test-build/workers-ai-deps.mjs';
import type * as Deps from './workers-ai-deps';

// The packages as one esbuild bundle (see vitest.config.ts), typed by their source.
const { AiGatewayStreamResumeError, createAiGateway, createAnthropic, createProviderRegistry, createWorkersAI, embed, emulatorAi, generateImage, generateSpeech, generateText, rerank, streamText, transcribe } =
  bundled as typeof Deps;

const LLAMA = '@cf/meta/llama-3.1-8b-instruct';
const ai = () => emulatorAi({ baseURL: env.AIGW_EMULATOR_URL as string });
/** As in a Worker: `createAiGateway({ binding: env.AI.gateway(id), resume: { binding: env.AI, gateway: id } })`, no token. */
const aigateway = () => createAiGateway({ binding: ai().gateway('my-gateway'), resume: { binding: ai(), gateway: 'my-gateway' } });
const fault = (spec: Record<string, unknown>) => ({ 'x-emulator-fault': JSON.stringify(spec) });

describe('Workers AI through the binding, inside workerd', () => {
  it('generates and streams text with a @cf id, without a token', async () => {
    const text = await generateText({ model: aigateway()(LLAMA), prompt: 'hello from workerd' });
    expect(text.text).toBe('Echo: hello from workerd');
    expect(text.providerMetadata?.aigateway).toMatchObject({ provider: 'workers-ai', modelId: LLAMA, gateway: 'my-gateway' });
    const streamed = streamText({ model: aigateway()(LLAMA), prompt: 'one two three' });
    const deltas: string[] = [];
    for await (const delta of streamed.textStream) deltas.push(delta);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('Echo: one two three');
  });

  it('runs every other kind by id', async () => {
    const gateway = aigateway();
    expect((await embed({ model: gateway.embeddingModel('@cf/baai/bge-base-en-v1.5'), value: 'x' })).embedding.length).toBeGreaterThan(0);
    const image = await generateImage({ model: gateway.imageModel('@cf/black-forest-labs/flux-1-schnell'), prompt: 'a square' });
    expect(image.images[0]!.uint8Array.slice(1, 4)).toEqual(new TextEncoder().encode('PNG'));
    expect((await generateSpeech({ model: gateway.speechModel('@cf/deepgram/aura-2-en'), text: 'hi' })).audio.uint8Array.length).toBeGreaterThan(0);
    const heard = await transcribe({ model: gateway.transcriptionModel('@cf/openai/whisper-large-v3-turbo'), audio: new TextEncoder().encode('audio bytes') });
    expect(heard.text.length).toBeGreaterThan(0);
    const ranked = await rerank({ model: gateway.rerankingModel('@cf/baai/bge-reranker-base'), query: 'red apple', documents: ['sky', 'a red apple'] });
    expect(ranked.ranking[0]!.originalIndex).toBe(1);
  });

  it('falls back from a vendor model to a @cf id on the gateway side', async () => {
    const anthropic = createAnthropic({ apiKey: 'sk-ant', headers: fault({ status: 503 }) });
    const result = await generateText({ model: aigateway()([anthropic('claude-sonnet-4-5'), LLAMA]), prompt: 'later step' });
    expect(result.text).toBe('Echo: later step');
    expect(result.providerMetadata?.aigateway).toMatchObject({ step: 1, provider: 'workers-ai', steps: 2 });
  });

  it('routes a workers-ai-provider model and resolves ids through the registry', async () => {
    const workersai = createWorkersAI({ binding: { run: () => Promise.reject(new Error('never called')) } });
    const viaProvider = await generateText({ model: aigateway()(workersai(LLAMA)), prompt: 'wap' });
    expect(viaProvider.text).toBe('Echo: wap');
    const registry = createProviderRegistry({ cf: aigateway() });
    expect((await generateText({ model: registry.languageModel(`cf:${LLAMA}`), prompt: 'registry' })).text).toBe('Echo: registry');
  });

  it('resumes a stream dropped mid-way: the whole text once', async () => {
    const model = aigateway()({ model: LLAMA, headers: fault({ dropAfterEvents: 3, dropTimes: 2 }) });
    const deltas: string[] = [];
    for await (const delta of streamText({ model, prompt: 'a b c d e f g h' }).textStream) deltas.push(delta);
    expect(deltas.join('')).toBe('Echo: a b c d e f g h');
  });

  it('ends with a typed error when the run expired', async () => {
    const model = aigateway()({ model: LLAMA, headers: fault({ dropAfterEvents: 2, expireRun: true }) });
    let error: unknown;
    try {
      for await (const part of streamText({ model, prompt: 'a b c d e', onError: () => {} }).fullStream) if (part.type === 'error') error = part.error;
    } catch (thrown) {
      error = thrown;
    }
    const typed = AiGatewayStreamResumeError.isInstance(error) ? error : (error as { cause?: unknown }).cause;
    expect(typed).toMatchObject({ reason: 'expired', statusCode: 404 });
  });
});
