import { AiGatewayError } from './ai-gateway-error';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';

const name = 'AI_AiGatewayInternalFetchError';
declare const symbol: unique symbol;

/** The constructor options of `AiGatewayInternalFetchError`. */
export interface AiGatewayInternalFetchErrorOptions {
  message?: string;
  cause?: unknown;
}

/**
 * Internal signal that stops a model's own `fetch` after its request was captured, or after another
 * fallback leg answered. It never reaches the caller of `generateText`/`streamText`.
 *
 * @deprecated Exported only for drop-in compatibility with `ai-gateway-provider` 4.x, which exported
 * its sentinel under this name. Do not catch or construct it; catch `AiGatewayError` instead.
 */
export class AiGatewayInternalFetchError extends AiGatewayError {
  declare private readonly [symbol]: true;

  /** A string is taken as the message, as the old package's `new AiGatewayInternalFetchError(message)` was. */
  constructor(options: AiGatewayInternalFetchErrorOptions | string = {}) {
    const { message, cause } = typeof options === 'string' ? { message: options, cause: undefined } : options;
    super({ message: message ?? 'The request was captured for AI Gateway and not sent by the model itself.', cause });
    markError(this, name);
  }

  static override isInstance(error: unknown): error is AiGatewayInternalFetchError {
    return hasMarker(error, name);
  }
}
