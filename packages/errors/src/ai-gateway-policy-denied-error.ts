import { AiGatewayResponseError, type AiGatewayResponseErrorOptions } from './ai-gateway-response-error';
import { codeErrorOptions } from './code-error-options';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';

const name = 'AI_AiGatewayPolicyDeniedError';
declare const symbol: unique symbol;

/**
 * HTTP 403 `{"success":false,"error":{"message":"Access denied by policy"}}`: a policy of the gateway
 * refused the request before any step ran. The answer has no code. Not retryable: the same request
 * is refused again.
 */
export class AiGatewayPolicyDeniedError extends AiGatewayResponseError {
  declare private readonly [symbol]: true;

  constructor(options: AiGatewayResponseErrorOptions = {}) {
    super(
      codeErrorOptions(options, {
        code: undefined,
        statusCode: 403,
        isRetryable: false,
        message:
          '%T refused the request: a policy of the gateway denies it (HTTP 403)%Q. ' +
          "Sending it again will not help; policies decide by the caller's identity (Access, country or cf-aig-metadata), so check the gateway's policies.",
      }),
    );
    markError(this, name);
  }

  static override isInstance(error: unknown): error is AiGatewayPolicyDeniedError {
    return hasMarker(error, name);
  }
}
