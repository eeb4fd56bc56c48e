import { AiGatewayResponseError, type AiGatewayResponseErrorOptions } from './ai-gateway-response-error';
import { codeErrorOptions } from './code-error-options';
import { hasMarker } from './has-marker';

const name = 'AI_AiGatewayByokAliasError';
const symbol = Symbol.for(`vercel.ai.error.${name}`);

/** Code 2040 (HTTP 400): no stored provider key (BYOK) has the requested alias. Not retryable. */
export class AiGatewayByokAliasError extends AiGatewayResponseError {
  private readonly [symbol] = true;

  constructor(options: AiGatewayResponseErrorOptions = {}) {
    super(
      codeErrorOptions(options, {
        code: 2040,
        statusCode: 400,
        isRetryable: false,
        message: (label, code, quoted) =>
          `${label} has no stored provider key under the requested BYOK alias (code ${code})${quoted}. ` +
          'Check the byokAlias option against the aliases configured for this gateway, or leave it out to use the "default" key.',
      }),
    );
    this.name = name;
  }

  static override isInstance(error: unknown): error is AiGatewayByokAliasError {
    return hasMarker(error, name);
  }
}
