import { createHash } from 'node:crypto';

/** One stored answer. */
export interface CachedAnswer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

interface Entry extends CachedAnswer {
  expiresAt: number;
}

/** The default cache key: SHA-256 over provider, endpoint, the provider auth header and the body. */
export function defaultCacheKey(options: { gateway: string; provider: string; endpoint: string; auth: string; body: Uint8Array }): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([options.provider, options.endpoint, options.auth]));
  hash.update('\n');
  hash.update(options.body);
  return `${options.gateway}:sha256:${hash.digest('hex')}`;
}

/** An in-memory response cache with a clock of its own (so tests can move time forward). */
export class ResponseCache {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;

  constructor(options: { now: () => number }) {
    this.#now = options.now;
  }

  get(key: string): CachedAnswer | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(options: { key: string; ttlSeconds: number; answer: CachedAnswer }): void {
    this.#entries.set(options.key, { ...options.answer, expiresAt: this.#now() + options.ttlSeconds * 1000 });
  }

  clear(): void {
    this.#entries.clear();
  }
}
