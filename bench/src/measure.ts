// Timing helpers: batches of calls at a fixed concurrency, with client CPU and per-call latency.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface Batch {
  readonly calls: number;
  readonly wallMs: number;
  /** Client CPU (user + system) for the whole batch, microseconds. */
  readonly cpuUs: number;
  readonly latenciesMs: number[];
}

/** Runs `calls` calls of `fn`, at most `concurrency` at a time. Any failure fails the batch. */
export async function runBatch(calls: number, concurrency: number, fn: () => Promise<void>): Promise<Batch> {
  const latenciesMs: number[] = [];
  let started = 0;
  const worker = async () => {
    while (started < calls) {
      started++;
      const start = performance.now();
      await fn();
      latenciesMs.push(performance.now() - start);
    }
  };
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, calls) }, worker));
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { calls, wallMs, cpuUs: used.user + used.system, latenciesMs };
}

/**
 * Several batches (rounds) of one variant: CPU per call and calls per second are medians over the
 * batches, so one batch disturbed by the machine does not move them; p50 and p99 pool every call.
 */
export function summarize(batches: readonly Batch[]) {
  const latencies = batches.flatMap((b) => b.latenciesMs);
  const cpuByBatch = batches.map((b) => b.cpuUs / b.calls);
  return {
    calls: batches.reduce((n, b) => n + b.calls, 0),
    cpuUsPerCall: median(cpuByBatch),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    callsPerSecond: median(batches.map((b) => (b.calls / b.wallMs) * 1000)),
    cpuUsPerCallByBatch: cpuByBatch.map(Math.round),
    // One batch per round: the per-round figures give each ratio its run-to-run spread.
    p50MsByBatch: batches.map((b) => percentile(b.latenciesMs, 50)),
    p99MsByBatch: batches.map((b) => percentile(b.latenciesMs, 99)),
    callsPerSecondByBatch: batches.map((b) => (b.calls / b.wallMs) * 1000),
  };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

/** The median of per-round paired ratios and their spread (lowest, quartiles, highest). */
export interface PairedRatio {
  readonly median: number;
  readonly min: number;
  readonly q1: number;
  readonly q3: number;
  readonly max: number;
  readonly rounds: number;
}

/**
 * `a[i] / b[i]` for each round i (both figures from the same round, run back to back), and the
 * median of those ratios: drift of the machine between rounds moves both figures of a pair alike,
 * so it cancels, where a ratio of pooled figures keeps it. Undefined without two complete pairs.
 */
export function pairedRatio(a: readonly number[] | undefined, b: readonly number[] | undefined): PairedRatio | undefined {
  if (!a || !b || a.length !== b.length || a.length === 0) return undefined;
  const ratios = a.map((x, i) => x / b[i]!).filter(Number.isFinite);
  if (ratios.length === 0) return undefined;
  return { median: median(ratios), min: Math.min(...ratios), q1: percentile(ratios, 25), q3: percentile(ratios, 75), max: Math.max(...ratios), rounds: ratios.length };
}

/** The list rotated by `round`, so that no entry always runs first. */
export const rotate = <T>(list: readonly T[], round: number): T[] => list.map((_, i) => list[(i + round) % list.length]!);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A full garbage collection, so one variant's garbage is not collected in another's batch. */
export function collectGarbage(): void {
  gc();
  gc();
}
