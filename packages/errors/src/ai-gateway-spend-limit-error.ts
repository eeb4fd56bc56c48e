import { AiGatewayResponseError, type AiGatewayResponseErrorOptions } from './ai-gateway-response-error';
import { codeErrorOptions } from './code-error-options';
import { hasMarker } from './has-marker';

const name = 'AI_AiGatewaySpendLimitError';
const symbol = Symbol.for(`vercel.ai.error.${name}`);

/**
 * Codes 2041 and 2045 (HTTP 429): a spend limit rule of the gateway is exhausted. Not retryable:
 * the limit holds until its window resets.
 */
export class AiGatewaySpendLimitError extends AiGatewayResponseError {
  private readonly [symbol] = true;

  constructor(options: AiGatewayResponseErrorOptions = {}) {
    super(
      codeErrorOptions(options, {
        code: 2041,
        statusCode: 429,
        isRetryable: false,
        message: (label, code, quoted) =>
          `${label} spend limit exceeded (code ${code})${quoted}. ` +
          "Requests are refused until the limit's window resets; raise or remove the limit in the gateway settings.",
      }),
    );
    this.name = name;
  }

  static override isInstance(error: unknown): error is AiGatewaySpendLimitError {
    return hasMarker(error, name);
  }
}
