// Profiles direct and ours (generateText, a new model per call, or streams) under `node --cpu-prof`
// and prints where ours spends more: CPU per call by owner (package), and the functions of every
// owner (Node internals included) whose self time per call differs most from direct's.
// With `workers-ai`, ours against createAI with a Workers AI id (a new model per call) instead of direct;
// with `fallback`, ours' three-model fallback against ours with one model; with `model-per-call`,
// ours with a new model per call against ours with one shared model.
// Usage: pnpm exec node bench/scripts/hot-profile.ts [generate|shared|stream|workers-ai|fallback|model-per-call] [calls] [concurrency]
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { samplesAfter, summarize, type CpuProfile } from '../src/profile.ts';
import { startStub } from '../src/stub.ts';

const run = promisify(execFile);
const [mode = 'generate', calls = '6000', concurrency = '64'] = process.argv.slice(2);
const stub = await startStub();

async function profile(variant: string, workload = mode) {
  const dir = mkdtempSync(join(tmpdir(), 'aigw-hot-prof-'));
  try {
    const target = fileURLToPath(new URL('../src/profile-target.ts', import.meta.url));
    const { stdout } = await run(process.execPath, ['--cpu-prof', '--cpu-prof-interval=100', `--cpu-prof-dir=${dir}`, target, variant, workload, calls, concurrency, stub.origin], { timeout: 300_000 });
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!;
    const p = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile & { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[] };
    const from = Number(stdout.trim());
    const summary = summarize(p, Number(calls), from);
    // Self time by function, every owner.
    const { hitsById: hits, perSampleUs } = samplesAfter(p, from);
    const perSample = perSampleUs / Number(calls);
    const byFn = new Map<string, number>();
    for (const n of p.nodes) {
      const h = hits.get(n.id) ?? 0;
      if (h === 0) continue;
      const url = n.callFrame.url.replace(/^.*node_modules\/\.pnpm\/([^/]+)\/.*?([^/]+)$/, '$1 $2').replace(/^file:\/\/.*\/(packages|bench)\//, '$1/');
      const key = `${n.callFrame.functionName || '(anon)'} ${url}:${n.callFrame.lineNumber + 1}`;
      byFn.set(key, (byFn.get(key) ?? 0) + h * perSample);
    }
    return { summary, byFn };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The base: direct; createAI for Workers AI ids; ours with one model for the three-model fallback.
const d =
  mode === 'fallback' ? await profile('ours', 'generate') : mode === 'model-per-call' ? await profile('ours', 'shared') : await profile(mode === 'workers-ai' ? 'createai' : 'direct');
const o = await profile('ours', mode === 'model-per-call' ? 'generate' : mode);
stub.stop();
const owners = new Set([...Object.keys(d.summary.byOwnerUs), ...Object.keys(o.summary.byOwnerUs)]);
console.log(`${mode} c=${concurrency}: µs per unit by owner (direct → ours)`);
for (const k of [...owners].sort((a, b) => (o.summary.byOwnerUs[b] ?? 0) - (d.summary.byOwnerUs[b] ?? 0) - ((o.summary.byOwnerUs[a] ?? 0) - (d.summary.byOwnerUs[a] ?? 0)))) {
  console.log(`  ${k.padEnd(45)} ${(d.summary.byOwnerUs[k] ?? 0).toFixed(1).padStart(8)} → ${(o.summary.byOwnerUs[k] ?? 0).toFixed(1).padStart(8)}`);
}
const total = (s: Record<string, number>) => Object.values(s).reduce((a, b) => a + b, 0);
console.log(`  total ${total(d.summary.byOwnerUs).toFixed(1)} → ${total(o.summary.byOwnerUs).toFixed(1)}`);
console.log('functions, self µs per unit, ours − direct (largest first):');
const keys = new Set([...d.byFn.keys(), ...o.byFn.keys()]);
const diffs = [...keys].map((k) => [k, (o.byFn.get(k) ?? 0) - (d.byFn.get(k) ?? 0), o.byFn.get(k) ?? 0] as const).sort((a, b) => b[1] - a[1]);
for (const [k, diff, own] of diffs.slice(0, 45)) console.log(`  ${diff.toFixed(1).padStart(7)} (ours ${own.toFixed(1).padStart(6)})  ${k}`);
console.log('our functions (total µs per unit):');
for (const f of o.summary.functions) console.log(`  ${f.totalUs.toFixed(1).padStart(7)} self ${f.selfUs.toFixed(1).padStart(6)}  ${f.name} ${f.at}`);
process.exit(0);
