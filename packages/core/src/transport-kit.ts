import { AiGatewayError, AiGatewayInvalidOptionsError } from '@aigw/errors';
import type { GatewayRequest, GatewayStep } from './gateway-request';

// What every transport does around its send, in one place: `@aigw/transport-http`,
// `@aigw/transport-binding` and a transport of your own use these (see the README's "Transport kit").
// Each is a plain function of its arguments: nothing here allocates on a call that goes well.

/**
 * `AiGatewayInvalidOptionsError` for an option at `option` (a dotted path). Without `value` the
 * message shows none: leave it out for values that may be credentials, such as header values.
 */
export function invalidOption(option: string, problem: string, allowed: string, ...value: [] | [unknown]): AiGatewayInvalidOptionsError {
  return new AiGatewayInvalidOptionsError(value.length === 0 ? { option, problem, allowed } : { option, problem, allowed, value: value[0] });
}

/**
 * An `AbortError`: what `fetch` (and a binding) rejects with when the call's signal aborts. The
 * signal itself says more (`signal.aborted`): see `passesThrough`.
 */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/**
 * An `AbortError` or a `TimeoutError` (what a read rejects with when an `AbortSignal.timeout()`
 * fires): the check where no signal is at hand, such as an answer's body read after the send.
 */
export function isAbortOrTimeoutError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const name = (error as { name?: unknown }).name;
  return name === 'AbortError' || name === 'TimeoutError';
}

/**
 * The call was aborted and `error` is its signal's reason: the caller's own value, passed on as it
 * is (neither wrapped nor scrubbed).
 */
export function isAbortReason(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true && signal.reason === error;
}

/**
 * The triage of an error that a send's fetch (or binding) rejected with: true when it reaches the
 * caller as it is, because the call was aborted (its `signal`, or an `AbortError`) or it is already
 * one of this library's typed errors. Any other error is a network failure, which the transport
 * wraps in `AiGatewayNetworkError` (or a binding's gateway error) with its secrets scrubbed.
 */
export function passesThrough(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || isAbortError(error) || AiGatewayError.isInstance(error);
}

/**
 * The one step of a provider-mode request, which goes to the provider-native path; a request with
 * none or several is refused with `AiGatewayInvalidOptionsError`.
 */
export function providerStep(request: GatewayRequest): GatewayStep {
  const step = request.steps[0];
  if (step === undefined || request.steps.length !== 1) {
    throw invalidOption('request.steps', 'a provider-mode request must have exactly one step', 'one step', request.steps.length);
  }
  return step;
}

/** The body to hand `fetch` for a step: none for `GET` and `HEAD`, else the step's body as it is. */
export function stepBody(step: GatewayStep): BodyInit | null {
  return step.method === 'GET' || step.method === 'HEAD' ? null : (step.body as BodyInit | null);
}

/**
 * True when the step's body is a `FormData`: `fetch` writes its `content-type` itself, with the
 * multipart boundary, so the captured one (which names another boundary) must not be sent.
 */
export function hasFormDataBody(step: GatewayStep): boolean {
  return typeof FormData !== 'undefined' && step.body instanceof FormData;
}
