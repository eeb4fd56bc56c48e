// Reranking, which AI SDK 6 and 7 have and AI SDK 5 has not: run and compiled with the generation's
// packages like ai-sdk.test.ts (vitest.config.ts's projects ai6 and ai7; tsconfig.ai6.json and ai7).
import { createCohere } from '@ai-sdk/cohere';
import { rerank } from 'ai';
import { describe, expect, it } from 'vitest';
import { generation } from '#generation';
import { fault, generationTitle, useEmulator } from './helpers';

const t = useEmulator();

describe(generationTitle(generation), () => {
  it(`reranks with Cohere, with fallback (specification ${generation.specificationVersion})`, async () => {
    const failing = createCohere({ apiKey: 'co', headers: fault({ status: 500 }) }).reranking('rerank-v3.5');
    const model = t.gateway().rerankingModel([failing, createCohere({ apiKey: 'co' }).reranking('rerank-v3.5')]);
    expect(model.specificationVersion).toBe(generation.specificationVersion);
    const result = await rerank({ model, query: 'red apple', documents: ['blue sky', 'a red apple on a table', 'green grass'] });
    expect(result.ranking[0]!.originalIndex).toBe(1);
    expect(t.emulator.calls.at(-1)!.stepsTried).toEqual([0, 1]);
  });
});
