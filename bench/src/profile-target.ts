// The workload profiled with `node --cpu-prof`: one variant, generateText at a concurrency (a new
// model per call, the three-model fallback, or one shared model), or streams.
import { generate, generateWith, stream } from './calls.ts';
import { runBatch } from './measure.ts';
import { createVariant, installFetchRedirect, workersAiModel, type VariantName, type WorkersAiClient } from './variants.ts';

const [name, mode, calls, concurrency, origin] = process.argv.slice(2) as [VariantName, 'generate' | 'fallback' | 'shared' | 'stream' | 'workers-ai', string, string, string];
installFetchRedirect(origin);
// Start-up and warm-up are profiled too; the parent keeps only the samples after this mark
// (microseconds of the monotonic clock, the one the profile's timestamps use).
const mark = () => console.log(String(process.hrtime.bigint() / 1000n));
if (mode === 'workers-ai') {
  // A Workers AI id, a new model per call: ours or createAI (the name is the client).
  const model = workersAiModel(name as WorkersAiClient, origin);
  const call = () => generateWith(name, model);
  await runBatch(Math.ceil(Number(calls) / 10), Number(concurrency), call);
  mark();
  await runBatch(Number(calls), Number(concurrency), call);
} else if (mode !== 'stream') {
  const variant = createVariant(name, origin);
  const use = mode === 'generate' ? 'per-call' : mode;
  await runBatch(Math.ceil(Number(calls) / 10), Number(concurrency), () => generate(variant, use));
  mark();
  await runBatch(Number(calls), Number(concurrency), () => generate(variant, use));
} else {
  const variant = createVariant(name, origin);
  for (let i = 0; i < 3; i++) await stream(variant);
  mark();
  for (let i = 0; i < Number(calls); i++) await stream(variant);
}
