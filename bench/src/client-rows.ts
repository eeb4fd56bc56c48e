// The rows measured in the main process: generateText at several concurrencies, streaming, fallback.
// Every row is interleaved: each round runs every variant once, in an order rotated per round.
import { generate, generateWith, stream, type StreamTiming } from './calls.ts';
import type { BenchConfig } from './config.ts';
import { collectGarbage, median, rotate, runBatch, summarize, type Batch } from './measure.ts';
import { sentRequests, WORKERS_AI_CLIENTS, workersAiModel, type Variant, type VariantName, type WorkersAiClient } from './variants.ts';

export type PerVariant<T> = Partial<Record<VariantName, T>>;

export interface StreamingFigures {
  streams: number;
  firstChunkMs: number;
  totalMs: number;
  cpuUsPerStream: number;
  /** Medians (CPU: means) of each round: the spread of the ratios from run to run. */
  firstChunkMsByRound: number[];
  totalMsByRound: number[];
  cpuUsPerStreamByRound: number[];
}

export async function warmUp(variants: readonly Variant[], config: BenchConfig): Promise<void> {
  for (const variant of variants) {
    await runBatch(config.warmupCalls, 16, () => generate(variant));
    for (let i = 0; i < 3; i++) await stream(variant);
    if (variant.fallback) await runBatch(Math.ceil(config.warmupCalls / 4), 4, () => generate(variant, 'fallback'));
  }
}

export async function latencyRows(variants: readonly Variant[], config: BenchConfig) {
  const batches = config.levels.map(() => new Map<VariantName, Batch[]>(variants.map((v) => [v.name, []])));
  for (let round = 0; round < config.rounds; round++) {
    for (const [i, level] of config.levels.entries()) {
      for (const variant of rotate(variants, round + i)) {
        collectGarbage();
        batches[i]!.get(variant.name)!.push(await runBatch(level.calls, level.concurrency, () => generate(variant)));
      }
    }
  }
  return config.levels.map((level, i) => ({
    concurrency: level.concurrency,
    byVariant: Object.fromEntries([...batches[i]!].map(([name, list]) => [name, summarize(list)])),
  }));
}

export async function streamingRows(variants: readonly Variant[], config: BenchConfig) {
  const timings = new Map<VariantName, StreamTiming[]>(variants.map((v) => [v.name, []]));
  // Streams alternate between the variants one by one (order rotated each time), so that a slow
  // moment of the machine lands on every variant alike instead of on one variant's whole series.
  for (let round = 0; round < config.rounds; round++) {
    collectGarbage();
    for (let i = 0; i < config.streamsPerRound; i++) {
      for (const variant of rotate(variants, round + i)) timings.get(variant.name)!.push(await stream(variant));
    }
  }
  const perRound = (list: StreamTiming[], f: (round: StreamTiming[]) => number) =>
    Array.from({ length: config.rounds }, (_, round) => f(list.slice(round * config.streamsPerRound, (round + 1) * config.streamsPerRound)));
  const cpuPerStream = (list: StreamTiming[]) => list.reduce((n, t) => n + t.cpuUs, 0) / list.length;
  return Object.fromEntries(
    [...timings].map(([name, list]) => [
      name,
      {
        streams: list.length,
        firstChunkMs: median(list.map((t) => t.firstChunkMs)),
        totalMs: median(list.map((t) => t.totalMs)),
        cpuUsPerStream: cpuPerStream(list),
        firstChunkMsByRound: perRound(list, (r) => median(r.map((t) => t.firstChunkMs))),
        totalMsByRound: perRound(list, (r) => median(r.map((t) => t.totalMs))),
        cpuUsPerStreamByRound: perRound(list, cpuPerStream),
      },
    ]),
  ) as PerVariant<StreamingFigures>;
}

export async function fallbackRows(variants: readonly Variant[], config: BenchConfig) {
  const gateways = variants.filter((v) => v.fallback !== undefined);
  const single = new Map<VariantName, Batch[]>(gateways.map((v) => [v.name, []]));
  const three = new Map<VariantName, Batch[]>(gateways.map((v) => [v.name, []]));
  const requests = new Map<VariantName, number>(gateways.map((v) => [v.name, 0]));
  const { calls, concurrency } = config.fallback;
  for (let round = 0; round < config.rounds; round++) {
    for (const variant of rotate(gateways, round)) {
      for (const useFallback of round % 2 === 0 ? [false, true] : [true, false]) {
        collectGarbage();
        const before = sentRequests.count;
        const batch = await runBatch(calls, concurrency, () => generate(variant, useFallback ? 'fallback' : 'per-call'));
        if (useFallback) requests.set(variant.name, requests.get(variant.name)! + sentRequests.count - before);
        (useFallback ? three : single).get(variant.name)!.push(batch);
      }
    }
  }
  return Object.fromEntries(
    gateways.map((v) => {
      const one = summarize(single.get(v.name)!);
      const fallback = summarize(three.get(v.name)!);
      // Each round ran both batches back to back: the median of the paired differences cancels drift.
      const extraCpuUsPerCall = median(fallback.cpuUsPerCallByBatch.map((cpu, i) => cpu - one.cpuUsPerCallByBatch[i]!));
      const requestsPerCall = requests.get(v.name)! / (calls * config.rounds);
      return [v.name, { single: one, fallback, extraCpuUsPerCall, extraP50Ms: fallback.p50Ms - one.p50Ms, requestsPerCall }];
    }),
  ) as PerVariant<{ single: ReturnType<typeof summarize>; fallback: ReturnType<typeof summarize>; extraCpuUsPerCall: number; extraP50Ms: number; requestsPerCall: number }>;
}

/**
 * generateText at the highest-but-one concurrency with one model shared by every call. Cloudflare's
 * 4.0.1 mixes up concurrent calls on a shared model (cloudflare/ai#620): its failures are counted.
 */
export async function sharedModelRows(variants: readonly Variant[], config: BenchConfig) {
  const { concurrency, calls } = config.levels[1]!;
  const batches = new Map<VariantName, Batch[]>(variants.map((v) => [v.name, []]));
  const failures = new Map<VariantName, number>(variants.map((v) => [v.name, 0]));
  for (let round = 0; round < config.rounds; round++) {
    for (const variant of rotate(variants, round)) {
      collectGarbage();
      const call = () => generate(variant, 'shared').catch(() => void failures.set(variant.name, failures.get(variant.name)! + 1));
      batches.get(variant.name)!.push(await runBatch(calls, concurrency, call));
    }
  }
  return {
    concurrency,
    byVariant: Object.fromEntries([...batches].map(([name, list]) => [name, { ...summarize(list), failedCalls: failures.get(name)! }])) as PerVariant<
      ReturnType<typeof summarize> & { failedCalls: number }
    >,
  };
}

/**
 * Memory over many calls: generateText at concurrency 16, one new model per call; the heap after a
 * full garbage collection every tenth of the run. A leak shows as a heap that keeps growing.
 */
export async function soakRows(variants: readonly Variant[], config: BenchConfig) {
  const { calls, concurrency } = config.soak;
  const out: PerVariant<{ calls: number; heapMB: number[]; growthMB: number }> = {};
  for (const variant of variants) {
    const heapMB: number[] = [];
    const sample = () => {
      collectGarbage();
      heapMB.push(process.memoryUsage().heapUsed / 2 ** 20);
    };
    sample();
    for (let i = 0; i < 10; i++) {
      await runBatch(calls / 10, concurrency, () => generate(variant));
      sample();
    }
    // Growth from the second sample (after the first tenth has warmed every cache) to the last.
    out[variant.name] = { calls, heapMB, growthMB: heapMB.at(-1)! - heapMB[1]! };
  }
  return out;
}

/** generateText with a Workers AI id, at concurrency 1 and 64, for each client that takes one. */
export async function workersAiRows(config: BenchConfig, stubOrigin: string, base?: Parameters<typeof workersAiModel>[2]) {
  const names: WorkersAiClient[] = [...WORKERS_AI_CLIENTS, ...(base ? (['base'] as const) : [])];
  const clients = names.map((client) => ({ client, model: workersAiModel(client, stubOrigin, client === 'base' ? base : undefined) }));
  const call = (c: (typeof clients)[number]) => generateWith(`${c.client} (Workers AI id)`, c.model);
  for (const c of clients) await runBatch(Math.ceil(config.warmupCalls / 4), 16, () => call(c));
  const levels = [config.levels[0]!, config.levels[1]!];
  const batches = levels.map(() => new Map<WorkersAiClient, Batch[]>(clients.map((c) => [c.client, []])));
  for (let round = 0; round < config.rounds; round++) {
    for (const [i, level] of levels.entries()) {
      for (const c of rotate(clients, round + i)) {
        collectGarbage();
        batches[i]!.get(c.client)!.push(await runBatch(level.calls, level.concurrency, () => call(c)));
      }
    }
  }
  return levels.map((level, i) => ({
    concurrency: level.concurrency,
    byClient: Object.fromEntries([...batches[i]!].map(([client, list]) => [client, summarize(list)])) as Record<(typeof WORKERS_AI_CLIENTS)[number], ReturnType<typeof summarize>> &
      Partial<Record<'base', ReturnType<typeof summarize>>>,
  }));
}
