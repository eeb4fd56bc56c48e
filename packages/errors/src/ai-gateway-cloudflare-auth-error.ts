import { AiGatewayResponseError, type AiGatewayResponseErrorOptions } from './ai-gateway-response-error';
import { codeErrorOptions } from './code-error-options';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';

const name = 'AI_AiGatewayCloudflareAuthError';
declare const symbol: unique symbol;

/**
 * The permission a Cloudflare API request needs, read from its URL: the AI Gateway log API
 * (`/ai-gateway/`) needs AI Gateway Read (Edit to send feedback); everything else this library sends
 * with a Cloudflare API token is a Workers AI call.
 */
function permissionFor(url: string | undefined, method: string | undefined): string {
  if (url !== undefined && /\/ai-gateway\//.test(url)) {
    return method !== undefined && method.toUpperCase() !== 'GET' ? 'AI Gateway Edit' : 'AI Gateway Read';
  }
  return 'Workers AI (Read and Edit)';
}

/**
 * Code 10000 (HTTP 401 or 403) in Cloudflare's v4 envelope (`{"success":false,"errors":[...]}`, plural):
 * Cloudflare rejected the API token, or the token lacks the permission the request needs. The
 * message names that permission: Workers AI for `@cf/...` models, AI Gateway Read (Edit for
 * feedback) for `aigateway.logs`. Not retryable.
 */
export class AiGatewayCloudflareAuthError extends AiGatewayResponseError {
  declare private readonly [symbol]: true;

  /** The permission the failed request needed, e.g. `'Workers AI (Read and Edit)'` or `'AI Gateway Read'`. */
  readonly permission: string;

  constructor(options: AiGatewayResponseErrorOptions = {}) {
    const permission = permissionFor(options.request?.url, options.request?.method);
    super(
      codeErrorOptions(options, {
        code: 10000,
        statusCode: 401,
        isRetryable: false,
        message:
          'Cloudflare rejected the API token (code %C)%Q. ' +
          `This request needs a valid Cloudflare API token of this account with the ${permission} permission: ` +
          'check the token (cloudflareApiToken, or the single token passed as apiKey), that it has this permission and that it has not expired.',
      }),
    );
    this.permission = permission;
    markError(this, name);
  }

  static override isInstance(error: unknown): error is AiGatewayCloudflareAuthError {
    return hasMarker(error, name);
  }
}
