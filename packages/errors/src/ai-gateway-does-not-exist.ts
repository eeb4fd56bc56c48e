import { AiGatewayResponseError, type AiGatewayResponseErrorOptions } from './ai-gateway-response-error';
import { codeErrorOptions } from './code-error-options';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';

const name = 'AI_AiGatewayDoesNotExist';
declare const symbol: unique symbol;

/**
 * Code 2001 (HTTP 400): the gateway id does not exist in the account. Not retryable.
 * Same class name as in `ai-gateway-provider` 4.x.
 */
export class AiGatewayDoesNotExist extends AiGatewayResponseError {
  declare private readonly [symbol]: true;

  /** A string is taken as the message, as the old package's `new AiGatewayDoesNotExist(message)` was. */
  constructor(options: AiGatewayResponseErrorOptions | string = {}) {
    super(
      codeErrorOptions(typeof options === 'string' ? { message: options } : options, {
        code: 2001,
        statusCode: 400,
        isRetryable: false,
        message:
          '%T does not exist in this account (code %C). Create it in the Cloudflare dashboard (AI > AI Gateway), ' +
          'or use the gateway id "default", which Cloudflare creates on the first authenticated request.',
      }),
    );
    markError(this, name);
  }

  static override isInstance(error: unknown): error is AiGatewayDoesNotExist {
    return hasMarker(error, name);
  }
}
