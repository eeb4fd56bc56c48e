import { AiGatewayResponseError, type AiGatewayResponseErrorOptions } from './ai-gateway-response-error';
import { codeErrorOptions } from './code-error-options';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';

const name = 'AI_AiGatewaySpendLimitError';
declare const symbol: unique symbol;

/**
 * Codes 2041 and 2045 (HTTP 429): a spend limit rule of the gateway is exhausted. Not retryable:
 * the limit holds until its window resets.
 */
export class AiGatewaySpendLimitError extends AiGatewayResponseError {
  declare private readonly [symbol]: true;

  constructor(options: AiGatewayResponseErrorOptions = {}) {
    super(
      codeErrorOptions(options, {
        code: 2041,
        statusCode: 429,
        isRetryable: false,
        message:
          '%L spend limit exceeded (code %C)%Q. ' +
          "Requests are refused until the limit's window resets; raise or remove the limit in the gateway settings.",
      }),
    );
    markError(this, name);
  }

  static override isInstance(error: unknown): error is AiGatewaySpendLimitError {
    return hasMarker(error, name);
  }
}
