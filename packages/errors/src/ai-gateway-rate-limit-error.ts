import { AiGatewayResponseError, type AiGatewayResponseErrorOptions } from './ai-gateway-response-error';
import { codeErrorOptions } from './code-error-options';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';

const name = 'AI_AiGatewayRateLimitError';
declare const symbol: unique symbol;

/** Code 2003 (HTTP 429): the gateway's own rate limit was reached. Retryable. */
export class AiGatewayRateLimitError extends AiGatewayResponseError {
  declare private readonly [symbol]: true;

  constructor(options: AiGatewayResponseErrorOptions = {}) {
    super(
      codeErrorOptions(options, {
        code: 2003,
        statusCode: 429,
        isRetryable: true,
        message:
          '%L rate limit reached (code %C). Wait and send the request again, or raise the rate limit in the gateway settings.',
      }),
    );
    markError(this, name);
  }

  static override isInstance(error: unknown): error is AiGatewayRateLimitError {
    return hasMarker(error, name);
  }
}
