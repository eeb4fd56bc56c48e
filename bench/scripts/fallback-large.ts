// A fallback list of two OpenAI models with a large prompt (each leg carries it: two bodies in one
// universal request), sequential calls, client CPU and wall per call: ours vs direct (one model, one
// body) and an optional second build of ours (BENCH_BASE=/path/to/other/worktree).
// Usage: pnpm exec node --expose-gc bench/scripts/fallback-large.ts [rounds] [megabytes] [calls]
import { createOpenAI } from '@ai-sdk/openai';
import { createAiGateway } from 'ai-gateway-provider';
import { generate } from '../src/calls.ts';
import { ACCOUNT_ID, GATEWAY_ID, GATEWAY_TOKEN, MODEL_ID, OPENAI_KEY } from '../src/fixtures.ts';
import { collectGarbage, median } from '../src/measure.ts';
import { startStub } from '../src/stub.ts';
import type { Variant } from '../src/variants.ts';

type Factory = typeof createAiGateway;
const rounds = Number(process.argv[2] ?? 3);
const megabytes = Number(process.argv[3] ?? 10);
const calls = Number(process.argv[4] ?? 8);
const prompt = 'a'.repeat(megabytes * 2 ** 20);
const stub = await startStub();
const openai = createOpenAI({ apiKey: OPENAI_KEY });
const twoLegs = (name: string, factory: Factory): Variant => {
  const gateway = factory({ accountId: ACCOUNT_ID, gateway: GATEWAY_ID, apiKey: GATEWAY_TOKEN, baseURL: `${stub.origin}/v1` });
  const model = () => gateway([openai.chat(MODEL_ID), openai.chat(MODEL_ID)]);
  return { name: name as Variant['name'], model, shared: model(), fallback: model };
};
const direct = createOpenAI({ baseURL: `${stub.origin}/v1`, apiKey: OPENAI_KEY });
const variants: Variant[] = [{ name: 'direct', model: () => direct.chat(MODEL_ID), shared: direct.chat(MODEL_ID), fallback: () => direct.chat(MODEL_ID) }, twoLegs('ours', createAiGateway)];
if (process.env.BENCH_BASE) {
  const base = (await import(`${process.env.BENCH_BASE}/packages/ai-gateway-provider/dist/index.js`)) as { createAiGateway: Factory };
  variants.push(twoLegs('base', base.createAiGateway));
}
for (const v of variants) await generate(v, 'fallback', prompt);

const figures = new Map(variants.map((v) => [v.name as string, { cpu: [] as number[], wall: [] as number[] }]));
for (let round = 0; round < rounds; round++) {
  for (const v of round % 2 === 0 ? variants : [...variants].reverse()) {
    collectGarbage();
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < calls; i++) await generate(v, 'fallback', prompt);
    const used = process.cpuUsage(cpu);
    figures.get(v.name)!.cpu.push((used.user + used.system) / 1000 / calls);
    figures.get(v.name)!.wall.push((performance.now() - start) / calls);
  }
}
stub.stop();
for (const [name, f] of figures) {
  console.log(`${megabytes} MB ${name}: CPU ${median(f.cpu).toFixed(1)} ms/call [${f.cpu.map((x) => x.toFixed(0)).join(' ')}], wall ${median(f.wall).toFixed(1)} ms/call`);
}
process.exit(0);
