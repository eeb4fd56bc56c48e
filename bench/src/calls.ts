// One checked call of each kind; a wrong answer fails the run, so a fast but broken variant cannot win.
import { generateText, streamText, type LanguageModel } from 'ai';
import { COMPLETION_TEXT, STREAM_TEXT } from './fixtures.ts';
import type { Variant } from './variants.ts';

export const PROMPT = 'Say hello.';

/** Which model a call uses: built for the call, built once and shared, or the three-model fallback. */
export type ModelUse = 'per-call' | 'shared' | 'fallback';

export async function generate(variant: Variant, use: ModelUse = 'per-call', prompt = PROMPT): Promise<void> {
  const model = use === 'fallback' ? variant.fallback!() : use === 'shared' ? variant.shared : variant.model();
  const result = await generateText({ model, prompt, maxRetries: 0 });
  if (result.text !== COMPLETION_TEXT) throw new Error(`${variant.name}: unexpected text ${JSON.stringify(result.text.slice(0, 80))}`);
}

/** One checked generateText with a model built for the call (a Workers AI id of one of the clients). */
export async function generateWith(name: string, model: () => LanguageModel): Promise<void> {
  const result = await generateText({ model: model(), prompt: PROMPT, maxRetries: 0 });
  if (result.text !== COMPLETION_TEXT) throw new Error(`${name}: unexpected text ${JSON.stringify(result.text.slice(0, 80))}`);
}

export interface StreamTiming {
  readonly firstChunkMs: number;
  readonly totalMs: number;
  readonly cpuUs: number;
}

export async function stream(variant: Variant): Promise<StreamTiming> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  let firstChunkMs = Number.NaN;
  let text = '';
  let failure: unknown;
  const result = streamText({ model: variant.model(), prompt: PROMPT, maxRetries: 0, onError: ({ error }) => void (failure = error) });
  for await (const delta of result.textStream) {
    if (text === '') firstChunkMs = performance.now() - start;
    text += delta;
  }
  const totalMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  if (failure !== undefined) throw new Error(`${variant.name}: the stream failed`, { cause: failure });
  if (text !== STREAM_TEXT) throw new Error(`${variant.name}: the stream returned ${text.length} characters, expected ${STREAM_TEXT.length}`);
  return { firstChunkMs, totalMs, cpuUs: used.user + used.system };
}
