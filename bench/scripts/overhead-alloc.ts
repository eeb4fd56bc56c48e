// Sampled allocations per call (collected objects included) of the no-network overhead workload
// (bench/scripts/overhead.ts's canned fetch), one variant, written as a .heapprofile.
// Usage: node bench/scripts/overhead-alloc.ts direct|ours calls dir
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText } from 'ai';
import { createAiGateway } from 'ai-gateway-provider';
import { cannedFetch as canned } from '../src/canned.ts';
import { ACCOUNT_ID, COMPLETION_TEXT, GATEWAY_ID, GATEWAY_TOKEN, MODEL_ID, OPENAI_KEY } from '../src/fixtures.ts';
const [name, n, dir] = process.argv.slice(2) as [string, string, string];
const direct = createOpenAI({ apiKey: OPENAI_KEY, fetch: canned });
const gateway = createAiGateway({ accountId: ACCOUNT_ID, gateway: GATEWAY_ID, apiKey: GATEWAY_TOKEN, fetch: canned });
const openai = createOpenAI({ apiKey: OPENAI_KEY });
const model = name === 'direct' ? () => direct.chat(MODEL_ID) : () => gateway(openai.chat(MODEL_ID));
const call = async () => { if ((await generateText({ model: model(), prompt: 'Say hello.', maxRetries: 0 })).text !== COMPLETION_TEXT) throw new Error('wrong'); };
for (let i = 0; i < 2000; i++) await call();
const session = new Session();
session.connect();
await session.post('HeapProfiler.startSampling', { samplingInterval: 128, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
for (let i = 0; i < Number(n); i++) await call();
const { profile } = await session.post('HeapProfiler.stopSampling');
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}/${name}.heapprofile`, JSON.stringify(profile));
