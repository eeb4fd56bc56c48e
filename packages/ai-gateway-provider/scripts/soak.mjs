/* global AbortController */
// Soak run: many mixed calls through the facade to the local emulator, streams aborted at random.
// Reports crossed answers (must be 0), errors (must be 0), heap after GC and open handles at the
// start and the end (must be flat). Not part of `pnpm test`: run it after `pnpm run build`.
//
//   pnpm --filter ai-gateway-provider exec node --expose-gc scripts/soak.mjs            # 100 000 calls
//   pnpm --filter ai-gateway-provider exec node --expose-gc scripts/soak.mjs --count 5000 --concurrency 32
//
// Exits 1 when any call crossed, failed unexpectedly, or the handles at the end outnumber those at the start.
import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { echoText, startEmulator } from '@aigw/emulator';
import { embed, generateText, streamText } from 'ai';
import { createAiGateway } from 'ai-gateway-provider';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '64' },
    seed: { type: 'string', default: '1' },
  },
});
const COUNT = Number(args.count);
const CONCURRENCY = Number(args.concurrency);

// A small seeded generator, so that a run can be repeated exactly.
let state = Number(args.seed) >>> 0 || 1;
const random = () => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 4294967296;
};

const gc = globalThis.gc;
if (typeof gc !== 'function') console.warn('run with node --expose-gc to measure the heap after GC');
const heapMB = () => {
  gc?.();
  gc?.();
  return Math.round((process.memoryUsage().heapUsed / 1048576) * 10) / 10;
};
/** Open handles by kind (sockets, timers, servers), from Node's own list. */
const handles = () => {
  const byKind = {};
  for (const kind of process.getActiveResourcesInfo()) byKind[kind] = (byKind[kind] ?? 0) + 1;
  return byKind;
};
/** Handles that can leak: stdio pipes and terminals (opened on first write) are not counted. */
const total = (byKind) => Object.entries(byKind).reduce((sum, [kind, n]) => (kind === 'PipeWrap' || kind === 'TTYWrap' ? sum : sum + n), 0);

// Few records kept, so that the emulator's own history does not count as the library's heap.
const emulator = await startEmulator({ recordLimit: 100 });
const aigateway = createAiGateway({ accountId: emulator.accountId, gateway: 'emulator-gateway', apiKey: emulator.token, baseURL: emulator.baseURL });
const openai = createOpenAI({ apiKey: 'sk-soak-openai' });
const anthropic = createAnthropic({ apiKey: 'sk-ant-soak' });
const google = createGoogleGenerativeAI({ apiKey: 'goog-soak' });
const failing = createOpenAI({ apiKey: 'sk-soak', headers: { 'x-emulator-fault': JSON.stringify({ status: 503 }) } }).chat('gpt-5-mini');
const models = {
  openai: aigateway(openai.chat('gpt-5-mini')),
  anthropic: aigateway(anthropic('claude-sonnet-4-5')),
  google: aigateway(google('gemini-2.5-flash')),
  fallback: aigateway([failing, anthropic('claude-sonnet-4-5')]),
};
const embedder = aigateway.embeddingModel(openai.embedding('text-embedding-3-small'));
const names = Object.keys(models);

const counts = { generate: 0, stream: 0, aborted: 0, embed: 0, fallback: 0, crossed: 0, errors: 0 };
const firstErrors = [];
const fail = (i, what, detail) => {
  if (firstErrors.length < 5) firstErrors.push(`#${i} ${what}: ${detail}`);
};

async function one(i) {
  const prompt = `soak ${i} ${Math.floor(random() * 1e9).toString(36)}`;
  const roll = random();
  const name = names[Math.floor(random() * names.length)];
  if (roll < 0.1) {
    counts.embed++;
    const { embedding } = await embed({ model: embedder, value: prompt, maxRetries: 0 });
    if (!Array.isArray(embedding) || embedding.length === 0) {
      counts.crossed++;
      fail(i, 'embed', 'empty embedding');
    }
    return;
  }
  const expected = echoText(prompt);
  if (roll < 0.55) {
    counts.generate++;
    if (name === 'fallback') counts.fallback++;
    const result = await generateText({ model: models[name], prompt, maxRetries: 0 });
    if (result.text !== expected) {
      counts.crossed++;
      fail(i, `generate ${name}`, `${JSON.stringify(result.text)} !== ${JSON.stringify(expected)}`);
    }
    return;
  }
  counts.stream++;
  const controller = new AbortController();
  const abortAfter = random() < 0.3 ? 1 + Math.floor(random() * 3) : Infinity;
  const result = streamText({ model: models[name], prompt, maxRetries: 0, abortSignal: controller.signal, onError: () => {} });
  let text = '';
  let deltas = 0;
  let aborted = false;
  for await (const part of result.fullStream) {
    if (part.type === 'text-delta') {
      text += part.text;
      if (++deltas >= abortAfter && !aborted) {
        aborted = true;
        controller.abort();
      }
    } else if (part.type === 'abort') {
      aborted = true;
    } else if (part.type === 'error') {
      if (aborted) break;
      throw part.error;
    }
  }
  if (aborted) {
    counts.aborted++;
    // What arrived before the abort must still be the start of this call's own answer.
    if (!expected.startsWith(text)) {
      counts.crossed++;
      fail(i, `aborted stream ${name}`, `${JSON.stringify(text)} is not a prefix of ${JSON.stringify(expected)}`);
    }
  } else if (text !== expected) {
    counts.crossed++;
    fail(i, `stream ${name}`, `${JSON.stringify(text)} !== ${JSON.stringify(expected)}`);
  }
}

/**
 * Closes the idle keep-alive sockets and waits until the handle count stops falling: what is still
 * open then (a socket of a stream nobody finished or cancelled) is a leak.
 */
async function settledHandles() {
  emulator.server.closeIdleConnections();
  let previous = Infinity;
  for (let round = 0; round < 100; round++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = total(handles());
    if (now >= previous) break;
    previous = now;
  }
  return handles();
}

// One warm-up call, so that the start figures include loaded modules and the emulator's server handle.
await generateText({ model: models.openai, prompt: 'warm up' });
const start = { handles: await settledHandles(), heapMB: heapMB() };
const started = performance.now();

let next = 0;
let done = 0;
const every = Math.max(1000, Math.floor(COUNT / 10));
const heapSeriesMB = [];
async function worker() {
  while (next < COUNT) {
    const i = next++;
    try {
      await one(i);
    } catch (error) {
      counts.errors++;
      fail(i, 'error', `${error?.name}: ${error?.message}`);
    }
    if (++done % every === 0) {
      heapSeriesMB.push(heapMB());
      console.log(`${done} calls, heap ${heapSeriesMB.at(-1)} MB, ${Math.round(done / ((performance.now() - started) / 1000))} calls/s`);
    }
  }
}
await Promise.all(Array.from({ length: CONCURRENCY }, worker));
const seconds = (performance.now() - started) / 1000;

const end = { handles: await settledHandles(), heapMB: heapMB() };
await emulator.close();

const report = {
  calls: COUNT,
  concurrency: CONCURRENCY,
  seconds: Math.round(seconds * 10) / 10,
  callsPerSecond: Math.round(COUNT / seconds),
  ...counts,
  heapAfterGcMB: { start: start.heapMB, during: heapSeriesMB, end: end.heapMB },
  openHandles: { start: start.handles, end: end.handles },
  node: process.version,
};
console.log(JSON.stringify(report, null, 2));
if (firstErrors.length > 0) console.log(firstErrors.join('\n'));
const ok = counts.crossed === 0 && counts.errors === 0 && total(end.handles) <= total(start.handles);
console.log(ok ? 'soak: OK' : 'soak: FAILED');
process.exitCode = ok ? 0 : 1;
