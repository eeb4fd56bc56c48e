import { AiGatewayResponseError, type AiGatewayResponseErrorOptions } from './ai-gateway-response-error';
import { codeErrorOptions } from './code-error-options';
import { hasMarker } from './has-marker';

const name = 'AI_AiGatewayCloudflareAuthError';
const symbol = Symbol.for(`vercel.ai.error.${name}`);

/**
 * Code 10000 (HTTP 401) in Cloudflare's v4 envelope (`{"success":false,"errors":[...]}`, plural):
 * Cloudflare rejected the API token, e.g. the one Workers AI calls are made with. Not retryable.
 */
export class AiGatewayCloudflareAuthError extends AiGatewayResponseError {
  private readonly [symbol] = true;

  constructor(options: AiGatewayResponseErrorOptions = {}) {
    super(
      codeErrorOptions(options, {
        code: 10000,
        statusCode: 401,
        isRetryable: false,
        message: (_label, code, quoted) =>
          `Cloudflare rejected the API token (code ${code})${quoted}. ` +
          'Calls to Workers AI need a valid Cloudflare API token of this account with the Workers AI permission: ' +
          'check the token passed as the Workers AI key (the apiKey of the provider) and that it has not expired.',
      }),
    );
    this.name = name;
  }

  static override isInstance(error: unknown): error is AiGatewayCloudflareAuthError {
    return hasMarker(error, name);
  }
}
