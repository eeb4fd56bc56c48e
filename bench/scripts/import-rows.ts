// Import time alone, without the full `pnpm bench`: ours, Cloudflare's 4.0.1, createAI and, with
// BENCH_BASE (a checkout with built packages, or a git revision), that build of ours, each in a fresh
// process after `ai` and `@ai-sdk/openai`, taking turns run by run. Prints the medians and the
// median of the per-run paired ratios of ours to each other package.
// Usage: pnpm exec node bench/scripts/import-rows.ts [runs]
import { resolveBase } from '../src/base.ts';
import { importTimes, setBaseEntry } from '../src/bundle.ts';
import { pairedRatio } from '../src/measure.ts';

const runs = Number(process.argv[2] ?? 15);
if (!(Number.isInteger(runs) && runs > 0)) throw new Error('runs is a positive integer');
setBaseEntry(resolveBase()?.entryUrl);
const t = await importTimes(runs);
const byRound = t.byRound as Record<string, number[]>;
console.log(`median ms: ${Object.entries(byRound).map(([name, list]) => `${name} ${[...list].sort((a, b) => a - b)[Math.ceil(list.length / 2) - 1]!.toFixed(2)}`).join(', ')}`);
for (const other of Object.keys(byRound).filter((name) => name !== 'ours')) {
  const q = pairedRatio(byRound.ours, byRound[other]);
  if (q) console.log(`ours/${other}: ${q.median.toFixed(3)} (quartiles ${q.q1.toFixed(2)}–${q.q3.toFixed(2)}, range ${q.min.toFixed(2)}–${q.max.toFixed(2)})`);
}
