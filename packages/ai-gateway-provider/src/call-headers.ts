import { AiGatewayInvalidOptionsError } from '@aigw/errors';

/** Entries of `providerOptions.aigateway` that are request headers rather than `cf-aig-*` options. */
export interface AiGatewayCallHeaders {
  /** Workers AI prefix-cache affinity for this call (`x-session-affinity`); other providers ignore it. */
  sessionAffinity?: string;
  /** Extra headers on every leg's request of this call. */
  headers?: Record<string, string>;
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
  if (headers !== undefined) {
    if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
      throw new AiGatewayInvalidOptionsError({ option: `${path}.headers`, value: headers, problem: 'is not an object', allowed: 'a record of header names to string values' });
    }
    for (const [name, value] of Object.entries(headers)) {
      if (typeof value !== 'string' || /[\r\n]/.test(value)) {
        // The value may be a credential: name the header, never show it.
        throw new AiGatewayInvalidOptionsError({ option: `${path}.headers.${name}`, problem: 'is not a single-line string', allowed: 'a string without CR or LF' });
      }
      out[name.toLowerCase()] = value;
    }
  }
  if (sessionAffinity !== undefined) {
    if (typeof sessionAffinity !== 'string' || sessionAffinity === '' || /[\r\n]/.test(sessionAffinity)) {
      throw new AiGatewayInvalidOptionsError({ option: `${path}.sessionAffinity`, value: sessionAffinity, problem: 'is not a single-line non-empty string', allowed: 'a key such as a conversation id' });
    }
    out['x-session-affinity'] = sessionAffinity;
  }
  return { options, headers: out };
}
