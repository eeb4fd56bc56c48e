import { AiGatewayResponseError, type AiGatewayResponseErrorOptions } from './ai-gateway-response-error';
import { codeErrorOptions } from './code-error-options';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';

const name = 'AI_AiGatewayByokAliasError';
declare const symbol: unique symbol;

/** Code 2040 (HTTP 400): no stored provider key (BYOK) has the requested alias. Not retryable. */
export class AiGatewayByokAliasError extends AiGatewayResponseError {
  declare private readonly [symbol]: true;

  constructor(options: AiGatewayResponseErrorOptions = {}) {
    super(
      codeErrorOptions(options, {
        code: 2040,
        statusCode: 400,
        isRetryable: false,
        message:
          '%L has no stored provider key under the requested BYOK alias (code %C)%Q. ' +
          'Check the byokAlias option against the aliases configured for this gateway, or leave it out to use the "default" key.',
      }),
    );
    markError(this, name);
  }

  static override isInstance(error: unknown): error is AiGatewayByokAliasError {
    return hasMarker(error, name);
  }
}
