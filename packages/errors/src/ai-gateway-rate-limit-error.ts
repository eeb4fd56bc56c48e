import { AiGatewayResponseError, type AiGatewayResponseErrorOptions } from './ai-gateway-response-error';
import { codeErrorOptions } from './code-error-options';
import { hasMarker } from './has-marker';

const name = 'AI_AiGatewayRateLimitError';
const symbol = Symbol.for(`vercel.ai.error.${name}`);

/** Code 2003 (HTTP 429): the gateway's own rate limit was reached. Retryable. */
export class AiGatewayRateLimitError extends AiGatewayResponseError {
  private readonly [symbol] = true;

  constructor(options: AiGatewayResponseErrorOptions = {}) {
    super(
      codeErrorOptions(options, {
        code: 2003,
        statusCode: 429,
        isRetryable: true,
        message: (label, code) =>
          `${label} rate limit reached (code ${code}). Wait and send the request again, or raise the rate limit in the gateway settings.`,
      }),
    );
    this.name = name;
  }

  static override isInstance(error: unknown): error is AiGatewayRateLimitError {
    return hasMarker(error, name);
  }
}
