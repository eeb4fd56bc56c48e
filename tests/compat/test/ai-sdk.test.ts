// The AI SDK suite, run once per generation (vitest.config.ts's projects ai5, ai6 and ai7) and
// compiled once per generation (tsconfig.ai5.json, ai6, ai7): `ai`, `@ai-sdk/openai`,
// `@ai-sdk/anthropic` and `@ai-sdk/provider` are that generation's, as in an application that installed
// only it, and `#generation` is its part in test/generations/ (specification version, names).
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { echoText, embeddingFor, speechFor, transcriptFor } from '@aigw/emulator';
import { embed, embedMany, generateText, Output, stepCountIs, streamText, tool } from 'ai';
import { AiGatewayChatLanguageModel, aigatewayOptions, gatewayMetadata, type AiGatewayProviderOptions } from 'ai-gateway-provider';
import { createAnthropic as createKeylessAnthropic } from 'ai-gateway-provider/providers/anthropic';
import { createOpenAI as createKeylessOpenAI } from 'ai-gateway-provider/providers/openai';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { generateImage, generateOutput, generateSpeech, generation, transcribe, type EmbeddingModel, type LanguageModel } from '#generation';
import { fault, generationTitle, lastHeader, useEmulator } from './helpers';

const t = useEmulator();
const openai = createOpenAI({ apiKey: 'sk-openai-test' });
const anthropic = createAnthropic({ apiKey: 'sk-ant-test' });
const { ai, specificationVersion: v, providerMajor } = generation;

describe(generationTitle(generation), () => {
  it(`wraps ${v} models as ${v} models, typed as the specification without casts`, () => {
    const model: LanguageModel = t.gateway()(openai.chat('gpt-5-mini'));
    expectTypeOf(t.gateway()(openai.chat('gpt-5-mini'))).not.toBeAny();
    expectTypeOf(t.gateway()(openai.chat('gpt-5-mini')).specificationVersion).toEqualTypeOf<typeof v>();
    const embedder: EmbeddingModel = t.gateway().embeddingModel(openai.embedding('text-embedding-3-small'));
    expect(model.specificationVersion).toBe(v);
    expect(embedder.specificationVersion).toBe(v);
  });

  it('generates text, with the gateway metadata', async () => {
    const result = await generateText({ model: t.gateway()(anthropic('claude-sonnet-4-5')), prompt: `Hello from AI SDK ${ai}` });
    expect(result.text).toBe(echoText(`Hello from AI SDK ${ai}`));
    expect(gatewayMetadata(result)).toMatchObject({ step: 0, provider: 'anthropic', steps: 1 });
  });

  it('streams text; the metadata is on finish-step and in await result.providerMetadata', async () => {
    const result = streamText({ model: t.gateway()(openai.chat('gpt-5-mini')), prompt: 'one two three four' });
    const parts: { type: string; providerMetadata?: unknown }[] = [];
    for await (const part of result.fullStream) parts.push(part);
    expect(await result.text).toBe(echoText('one two three four'));
    expect(parts.filter((p) => p.type === 'text-delta').length).toBeGreaterThan(1);
    const finishStep = parts.find((p) => p.type === 'finish-step') as { providerMetadata?: Record<string, unknown> } | undefined;
    expect(finishStep?.providerMetadata?.aigateway).toMatchObject({ step: 0, provider: 'openai' });
    expect((await result.providerMetadata)?.aigateway).toMatchObject({ step: 0, provider: 'openai' });
  });

  it('runs a tool loop and structured output', async () => {
    const result = await generateText({
      model: t.gateway()(openai('gpt-5-mini')),
      prompt: 'Paris',
      tools: { weather: tool({ description: 'Weather of a city', inputSchema: z.object({ city: z.string() }), execute: async ({ city }) => ({ city, temperature: 21 }) }) },
      stopWhen: stepCountIs(3),
    });
    expect(result.steps[0]!.toolCalls[0]).toMatchObject({ toolName: 'weather', input: { city: 'Paris' } });
    expect(result.text).toContain('21');
    const structured = await generateOutput({ model: t.gateway()(anthropic('claude-sonnet-4-5')), prompt: 'Ada', output: Output.object({ schema: z.object({ name: z.string() }) }) });
    expect(structured).toEqual({ name: 'Ada' });
  });

  it('falls back on the gateway side', async () => {
    const failing = createOpenAI({ apiKey: 'sk', headers: fault({ status: 500 }) }).chat('gpt-5-mini');
    const result = await generateText({ model: t.gateway()([failing, anthropic('claude-sonnet-4-5')]), prompt: 'fall back' });
    expect(result.text).toBe(echoText('fall back'));
    expect(gatewayMetadata(result)).toMatchObject({ step: 1, provider: 'anthropic', steps: 2 });
  });

  it('sends per-call options, typed as users write them (a typed const and the helper with bigint metadata)', async () => {
    const model = t.gateway({ options: { metadata: { app: 'compat', user: 'default' } } })(openai.chat('gpt-5-mini'));
    const perCall: AiGatewayProviderOptions = { skipCache: true, metadata: { user: null, tier: 'gold' } };
    await generateText({ model, prompt: 'typed const', providerOptions: { aigateway: perCall } });
    expect(lastHeader(t, 'cf-aig-skip-cache')).toBe('true');
    expect(JSON.parse(lastHeader(t, 'cf-aig-metadata')!)).toEqual({ app: 'compat', tier: 'gold' });

    await generateText({ model, prompt: 'bigint', providerOptions: { aigateway: aigatewayOptions({ metadata: { orderId: 2n ** 60n } }) } });
    expect(JSON.parse(lastHeader(t, 'cf-aig-metadata')!)).toEqual({ app: 'compat', user: 'default', orderId: String(2n ** 60n) });
  });

  it('embeds one value and many, with metadata', async () => {
    const embedder = t.gateway().embeddingModel(openai.embedding('text-embedding-3-small'));
    const one = await embed({ model: embedder, value: 'sunny day' });
    one.embedding.forEach((value, i) => expect(value).toBeCloseTo(embeddingFor('sunny day')[i]!, 5));
    expect(one.providerMetadata?.aigateway).toMatchObject({ step: 0, provider: 'openai' });
    const many = await embedMany({ model: embedder, values: ['a', 'b'] });
    expect(many.embeddings).toHaveLength(2);
  });

  it('generates an image and speech, and transcribes with one model', async () => {
    const image = await generateImage({ model: t.gateway().imageModel(openai.image('gpt-image-1')), prompt: 'a red square', n: 1 });
    expect(image.images[0]!.uint8Array.slice(1, 4)).toEqual(new TextEncoder().encode('PNG'));
    expect(gatewayMetadata(image)).toMatchObject({ step: 0, provider: 'openai' });
    const speech = await generateSpeech({ model: t.gateway().speechModel(openai.speech('tts-1')), text: 'hello there' });
    expect(speech.audio.uint8Array).toEqual(speechFor('hello there'));
    const audio = new TextEncoder().encode('pretend this is audio');
    const transcript = await transcribe({ model: t.gateway().transcriptionModel(openai.transcription('whisper-1')), audio });
    expect(transcript.text).toBe(transcriptFor(audio));
  });

  it('keeps 200 concurrent calls on one wrapper apart (no crossed answers)', async () => {
    const model = t.gateway()([openai.chat('gpt-5-mini'), anthropic('claude-sonnet-4-5')]);
    const texts = await Promise.all(Array.from({ length: 200 }, (_, i) => generateText({ model, prompt: `question ${i}` }).then((r) => r.text)));
    texts.forEach((text, i) => expect(text).toBe(echoText(`question ${i}`)));
  });

  it('accepts 4.x’s constructor, new AiGatewayChatLanguageModel(models, settings)', async () => {
    const model = new AiGatewayChatLanguageModel([openai.chat('gpt-5-mini')], t.settings());
    expect(model).toBeInstanceOf(AiGatewayChatLanguageModel);
    const result = await generateText({ model, prompt: 'constructed' });
    expect(result.text).toBe(echoText('constructed'));
  });

  it(`runs the keyless providers/openai and providers/anthropic sub-paths (@ai-sdk/openai@${providerMajor}, @ai-sdk/anthropic@${providerMajor})`, async () => {
    const keyless = createKeylessOpenAI().chat('gpt-5-mini');
    expect(keyless.specificationVersion).toBe(v);
    const result = await generateText({ model: t.gateway()(keyless), prompt: 'keyless' });
    expect(result.text).toBe(echoText('keyless'));
    const keylessAnthropic = createKeylessAnthropic()('claude-sonnet-4-5');
    expect(keylessAnthropic.specificationVersion).toBe(v);
    const fallback = await generateText({ model: t.gateway()([keylessAnthropic, keyless]), prompt: 'keyless fallback' });
    expect(gatewayMetadata(fallback)).toMatchObject({ step: 0, provider: 'anthropic' });
  });
});
