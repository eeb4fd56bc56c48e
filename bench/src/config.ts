// How much work each section does: the full run, and the quick run that only checks everything works.

export interface BenchConfig {
  readonly quick: boolean;
  /** Rounds of the interleaved rows; the variants' order rotates each round (and with each row). */
  readonly rounds: number;
  readonly warmupCalls: number;
  readonly levels: readonly { readonly concurrency: number; readonly calls: number }[];
  readonly streamsPerRound: number;
  readonly largeBody: { readonly megabytes: readonly number[]; readonly inFlight: number; readonly rounds: number; readonly encodeRuns: number };
  readonly fallback: { readonly calls: number; readonly concurrency: number };
  /** Memory soak: calls per gateway variant, at this concurrency. */
  readonly soak: { readonly calls: number; readonly concurrency: number };
  readonly importRuns: number;
  readonly profileCalls: number;
}

export const FULL: BenchConfig = {
  quick: false,
  rounds: 5,
  warmupCalls: 500,
  levels: [
    { concurrency: 1, calls: 400 },
    { concurrency: 64, calls: 2560 },
    { concurrency: 256, calls: 3072 },
  ],
  streamsPerRound: 24,
  largeBody: { megabytes: [1, 10], inFlight: 100, rounds: 3, encodeRuns: 15 },
  fallback: { calls: 600, concurrency: 8 },
  soak: { calls: 100_000, concurrency: 16 },
  importRuns: 7,
  profileCalls: 6000,
};

export const QUICK: BenchConfig = {
  quick: true,
  rounds: 1,
  warmupCalls: 20,
  levels: [
    { concurrency: 1, calls: 20 },
    { concurrency: 64, calls: 64 },
    { concurrency: 256, calls: 256 },
  ],
  streamsPerRound: 2,
  largeBody: { megabytes: [1, 10], inFlight: 4, rounds: 1, encodeRuns: 2 },
  fallback: { calls: 20, concurrency: 4 },
  soak: { calls: 500, concurrency: 16 },
  importRuns: 1,
  profileCalls: 200,
};
