// Large bodies only (issue 14): direct vs ours, each in a fresh child per size, N bodies in flight.
// Usage: pnpm exec node --expose-gc bench/scripts/large-rows.ts [rounds] [megabytes,...] [inFlight]
//   BENCH_VARIANTS=direct,ours,createai (default direct,ours) picks the variants; each one's figures are printed, and ours/direct when both run.
import { FULL } from '../src/config.ts';
import { largeBodyRows } from '../src/large-body.ts';
import { startStub } from '../src/stub.ts';
import type { VariantName } from '../src/variants.ts';

const rounds = Number(process.argv[2] ?? 1);
const megabytes = (process.argv[3] ?? '1,10').split(',').map(Number);
const inFlight = Number(process.argv[4] ?? 100);
const stub = await startStub();
const rows = await largeBodyRows((process.env.BENCH_VARIANTS ?? 'direct,ours').split(',') as VariantName[], { ...FULL, largeBody: { ...FULL.largeBody, megabytes, inFlight, rounds } }, stub.origin);
stub.stop();
for (const row of rows) {
  for (const [name, v] of Object.entries(row.byVariant)) {
    console.log(`  ${row.megabytes} MB ${name}: CPU ${v.cpuMsPerCall.toFixed(1)} ms, wall ${v.wallMs.toFixed(0)} ms, RSS ${v.peakRssMB.toFixed(0)} MB, ext ${v.peakExternalMB.toFixed(0)} MB`);
  }
  const d = row.byVariant.direct;
  const o = row.byVariant.ours;
  // The ratio line only when both are measured (BENCH_VARIANTS may leave one out); the figures are above.
  if (d === undefined || o === undefined) continue;
  const r = (k: 'cpuMsPerCall' | 'wallMs' | 'peakRssMB' | 'peakExternalMB' | 'peakHeapMB') => (o[k] / d[k]).toFixed(3);
  console.log(`${row.megabytes} MB ×${row.inFlight}: ours/direct CPU ${r('cpuMsPerCall')} wall ${r('wallMs')} RSS ${r('peakRssMB')} external ${r('peakExternalMB')} heap ${r('peakHeapMB')}`);
}
process.exit(0);
