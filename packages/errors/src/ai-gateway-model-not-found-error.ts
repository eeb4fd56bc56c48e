import { AiGatewayResponseError, type AiGatewayResponseErrorOptions } from './ai-gateway-response-error';
import { codeErrorOptions } from './code-error-options';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';

const name = 'AI_AiGatewayModelNotFoundError';
declare const symbol: unique symbol;

/** Code 7003 (HTTP 404 or 400): the model does not exist or rejected its input on the run path. Not retryable. */
export class AiGatewayModelNotFoundError extends AiGatewayResponseError {
  declare private readonly [symbol]: true;

  constructor(options: AiGatewayResponseErrorOptions = {}) {
    super(
      codeErrorOptions(options, {
        code: 7003,
        statusCode: 404,
        isRetryable: false,
        message:
          '%L could not find or run the model (code %C)%Q. ' +
          'Check the model id (e.g. "@cf/meta/llama-3.1-8b-instruct" or "openai/gpt-5-mini") and that the provider offers it.',
      }),
    );
    markError(this, name);
  }

  static override isInstance(error: unknown): error is AiGatewayModelNotFoundError {
    return hasMarker(error, name);
  }
}
