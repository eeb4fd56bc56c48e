/** A fixed-window request counter per gateway. */
export class RateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();
  readonly #now: () => number;

  constructor(options: { now: () => number }) {
    this.#now = options.now;
  }

  /** Counts one request; false when it is over the gateway's limit. */
  allow(options: { gateway: string; limit: number; intervalMs: number }): boolean {
    const now = this.#now();
    let window = this.#windows.get(options.gateway);
    if (window === undefined || now - window.start >= options.intervalMs) {
      window = { start: now, count: 0 };
      this.#windows.set(options.gateway, window);
    }
    window.count += 1;
    return window.count <= options.limit;
  }

  clear(): void {
    this.#windows.clear();
  }
}
