import { defaultCacheKey, type CachedAnswer } from '../response-cache.js';
import { GatewayError, type Answer, type ExchangeContext, type Step, type Target } from './exchange-context.js';
import { PROVIDER_AUTH_HEADERS, toNumber } from './exchange-helpers.js';

/** A cache key alone turns caching on, with this TTL when none is given. */
const DEFAULT_CACHE_KEY_TTL_SECONDS = 300;
/** The gateway's cache TTL bounds: 60 s to one month. */
export const MIN_CACHE_TTL_SECONDS = 60;
export const MAX_CACHE_TTL_SECONDS = 2_592_000;

/** Where a target's answer is cached, when caching applies. */
export interface CacheSlot {
  key: string;
  ttlSeconds: number;
}

/**
 * The cache slot of a target: `cf-aig-cache-key` when given, else a key over the gateway,
 * provider, endpoint, provider key and body; none when the TTL is 0 or `cf-aig-skip-cache` is set.
 */
export function cacheSlot(options: { ctx: ExchangeContext; step: Step; target: Target; headers: Record<string, string> }): CacheSlot | undefined {
  const { ctx, target } = options;
  const cf = options.step.cf;
  const skipCache = cf['cf-aig-skip-cache'] === 'true';
  const cacheKeyHeader = cf['cf-aig-cache-key'];
  let ttl = toNumber(cf['cf-aig-cache-ttl']) ?? 0;
  if (ttl <= 0 && cacheKeyHeader !== undefined && cacheKeyHeader !== '') ttl = DEFAULT_CACHE_KEY_TTL_SECONDS;
  if (skipCache || ttl <= 0) return undefined;
  ttl = boundedTtl(ttl, ctx.controls.cacheTtlBounds);
  const gateway = ctx.call.gateway ?? '';
  const key =
    cacheKeyHeader !== undefined && cacheKeyHeader !== ''
      ? `${gateway}:key:${cacheKeyHeader}`
      : defaultCacheKey({ gateway, provider: target.provider, endpoint: target.endpoint, auth: authValue(options.headers), body: target.body });
  return { key, ttlSeconds: ttl };
}

/** A positive TTL within the gateway's bounds, as the request's `cacheTtlBounds` control says. */
function boundedTtl(ttl: number, bounds: 'clamp' | 'reject' | 'off'): number {
  if (bounds === 'off' || (ttl >= MIN_CACHE_TTL_SECONDS && ttl <= MAX_CACHE_TTL_SECONDS)) return ttl;
  if (bounds === 'clamp') return Math.min(MAX_CACHE_TTL_SECONDS, Math.max(MIN_CACHE_TTL_SECONDS, ttl));
  throw new GatewayError({ code: 2005, status: 400, message: `cf-aig-cache-ttl must be from ${MIN_CACHE_TTL_SECONDS} to ${MAX_CACHE_TTL_SECONDS} seconds, not ${ttl}` });
}

/** The stored answer for a slot, if any. */
export function cachedAnswer(options: { ctx: ExchangeContext; slot: CacheSlot | undefined }): CachedAnswer | undefined {
  return options.slot === undefined ? undefined : options.ctx.state.cache.get(options.slot.key);
}

/** Stores a whole answer that asked for it (streams are never cached). */
export function storeAnswer(options: { ctx: ExchangeContext; answer: Answer; bytes: Uint8Array; headers: Record<string, string> }): void {
  const { answer } = options;
  if (answer.store === undefined || isEventStream(options.headers)) return;
  options.ctx.state.cache.set({ key: answer.store.key, ttlSeconds: answer.store.ttlSeconds, answer: { status: answer.status, headers: answer.headers, body: options.bytes } });
}

function isEventStream(headers: Record<string, string>): boolean {
  return (headers['content-type'] ?? '').includes('text/event-stream');
}

function authValue(headers: Record<string, string>): string {
  for (const name of PROVIDER_AUTH_HEADERS) {
    const value = headers[name];
    if (value !== undefined) return `${name}:${value}`;
  }
  return '';
}
