import type { HeadersLike } from '@aigw/errors';

/** Any header shape a provider SDK or a user may hand over: one type for the whole library, `@aigw/errors`' own. */
export type { HeadersLike };

/** Headers of any shape as a record with lower-case names; undefined and null values are dropped. */
export function normalizeHeaders(headers: HeadersLike | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  if (typeof Headers !== 'undefined' && headers instanceof Headers) {
    headers.forEach((value, name) => {
      out[name] = value;
    });
    return out;
  }
  if (Array.isArray(headers)) {
    for (const pair of headers as readonly (readonly string[])[]) {
      const [name, value] = pair;
      if (name !== undefined && value !== undefined) out[name.toLowerCase()] = value;
    }
    return out;
  }
  const record = headers as Record<string, unknown>;
  for (const name in record) {
    if (!Object.hasOwn(record, name)) continue;
    const value = record[name];
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : JSON.stringify(value);
  }
  return out;
}

/**
 * Headers that describe one HTTP hop, not the request: the gateway sets its own when it calls the
 * provider, and a stale `content-length` would corrupt the provider call.
 */
export const HOP_BY_HOP_HEADERS: ReadonlySet<string> = new Set([
  'connection', 'content-length', 'host', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te',
  'trailer', 'upgrade', 'expect', 'accept-encoding',
]);
