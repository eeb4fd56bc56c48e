// The Workers AI id rows alone (issue 14), without the full `pnpm bench`: generateText with
// `@cf/meta/llama-3.1-8b-instruct`, a new model per call, ours vs createAI vs workers-ai-provider,
// interleaved, against the in-process stub. Prints client CPU per call and batch wall time per round,
// and the median of the per-round paired ratios of ours to each other client. BENCH_BASE (a checkout
// with built packages, or a git revision) adds that build of ours as the client "base".
// Usage: pnpm exec node --expose-gc bench/scripts/workers-ai-rows.ts [rounds] [concurrency] [clients]
import { loadBase, resolveBase } from '../src/base.ts';
import { generateWith } from '../src/calls.ts';
import { collectGarbage, median, pairedRatio, rotate, runBatch } from '../src/measure.ts';
import { startStub } from '../src/stub.ts';
import { installFetchRedirect, WORKERS_AI_CLIENTS, workersAiModel, type WorkersAiClient } from '../src/variants.ts';

const rounds = Number(process.argv[2] ?? 5);
const concurrency = Number(process.argv[3] ?? 64);
const base = resolveBase();
const createBase = base ? await loadBase(base) : undefined;
const known: WorkersAiClient[] = [...WORKERS_AI_CLIENTS, ...(base ? (['base'] as const) : [])];
const only = process.argv[4]?.split(',') ?? known;
if (!(Number.isInteger(rounds) && rounds > 0 && Number.isInteger(concurrency) && concurrency > 0)) throw new Error('rounds and concurrency are positive integers (one concurrency per run)');
const unknown = only.filter((c) => !(known as readonly string[]).includes(c));
if (unknown.length > 0) throw new Error(`unknown clients: ${unknown.join(', ')} (known: ${known.join(', ')})`);
const stub = await startStub();
installFetchRedirect(stub.origin);
const clients = known.filter((c) => only.includes(c)).map((client) => ({ client, model: workersAiModel(client, stub.origin, client === 'base' ? createBase : undefined) }));
const call = (c: (typeof clients)[number]) => generateWith(c.client, c.model);

for (const c of clients) await runBatch(1500, 16, () => call(c));
const cpu = new Map<string, number[]>(clients.map((c) => [c.client, []]));
const wall = new Map<string, number[]>(clients.map((c) => [c.client, []]));
for (let round = 0; round < rounds; round++) {
  const line: string[] = [];
  for (const c of rotate(clients, round)) {
    collectGarbage();
    const batch = await runBatch(1000, concurrency, () => call(c));
    cpu.get(c.client)!.push(batch.cpuUs / batch.calls);
    wall.get(c.client)!.push(median(batch.latenciesMs));
    line.push(`${c.client} ${Math.round(batch.cpuUs / batch.calls)} µs/call, ${Math.round(batch.wallMs)} ms`);
  }
  console.log(`round ${round + 1}: ${line.join('; ')}`);
}
console.log(`median CPU per call (c=${concurrency}): ${[...cpu].map(([name, list]) => `${name} ${Math.round(median(list))} µs`).join(', ')}`);
const fmt = (q: ReturnType<typeof pairedRatio>) => (q ? `${q.median.toFixed(3)} (${q.min.toFixed(2)}–${q.max.toFixed(2)})` : '—');
for (const other of clients.filter((c) => c.client !== 'ours')) {
  if (!cpu.has('ours')) break;
  console.log(`ours/${other.client}: CPU ${fmt(pairedRatio(cpu.get('ours'), cpu.get(other.client)))}, p50 ${fmt(pairedRatio(wall.get('ours'), wall.get(other.client)))}`);
}
stub.stop();
