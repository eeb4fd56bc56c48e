// The Workers AI id rows alone (issue 14), without the full `pnpm bench`: generateText with
// `@cf/meta/llama-3.1-8b-instruct`, a new model per call, ours vs createAI vs workers-ai-provider,
// interleaved, against the in-process stub. Prints client CPU per call and batch wall time per round.
// Usage: pnpm exec node --expose-gc bench/scripts/workers-ai-rows.ts [rounds] [concurrency] [clients]
import { generateWith } from '../src/calls.ts';
import { collectGarbage, median, rotate, runBatch } from '../src/measure.ts';
import { startStub } from '../src/stub.ts';
import { installFetchRedirect, WORKERS_AI_CLIENTS, workersAiModel } from '../src/variants.ts';

const rounds = Number(process.argv[2] ?? 5);
const concurrency = Number(process.argv[3] ?? 64);
const only = process.argv[4]?.split(',') ?? [...WORKERS_AI_CLIENTS];
if (!(Number.isInteger(rounds) && rounds > 0 && Number.isInteger(concurrency) && concurrency > 0)) throw new Error('rounds and concurrency are positive integers (one concurrency per run)');
const unknown = only.filter((c) => !(WORKERS_AI_CLIENTS as readonly string[]).includes(c));
if (unknown.length > 0) throw new Error(`unknown clients: ${unknown.join(', ')} (known: ${WORKERS_AI_CLIENTS.join(', ')})`);
const stub = await startStub();
installFetchRedirect(stub.origin);
const clients = WORKERS_AI_CLIENTS.filter((c) => only.includes(c)).map((client) => ({ client, model: workersAiModel(client, stub.origin) }));
const call = (c: (typeof clients)[number]) => generateWith(c.client, c.model);

for (const c of clients) await runBatch(1500, 16, () => call(c));
const cpu = new Map<string, number[]>(clients.map((c) => [c.client, []]));
for (let round = 0; round < rounds; round++) {
  const line: string[] = [];
  for (const c of rotate(clients, round)) {
    collectGarbage();
    const batch = await runBatch(1000, concurrency, () => call(c));
    cpu.get(c.client)!.push(batch.cpuUs / batch.calls);
    line.push(`${c.client} ${Math.round(batch.cpuUs / batch.calls)} µs/call, ${Math.round(batch.wallMs)} ms`);
  }
  console.log(`round ${round + 1}: ${line.join('; ')}`);
}
console.log(`median CPU per call (c=${concurrency}): ${[...cpu].map(([name, list]) => `${name} ${Math.round(median(list))} µs`).join(', ')}`);
stub.stop();
