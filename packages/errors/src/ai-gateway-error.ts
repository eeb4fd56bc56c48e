import { AISDKError } from '@ai-sdk/provider';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';
import { redactCause, summarizeCause } from './redact-cause';
import { redactText } from './redact-text';

const name = 'AI_AiGatewayError';
declare const symbol: unique symbol;

/** The constructor options of `AiGatewayError`. */
export interface AiGatewayErrorOptions {
  message: string;
  /** The underlying error. Stored as a redacted copy: see `redactCause`. */
  cause?: unknown;
  /** Raw secret values (API keys, tokens) to scrub from the message and the cause. */
  secrets?: readonly string[];
}

/**
 * The base of every error this library throws. The message and the cause are scrubbed of the
 * given secrets and of recognisable credential shapes before they are stored.
 */
export class AiGatewayError extends AISDKError {
  declare private readonly [symbol]: true;

  constructor({ message, cause, secrets = [] }: AiGatewayErrorOptions) {
    super({ name, message: redactText(message, secrets), cause: redactCause(cause, secrets) });
    markError(this, name);
  }

  /** True for an `AiGatewayError` (or a subclass) from any copy of this package. */
  static override isInstance(error: unknown): error is AiGatewayError {
    return hasMarker(error, name);
  }

  /** A plain, secret-free view for logs and `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    const cause = summarizeCause(this.cause);
    return { name: this.name, message: this.message, ...(cause === undefined ? {} : { cause }) };
  }
}
