import { AiGatewayResponseError, type AiGatewayResponseErrorOptions } from './ai-gateway-response-error';
import { codeErrorOptions } from './code-error-options';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';

const name = 'AI_AiGatewayCloudflareAuthError';
declare const symbol: unique symbol;

/**
 * Code 10000 (HTTP 401) in Cloudflare's v4 envelope (`{"success":false,"errors":[...]}`, plural):
 * Cloudflare rejected the API token, e.g. the one Workers AI calls are made with. Not retryable.
 */
export class AiGatewayCloudflareAuthError extends AiGatewayResponseError {
  declare private readonly [symbol]: true;

  constructor(options: AiGatewayResponseErrorOptions = {}) {
    super(
      codeErrorOptions(options, {
        code: 10000,
        statusCode: 401,
        isRetryable: false,
        message:
          'Cloudflare rejected the API token (code %C)%Q. ' +
          'Calls to Workers AI need a valid Cloudflare API token of this account with the Workers AI permission: ' +
          'check the token passed as the Workers AI key (the apiKey of the provider) and that it has not expired.',
      }),
    );
    markError(this, name);
  }

  static override isInstance(error: unknown): error is AiGatewayCloudflareAuthError {
    return hasMarker(error, name);
  }
}
