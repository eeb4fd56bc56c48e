import { invalidOption } from './invalid-option';

/** Entries of `providerOptions.aigateway` that are request headers rather than `cf-aig-*` options. */
export interface AiGatewayCallHeaders {
  /** Workers AI prefix-cache affinity for this call (`x-session-affinity`); other providers ignore it. */
  sessionAffinity?: string;
  /** Extra headers on every leg's request of this call (a record; a `Headers` or a `Map` is read as one). */
  headers?: Record<string, string>;
}

const MULTI_LINE = /[\r\n]/;

/** Checks a `sessionAffinity` setting (of a call, or of an id leg at `path`). */
export function checkSessionAffinity(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '' || MULTI_LINE.test(value)) {
    throw invalidOption(`${path}.sessionAffinity`, 'is not a single-line non-empty string', 'a key such as a conversation id', value);
  }
  return value;
}

/** Checks a `headers` setting (of a call, or of an id leg at `path`). */
export function checkHeaders(value: unknown, path: string): Record<string, string> {
  const allowed = 'a record of header names to string values (or a Headers or a Map of them)';
  let entries: [unknown, unknown][];
  if (typeof Headers !== 'undefined' && value instanceof Headers) entries = [...value];
  else if (value instanceof Map) entries = [...(value as Map<unknown, unknown>)];
  else {
    // A boxed String, an array or a class instance would send its indexes or fields as headers.
    const proto = typeof value === 'object' && value !== null ? (Object.getPrototypeOf(value) as unknown) : undefined;
    if (proto !== Object.prototype && proto !== null) throw invalidOption(`${path}.headers`, 'is not a plain object', allowed, value);
    return checkEntries(Object.entries(value as object), path, value as Record<string, string>);
  }
  return checkEntries(entries, path, undefined);
}

/** Checks header entries; returns `record` itself when given (a plain object is passed on as it is), else a record of them. */
function checkEntries(entries: [unknown, unknown][], path: string, record: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = record ?? {};
  for (const [name, v] of entries) {
    if (typeof name !== 'string') throw invalidOption(`${path}.headers`, 'has a header name that is not a string', 'string names', name);
    // The value may be a credential: name the header, never show it.
    if (typeof v !== 'string' || MULTI_LINE.test(v)) throw invalidOption(`${path}.headers.${name}`, 'is not a single-line string', 'a string without CR or LF');
    if (record === undefined) out[name] = v;
  }
  return out;
}

/**
 * Splits `providerOptions.aigateway` into the gateway options proper and the headers of this call,
 * which join the AI SDK's own `headers` call option (every model sends those with its request).
 */
export function splitCallHeaders(raw: unknown, path: string): { options: unknown; headers: Record<string, string> | undefined } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { options: raw, headers: undefined };
  const { sessionAffinity, headers, ...options } = raw as Record<string, unknown>;
  if (sessionAffinity === undefined && headers === undefined) return { options: raw, headers: undefined };
  const out: Record<string, string> = {};
  if (headers !== undefined) for (const [name, value] of Object.entries(checkHeaders(headers, path))) out[name.toLowerCase()] = value;
  if (sessionAffinity !== undefined) out['x-session-affinity'] = checkSessionAffinity(sessionAffinity, path);
  return { options, headers: out };
}
