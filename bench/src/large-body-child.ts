// One variant, one body size, in a fresh process: `inFlight` calls started at once, each with a
// prompt of the given size. Reports client CPU and memory high-water marks to the parent.
import { generate } from './calls.ts';
import { collectGarbage } from './measure.ts';
import { createVariant, installFetchRedirect, type VariantName } from './variants.ts';

export interface LargeBodyResult {
  readonly cpuUsPerCall: number;
  readonly wallMs: number;
  /** Process RSS high-water mark (kernel `maxRSS`) minus RSS before the batch. */
  readonly peakRssDeltaBytes: number;
  /** Sampled every 2 ms: highest heapUsed minus heapUsed before the batch. */
  readonly peakHeapDeltaBytes: number;
  /** Sampled: highest `external` (ArrayBuffers and Buffers included) minus the value before the batch. */
  readonly peakExternalDeltaBytes: number;
}

const [name, megabytes, inFlight, origin] = process.argv.slice(2) as [VariantName, string, string, string];
installFetchRedirect(origin);
// `base`: the BENCH_BASE build of ours (its facade's entry, set by run.ts).
const createBase = name === 'base' ? ((await import(process.env.BENCH_BASE_ENTRY!)) as { createAiGateway: Parameters<typeof createVariant>[2] }).createAiGateway : undefined;
const variant = createVariant(name, origin, createBase);
for (let i = 0; i < 5; i++) await generate(variant, 'per-call', 'warm up '.repeat(1000));

const words = 'the quick brown fox jumps over the lazy dog ';
const prompt = words.repeat(Math.ceil((Number(megabytes) * 1024 * 1024) / words.length)).slice(0, Number(megabytes) * 1024 * 1024);
collectGarbage();
const before = process.memoryUsage();
let heap = before.heapUsed;
let external = before.external;
const sample = () => {
  const m = process.memoryUsage();
  heap = Math.max(heap, m.heapUsed);
  external = Math.max(external, m.external);
};
const sampler = setInterval(sample, 2);
const cpu = process.cpuUsage();
const start = performance.now();
await Promise.all(Array.from({ length: Number(inFlight) }, () => generate(variant, 'per-call', prompt)));
const wallMs = performance.now() - start;
const used = process.cpuUsage(cpu);
clearInterval(sampler);
sample();

const result: LargeBodyResult = {
  cpuUsPerCall: (used.user + used.system) / Number(inFlight),
  wallMs,
  peakRssDeltaBytes: process.resourceUsage().maxRSS * 1024 - before.rss,
  peakHeapDeltaBytes: heap - before.heapUsed,
  peakExternalDeltaBytes: external - before.external,
};
process.send!(result);
process.disconnect();
