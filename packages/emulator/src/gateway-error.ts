/**
 * A gateway-generated error: the code, and optionally a status or message other than the table's.
 * Without a code it is one of the 2026 control-plane refusals (a policy's block or spend cap), sent as
 * `{"success":false,"error":{"message":…,…fields}}`: `error` an object, no code, no `cf-aig-step`.
 */
export interface GatewayErrorSpec {
  /** A code of `GATEWAY_ERRORS` (or any other); omitted for a refusal without a code. */
  code?: number;
  status?: number;
  message?: string;
  /** `error` as a list (the classic envelope) or one object. Default: a list with a code, an object without. */
  shape?: 'list' | 'object';
  /** More fields of the error entry, e.g. a spend cap's `{ bucket, spent, limit }`. */
  fields?: Record<string, unknown>;
  /** Send `cf-aig-step` with the answer. Default: with a code yes, without no. */
  stepHeader?: boolean;
  /** Seconds for a `retry-after` header (the real gateway sends none; for testing clients that honour it). */
  retryAfter?: number;
  /** What the emulator records about the refusal (`call.refusal`, the log viewer), e.g. `policy-denied`. */
  refusal?: string;
}

/** HTTP status and message of each gateway error code the emulator can produce (docs/protocol.md#error-codes). */
export const GATEWAY_ERRORS: Readonly<Record<number, { status: number; message: string }>> = {
  2001: { status: 400, message: 'Please configure AI Gateway in the Cloudflare dashboard' },
  2003: { status: 429, message: 'Rate limited' },
  2005: { status: 400, message: 'Failed to get response from provider' },
  2008: { status: 400, message: 'Invalid provider' },
  2009: { status: 401, message: 'Unauthorized' },
  2016: { status: 424, message: 'Prompt blocked due to security configurations' },
  2017: { status: 424, message: 'Response blocked due to security configurations' },
  2021: { status: 402, message: 'Insufficient AI Gateway credits' },
  2029: { status: 400, message: 'Request content blocked due to DLP policy violations' },
  2030: { status: 400, message: 'Response content blocked due to DLP policy violations' },
  2040: { status: 400, message: "Provider 'unknown' has no BYOK credential named 'unknown'. Configured aliases: none" },
  2041: { status: 429, message: "Spend limit exceeded: rule 'emulator' (cost limit 1 per 3600s, fixed) for gateway" },
  2045: { status: 429, message: "Spend limit exceeded: rule 'emulator' (cost limit 1 per 3600s, fixed) for gateway" },
  7003: { status: 404, message: 'Model not found: emulator' },
  7013: { status: 503, message: 'Guardrails scanner unavailable' },
  10000: { status: 401, message: 'Authentication error' },
};

/** Codes answered with the Cloudflare v4 envelope (plural `errors`) instead of the gateway's. */
const V4_ENVELOPE_CODES = new Set([10000]);

/** Status and exact body text of a gateway error. */
export function gatewayErrorBody(spec: GatewayErrorSpec): { status: number; body: string } {
  const known = spec.code === undefined ? undefined : GATEWAY_ERRORS[spec.code];
  const status = spec.status ?? known?.status ?? 400;
  const message = spec.message ?? known?.message ?? 'AI Gateway error';
  if (spec.code === undefined) {
    const entry = { message, ...spec.fields };
    return { status, body: JSON.stringify({ success: false, error: spec.shape === 'list' ? [entry] : entry }) };
  }
  if (spec.shape === 'object') {
    return { status, body: JSON.stringify({ success: false, error: { code: spec.code, message, ...spec.fields } }) };
  }
  if (V4_ENVELOPE_CODES.has(spec.code)) {
    return {
      status,
      body: JSON.stringify({ result: null, success: false, errors: [{ code: spec.code, message }], messages: [] }),
    };
  }
  return {
    status,
    body: JSON.stringify({
      success: false,
      result: [],
      messages: [],
      error: [{ code: spec.code, message, ...spec.fields }],
      name: 'AiGatewayError',
      httpCode: status,
      internalCode: spec.code,
    }),
  };
}
