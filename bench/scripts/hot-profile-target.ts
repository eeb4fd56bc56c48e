// The workload of hot-profile.ts: like src/profile-target.ts, plus `shared` (one model for every call).
import { generate, stream } from '../src/calls.ts';
import { runBatch } from '../src/measure.ts';
import { createVariant, installFetchRedirect, type VariantName } from '../src/variants.ts';

const [name, mode, calls, concurrency, origin] = process.argv.slice(2) as [VariantName, 'generate' | 'shared' | 'stream', string, string, string];
installFetchRedirect(origin);
const variant = createVariant(name, origin);
const mark = () => console.log(String(process.hrtime.bigint() / 1000n));
if (mode !== 'stream') {
  const use = mode === 'shared' ? 'shared' : 'per-call';
  await runBatch(Math.ceil(Number(calls) / 10), Number(concurrency), () => generate(variant, use));
  mark();
  await runBatch(Number(calls), Number(concurrency), () => generate(variant, use));
} else {
  for (let i = 0; i < 3; i++) await stream(variant);
  mark();
  for (let i = 0; i < Number(calls); i++) await stream(variant);
}
