// Interleaved per-call rows for issue 14's hot path, without the full `pnpm bench`: direct vs ours
// (this tree's build) vs an optional second build of ours (BENCH_BASE=/path/to/other/worktree, e.g.
// the commit before a change), at concurrency 1, 64 and 256 with a new model per call, with one
// shared model, and 1000-chunk streams. Prints each round's ratios to direct and their median and
// spread. Usage: pnpm exec node --expose-gc bench/scripts/hot-rows.ts [rounds] [sections]
import { loadBase, resolveBase } from '../src/base.ts';
import { generate, stream } from '../src/calls.ts';
import { collectGarbage, median, rotate, runBatch, summarize, type Batch } from '../src/measure.ts';
import { startStub } from '../src/stub.ts';
import { createVariant, installFetchRedirect, type Variant } from '../src/variants.ts';

const rounds = Number(process.argv[2] ?? 5);
const sections = (process.argv[3] ?? 'latency,shared,stream').split(',');
const stub = await startStub();
installFetchRedirect(stub.origin);

const variants: Variant[] = [createVariant('direct', stub.origin), createVariant('ours', stub.origin)];
const base = resolveBase(); // BENCH_BASE: a checkout with built packages, or a git revision
if (base) variants.push(createVariant('base', stub.origin, await loadBase(base)));

for (const v of variants) {
  await runBatch(400, 16, () => generate(v));
  await runBatch(200, 16, () => generate(v, 'shared'));
  for (let i = 0; i < 3; i++) await stream(v);
}

const fmt = (x: number) => x.toFixed(3);
function report(label: string, perRound: Map<string, { cpu: number; p50: number }[]>) {
  const d = perRound.get('direct')!;
  for (const [name, list] of perRound) {
    if (name === 'direct') continue;
    const cpu = list.map((r, i) => r.cpu / d[i]!.cpu);
    const p50 = list.map((r, i) => r.p50 / d[i]!.p50);
    console.log(
      `${label} ${name}/direct CPU ${fmt(median(cpu))} [${fmt(Math.min(...cpu))}–${fmt(Math.max(...cpu))}]  p50 ${fmt(median(p50))} [${fmt(Math.min(...p50))}–${fmt(Math.max(...p50))}]` +
        `  (direct CPU ${Math.round(median(d.map((r) => r.cpu)))} µs, p50 ${median(d.map((r) => r.p50)).toFixed(2)} ms)`,
    );
  }
}

// BENCH_LEVELS=64,256 picks the concurrencies.
const levels = [
  { concurrency: 1, calls: 200 },
  { concurrency: 64, calls: 1280 },
  { concurrency: 256, calls: 1536 },
].filter((l) => process.env.BENCH_LEVELS === undefined || process.env.BENCH_LEVELS.split(',').includes(String(l.concurrency)));
if (sections.includes('latency') || sections.includes('shared')) {
  const uses = [...(sections.includes('latency') ? (['per-call'] as const) : []), ...(sections.includes('shared') ? (['shared'] as const) : [])];
  for (const use of uses) {
    for (const level of levels) {
      const perRound = new Map<string, { cpu: number; p50: number }[]>(variants.map((v) => [v.name, []]));
      for (let round = 0; round < rounds; round++) {
        for (const v of rotate(variants, round)) {
          collectGarbage();
          const batch: Batch = await runBatch(level.calls, level.concurrency, () => generate(v, use));
          const s = summarize([batch]);
          perRound.get(v.name)!.push({ cpu: s.cpuUsPerCall, p50: s.p50Ms });
        }
      }
      report(`${use} c=${level.concurrency}`, perRound);
    }
  }
}
if (sections.includes('stream')) {
  const perRound = new Map<string, { cpu: number; p50: number }[]>(variants.map((v) => [v.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const v of rotate(variants, round)) {
      collectGarbage();
      const timings = [];
      for (let i = 0; i < 8; i++) timings.push(await stream(v));
      perRound.get(v.name)!.push({ cpu: median(timings.map((t) => t.cpuUs)), p50: median(timings.map((t) => t.firstChunkMs)) });
    }
  }
  report('stream (p50 = first chunk)', perRound);
  const d = perRound.get('direct')!;
  for (const [name, list] of perRound) {
    if (name !== 'direct') console.log(`stream ${name} first chunk − direct: ${list.map((r, i) => (r.p50 - d[i]!.p50).toFixed(3)).join(', ')} ms`);
  }
}
stub.stop();
process.exit(0);
