// AI SDK 6: `ai@6` with `@ai-sdk/openai@3` and `@ai-sdk/anthropic@3` (models of specification v3).
// What the suite (ai-sdk.test.ts) takes from this generation that the others name or type otherwise;
// the suite reaches it as `#generation` (tsconfig.ai6.json, and vitest.config.ts from it).
import type { EmbeddingModelV3, LanguageModelV3 } from '@ai-sdk/provider-v3';
import { generateText, type OutputInterface } from 'ai-v6';

export const generation = { ai: 6, specificationVersion: 'v3', providerMajor: 3 } as const;

export type LanguageModel = LanguageModelV3;
export type EmbeddingModel = EmbeddingModelV3;

export { generateImage, experimental_generateSpeech as generateSpeech, experimental_transcribe as transcribe } from 'ai-v6';

/** Structured output: the `output` option and result. */
export async function generateOutput<OUTPUT>({ output, ...call }: { model: LanguageModel; prompt: string; output: OutputInterface<OUTPUT> }): Promise<OUTPUT> {
  return (await generateText({ ...call, output })).output;
}
