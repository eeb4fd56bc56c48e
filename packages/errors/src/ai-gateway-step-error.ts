import { AiGatewayError } from './ai-gateway-error';
import type { HeadersLike } from './header-entries';
import { redactHeaders } from './redact-headers';
import { redactText } from './redact-text';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';
import { withFields } from './with-fields';

const name = 'AI_AiGatewayStepError';
declare const symbol: unique symbol;

const MAX_VALUE = 40;

/** The constructor options of `AiGatewayStepError`. */
export interface AiGatewayStepErrorOptions {
  /** The `cf-aig-step` header as received, or `null` when it was missing. */
  value: string | null;
  /** How many steps (fallback legs) were sent. */
  stepCount: number;
  responseHeaders?: HeadersLike | null;
  /** Raw secrets to scrub from the headers and the cause. */
  secrets?: readonly string[];
  cause?: unknown;
}

function stepsSent(count: number): string {
  if (count === 0) return 'no steps were sent';
  return count === 1 ? '1 step was sent (valid: 0)' : `${count} steps were sent (valid: 0 to ${count - 1})`;
}

/**
 * The gateway's `cf-aig-step` header is missing, not a step index, or out of range for the steps
 * that were sent, so the answering model is unknown.
 */
export class AiGatewayStepError extends AiGatewayError {
  declare private readonly [symbol]: true;

  /** The header as received (scrubbed, cut at 40 characters), or `null` when missing. */
  declare readonly value: string | null;
  declare readonly stepCount: number;
  /** Response headers, lower-case, credentials redacted. */
  declare readonly responseHeaders: Record<string, string>;

  constructor({ value, stepCount, responseHeaders, secrets = [], cause }: AiGatewayStepErrorOptions) {
    const shown = value === null ? null : redactText(value, secrets).slice(0, MAX_VALUE) + (value.length > MAX_VALUE ? '…' : '');
    const sent = stepsSent(stepCount);
    const outOfRange = /^\s*\d+\s*$/.test(value ?? '') && Number(value) >= stepCount;
    const message =
      shown === null
        ? `The gateway answered without a cf-aig-step header (missing), but ${sent}, so the step that answered is unknown.`
        : `The gateway answered with cf-aig-step ${JSON.stringify(shown)}, ` +
          (outOfRange ? `but ${stepCount === 0 ? '' : 'only '}${sent}.` : `which is not a step index; ${sent}.`);
    super({ message, cause, secrets });
    markError(this, name);
    this.value = shown;
    this.stepCount = stepCount;
    this.responseHeaders = redactHeaders(responseHeaders, secrets);
  }

  static override isInstance(error: unknown): error is AiGatewayStepError {
    return hasMarker(error, name);
  }

  override toJSON(): Record<string, unknown> {
    return withFields(super.toJSON(), this, ['value', 'stepCount', 'responseHeaders']);
  }
}
