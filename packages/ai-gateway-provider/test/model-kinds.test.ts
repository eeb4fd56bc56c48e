import { createCohere } from '@ai-sdk/cohere';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { AiGatewayInvalidOptionsError } from '@aigw/errors';
import { echoText, embeddingFor, speechFor, transcriptFor } from '@aigw/emulator';
import { embed, embedMany, generateImage, generateSpeech, generateText, rerank, transcribe } from 'ai';
import { describe, expect, it } from 'vitest';
import { gatewayMetadata } from '../src';
import { fault, useEmulator } from './helpers';

const t = useEmulator();
const openai = createOpenAI({ apiKey: 'sk-openai' });
const google = createGoogleGenerativeAI({ apiKey: 'goog' });
const cohere = createCohere({ apiKey: 'co' });

const close = (actual: number[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
};

describe('every model kind', () => {
  it('embeds with OpenAI and Google, with fallback', async () => {
    const aigateway = t.gateway();
    const one = await embed({ model: aigateway.embeddingModel(openai.embedding('text-embedding-3-small')), value: 'sunny day' });
    close(one.embedding, embeddingFor('sunny day'));
    expect(one.providerMetadata?.aigateway).toMatchObject({ step: 0, provider: 'openai' });

    const failing = createOpenAI({ apiKey: 'sk', headers: fault({ status: 500 }) }).embedding('text-embedding-3-small');
    const many = await embedMany({ model: aigateway.embeddingModel([failing, google.embedding('gemini-embedding-001')]), values: ['a', 'b', 'c'] });
    many.embeddings.forEach((e, i) => close(e, embeddingFor(['a', 'b', 'c'][i]!)));
    expect(many.providerMetadata?.aigateway).toMatchObject({ step: 1, provider: 'google-ai-studio' });
  });

  it('generates an image', async () => {
    const result = await generateImage({ model: t.gateway().imageModel(openai.image('gpt-image-1')), prompt: 'a red square', n: 1 });
    expect(result.images).toHaveLength(1);
    expect(result.images[0]!.uint8Array.slice(1, 4)).toEqual(new TextEncoder().encode('PNG'));
    expect(result.providerMetadata.aigateway!.images[0]).toMatchObject({ step: 0, provider: 'openai' });
    expect(gatewayMetadata(result)?.step).toBe(0);
    expect(result.responses[0]!.headers?.['cf-aig-step']).toBe('0');
  });

  it('generates speech (a binary answer)', async () => {
    const result = await generateSpeech({ model: t.gateway().speechModel(openai.speech('tts-1')), text: 'hello there' });
    expect(result.audio.uint8Array).toEqual(speechFor('hello there'));
  });

  it('transcribes an upload through the provider-native path', async () => {
    const audio = new TextEncoder().encode('pretend this is audio');
    const result = await transcribe({ model: t.gateway().transcriptionModel(openai.transcription('whisper-1')), audio });
    expect(result.text).toBe(transcriptFor(audio));
    expect(t.emulator.calls.at(-1)).toMatchObject({ kind: 'provider', status: 200 });
  });

  it('refuses a fallback list for an upload, before sending', async () => {
    const before = t.emulator.calls.length;
    const model = t.gateway().transcriptionModel([openai.transcription('whisper-1'), openai.transcription('gpt-4o-transcribe')]);
    await expect(transcribe({ model, audio: new Uint8Array([1, 2, 3]) })).rejects.toSatisfy((e) => AiGatewayInvalidOptionsError.isInstance(e));
    expect(t.emulator.calls.length).toBe(before);
  });

  it('reranks with Cohere', async () => {
    const result = await rerank({
      model: t.gateway().rerankingModel(cohere.reranking('rerank-v3.5')),
      query: 'red apple',
      documents: ['blue sky', 'a red apple on a table', 'green grass'],
    });
    expect(result.ranking[0]!.originalIndex).toBe(1);
    expect(result.ranking).toHaveLength(3);
  });

  it('keeps 1000 concurrent calls of mixed kinds on shared wrappers apart', async () => {
    const aigateway = t.gateway();
    const chat = aigateway(openai.chat('gpt-5-mini'));
    const embedder = aigateway.embeddingModel(openai.embedding('text-embedding-3-small'));
    const jobs = Array.from({ length: 1000 }, async (_, i) => {
      if (i % 2 === 0) {
        const { text } = await generateText({ model: chat, prompt: `question ${i}` });
        expect(text).toBe(echoText(`question ${i}`));
      } else {
        const { embedding } = await embed({ model: embedder, value: `value ${i}` });
        close(embedding, embeddingFor(`value ${i}`));
      }
    });
    await Promise.all(jobs);
  });
});
