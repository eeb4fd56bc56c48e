import { AiGatewayResponseError, type AiGatewayResponseErrorOptions } from './ai-gateway-response-error';
import { codeErrorOptions } from './code-error-options';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';

const name = 'AI_AiGatewayUnauthorizedError';
declare const symbol: unique symbol;

/**
 * Code 2009 (HTTP 401): the gateway requires authentication and `cf-aig-authorization` is missing
 * or not valid. Not retryable. Same class name as in `ai-gateway-provider` 4.x.
 */
export class AiGatewayUnauthorizedError extends AiGatewayResponseError {
  declare private readonly [symbol]: true;

  /** A string is taken as the message, as the old package's `new AiGatewayUnauthorizedError(message)` was. */
  constructor(options: AiGatewayResponseErrorOptions | string = {}) {
    super(
      codeErrorOptions(typeof options === 'string' ? { message: options } : options, {
        code: 2009,
        statusCode: 401,
        isRetryable: false,
        message:
          '%L refused the request as unauthorized (code %C): authentication is turned on for this gateway ' +
          'and the cf-aig-authorization token is missing or not valid. Pass apiKey: a Cloudflare API token with the ' +
          'AI Gateway Run permission for this account, or turn authentication off in the gateway settings.',
      }),
    );
    markError(this, name);
  }

  static override isInstance(error: unknown): error is AiGatewayUnauthorizedError {
    return hasMarker(error, name);
  }
}
