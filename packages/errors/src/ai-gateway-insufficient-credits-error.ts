import { AiGatewayResponseError, type AiGatewayResponseErrorOptions } from './ai-gateway-response-error';
import { codeErrorOptions } from './code-error-options';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';

const name = 'AI_AiGatewayInsufficientCreditsError';
declare const symbol: unique symbol;

/**
 * Code 2021 (HTTP 402): Unified Billing cannot pay for the request (no credits left, or the model
 * is not available through Unified Billing). Not retryable.
 */
export class AiGatewayInsufficientCreditsError extends AiGatewayResponseError {
  declare private readonly [symbol]: true;

  constructor(options: AiGatewayResponseErrorOptions = {}) {
    super(
      codeErrorOptions(options, {
        code: 2021,
        statusCode: 402,
        isRetryable: false,
        message:
          '%L could not pay for this request with Unified Billing credits (code %C)%Q. ' +
          "Add credits to the account, or use your own provider key: store one in the gateway (BYOK) or pass the provider's apiKey.",
      }),
    );
    markError(this, name);
  }

  static override isInstance(error: unknown): error is AiGatewayInsufficientCreditsError {
    return hasMarker(error, name);
  }
}
