// Our per-call overhead without a network: direct and ours get the same canned answer from a fetch
// that builds a Response in memory, so what differs is the code between the AI SDK and fetch.
// Interleaved blocks of generateText (a new model per call). Prints CPU per call and the ratio.
// Usage: pnpm exec node bench/scripts/overhead.ts [calls per block] [rounds] [variants: direct,ours,meta,wai,base]
//   BENCH_BASE=/path/to/other/worktree adds 'base' (that tree's built facade).
import { createOpenAI } from '@ai-sdk/openai';
import { generateText } from 'ai';
import { createAiGateway } from 'ai-gateway-provider';
import { cannedFetch as canned } from '../src/canned.ts';
import { ACCOUNT_ID, COMPLETION_TEXT, GATEWAY_ID, GATEWAY_TOKEN, MODEL_ID, OPENAI_KEY } from '../src/fixtures.ts';
import { WORKERS_AI_MODEL } from '../src/variants.ts';


type Factory = typeof createAiGateway;
const gatewayModel = (factory: Factory) => {
  const gateway = factory({ accountId: ACCOUNT_ID, gateway: GATEWAY_ID, apiKey: GATEWAY_TOKEN, fetch: canned });
  const openai = createOpenAI({ apiKey: OPENAI_KEY });
  return () => gateway(openai.chat(MODEL_ID));
};
const direct = createOpenAI({ apiKey: OPENAI_KEY, fetch: canned });
const variants: Record<string, () => Parameters<typeof generateText>[0]['model']> = {
  direct: () => direct.chat(MODEL_ID),
  ours: gatewayModel(createAiGateway),
};
// A direct model whose results carry gateway-like metadata: what the AI SDK's own handling of it costs.
const meta = { step: 0, provider: 'openai', logId: '01JBENCHLOGID0000000000000', cacheStatus: 'MISS', modelId: MODEL_ID, modelProvider: 'openai.chat', steps: 1 };
variants.meta = () => {
  const model = direct.chat(MODEL_ID);
  return new Proxy(model, {
    get(target, key, receiver) {
      if (key !== 'doGenerate') return Reflect.get(target, key, receiver) as unknown;
      return async (options: never) => {
        const result = await target.doGenerate(options);
        return { ...result, providerMetadata: { ...result.providerMetadata, aigateway: { ...meta } } };
      };
    },
  });
};
// A Workers AI id through ours (the OpenAI-compatible chat model on Workers AI's chat route), a new model per call.
const ids = createAiGateway({ accountId: ACCOUNT_ID, gateway: GATEWAY_ID, apiKey: GATEWAY_TOKEN, cloudflareApiToken: GATEWAY_TOKEN, fetch: canned });
variants.wai = () => ids(WORKERS_AI_MODEL);
if (process.env.BENCH_BASE) variants.base = gatewayModel(((await import(`${process.env.BENCH_BASE}/packages/ai-gateway-provider/dist/index.js`)) as { createAiGateway: Factory }).createAiGateway);

const [n = '2000', r = '10', list = Object.keys(variants).join(',')] = process.argv.slice(2);
const names = list.split(',');
const call = async (model: () => Parameters<typeof generateText>[0]['model']) => {
  const result = await generateText({ model: model(), prompt: 'Say hello.', maxRetries: 0 });
  if (result.text !== COMPLETION_TEXT) throw new Error('wrong text');
};
for (const name of names) for (let i = 0; i < 2000; i++) await call(variants[name]!);
const total = new Map<string, number>();
for (let round = 0; round < Number(r); round++) {
  for (const name of round % 2 ? [...names].reverse() : names) {
    const start = process.cpuUsage();
    for (let i = 0; i < Number(n); i++) await call(variants[name]!);
    const used = process.cpuUsage(start);
    total.set(name, (total.get(name) ?? 0) + used.user + used.system);
  }
}
const per = (name: string) => total.get(name)! / Number(n) / Number(r);
for (const name of names) console.log(`${name.padEnd(7)} ${per(name).toFixed(1)} µs per call` + (name === 'direct' ? '' : `  ${(per(name) - per('direct')).toFixed(1)} µs over direct (${(per(name) / per('direct')).toFixed(3)}×)`));
