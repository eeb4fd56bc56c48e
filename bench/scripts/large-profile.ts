// Profiles the large-body child (direct and ours) under --cpu-prof and prints CPU per call by owner
// and the functions whose self time differs most. Usage: node bench/scripts/large-profile.ts [mb] [inFlight]
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStub } from '../src/stub.ts';

const [mb = '1', inFlight = '100'] = process.argv.slice(2);
const stub = await startStub();
async function profile(variant: string) {
  const dir = mkdtempSync(join(tmpdir(), 'aigw-large-prof-'));
  await new Promise<void>((resolve, reject) => {
    const child = fork(new URL('../src/large-body-child.ts', import.meta.url), [variant, mb, inFlight, stub.origin], {
      execArgv: ['--max-old-space-size=12288', '--cpu-prof', '--cpu-prof-interval=250', `--cpu-prof-dir=${dir}`],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (m) => console.log(variant, JSON.stringify(m)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))));
  });
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!;
  const p = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: { id: number; hitCount: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; startTime: number; endTime: number; samples: number[] };
  rmSync(dir, { recursive: true, force: true });
  const per = (p.endTime - p.startTime) / p.samples.length / Number(inFlight);
  const byFn = new Map<string, number>();
  for (const n of p.nodes) {
    if (n.hitCount === 0) continue;
    const url = n.callFrame.url.replace(/^.*node_modules\/\.pnpm\/([^/]+)\/.*?([^/]+)$/, '$1 $2').replace(/^file:\/\/.*\/(packages|bench)\//, '$1/');
    const key = `${n.callFrame.functionName || '(anon)'} ${url}:${n.callFrame.lineNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + (n.hitCount * per) / 1000);
  }
  return byFn;
}
const d = await profile('direct');
const o = await profile('ours');
stub.stop();
const keys = new Set([...d.keys(), ...o.keys()]);
const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
console.log(`whole process, ms per call (start-up and warm-up included): direct ${sum(d).toFixed(1)}, ours ${sum(o).toFixed(1)}`);
const diffs = [...keys].map((k) => [k, (o.get(k) ?? 0) - (d.get(k) ?? 0), o.get(k) ?? 0, d.get(k) ?? 0] as const).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
for (const [k, diff, own, dir] of diffs.slice(0, 30)) console.log(`  ${diff.toFixed(2).padStart(7)} ms (ours ${own.toFixed(2)}, direct ${dir.toFixed(2)})  ${k}`);
process.exit(0);
