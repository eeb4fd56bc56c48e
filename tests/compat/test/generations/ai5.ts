// AI SDK 5: `ai@5` with `@ai-sdk/openai@2` and `@ai-sdk/anthropic@2` (models of specification v2).
// What the suite (ai-sdk.test.ts) takes from this generation that the others name or type otherwise;
// the suite reaches it as `#generation` (tsconfig.ai5.json, and vitest.config.ts from it).
import type { EmbeddingModelV2, LanguageModelV2 } from '@ai-sdk/provider-v2';
import { generateText, type OutputInterface } from 'ai-v5';

export const generation = { ai: 5, specificationVersion: 'v2', providerMajor: 2 } as const;

export type LanguageModel = LanguageModelV2;
export type EmbeddingModel = EmbeddingModelV2<string>;

export { experimental_generateImage as generateImage, experimental_generateSpeech as generateSpeech, experimental_transcribe as transcribe } from 'ai-v5';

/** Structured output: AI SDK 5 calls the option and the result `experimental_output`. */
export async function generateOutput<OUTPUT>({ output, ...call }: { model: LanguageModel; prompt: string; output: OutputInterface<OUTPUT, unknown> }): Promise<OUTPUT> {
  return (await generateText({ ...call, experimental_output: output })).experimental_output;
}
