// Emulator only: the faults the page can ask for, to watch the fallback and the typed errors.
// Each one is an `x-emulator-fault` header (see @aigw/emulator's README, "Fault injection").

/** The values of the page's "Simulate" menu. */
export const FAULTS = ['none', 'first-model', 'every-model', 'gateway-error'] as const;
export type Fault = (typeof FAULTS)[number];

export const isFault = (value: unknown): value is Fault => typeof value === 'string' && (FAULTS as readonly string[]).includes(value);

/** Headers of the first model's provider (that leg only) and of the call (every leg). */
export interface FaultHeaders {
  readonly firstModel?: Record<string, string>;
  readonly call?: Record<string, string>;
}

const header = (fault: object) => ({ 'x-emulator-fault': JSON.stringify(fault) });

/**
 * - `first-model`: the first model's upstream answers 503; the gateway falls back to the second.
 * - `every-model`: both upstreams answer 503: an `AiGatewayFallbackError` listing each leg.
 * - `gateway-error`: the gateway itself answers code 2021 (no Unified Billing credits):
 *   an `AiGatewayInsufficientCreditsError`.
 */
export function faultHeaders(fault: Fault): FaultHeaders {
  switch (fault) {
    case 'none':
      return {};
    case 'first-model':
      return { firstModel: header({ status: 503 }) };
    case 'every-model':
      return { call: header({ status: 503 }) };
    case 'gateway-error':
      return { call: header({ gatewayError: 2021 }) };
  }
}
