// AI SDK 7: `ai@7` with `@ai-sdk/openai@4` and `@ai-sdk/anthropic@4` (models of specification v4).
// What the suite (ai-sdk.test.ts) takes from this generation that the others name or type otherwise;
// the suite reaches it as `#generation` (tsconfig.ai7.json, and vitest.config.ts from it).
import type { EmbeddingModelV4, LanguageModelV4 } from '@ai-sdk/provider-v4';
import { generateText, type OutputInterface } from 'ai-v7';

export const generation = { ai: 7, specificationVersion: 'v4', providerMajor: 4 } as const;

export type LanguageModel = LanguageModelV4;
export type EmbeddingModel = EmbeddingModelV4;

export { generateImage, generateSpeech, transcribe } from 'ai-v7';

/** Structured output: the `output` option and result. */
export async function generateOutput<OUTPUT>({ output, ...call }: { model: LanguageModel; prompt: string; output: OutputInterface<OUTPUT> }): Promise<OUTPUT> {
  return (await generateText({ ...call, output })).output;
}
