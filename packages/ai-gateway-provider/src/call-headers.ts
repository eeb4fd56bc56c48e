import { invalidOption } from './invalid-option';

/** Entries of `providerOptions.aigateway` that are request headers rather than `cf-aig-*` options. */
export interface AiGatewayCallHeaders {
  /** Workers AI prefix-cache affinity for this call (`x-session-affinity`); other providers ignore it. */
  sessionAffinity?: string;
  /** Extra headers on every leg's request of this call. */
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
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidOption(`${path}.headers`, 'is not an object', 'a record of header names to string values', value);
  }
  for (const [name, v] of Object.entries(value)) {
    // The value may be a credential: name the header, never show it.
    if (typeof v !== 'string' || MULTI_LINE.test(v)) throw invalidOption(`${path}.headers.${name}`, 'is not a single-line string', 'a string without CR or LF');
  }
  return value as Record<string, string>;
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
