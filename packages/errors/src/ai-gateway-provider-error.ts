import { AiGatewayResponseError, type AiGatewayResponseErrorOptions } from './ai-gateway-response-error';
import { codeErrorOptions } from './code-error-options';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';

const name = 'AI_AiGatewayProviderError';
declare const symbol: unique symbol;

/**
 * The gateway could not use the provider: code 2005 "Failed to get response from provider"
 * (retryable) or 2008 "Invalid provider" (not retryable).
 */
export class AiGatewayProviderError extends AiGatewayResponseError {
  declare private readonly [symbol]: true;

  constructor(options: AiGatewayResponseErrorOptions = {}) {
    const invalid = options.code === 2008;
    super(
      codeErrorOptions(options, {
        code: 2005,
        statusCode: invalid ? 400 : 502,
        isRetryable: !invalid,
        message: invalid
          ? '%L does not know the provider of this request (code %C)%Q. ' +
            'Use a provider id the gateway supports (e.g. "openai", "anthropic", "google-ai-studio"; on /compat as the model prefix, "openai/gpt-5-mini"), ' +
            'or a "custom-<slug>" provider configured in the gateway.'
          : '%L failed to get a response from the provider (code %C)%Q. ' +
            'This is often temporary and a retry may succeed; on /compat, also check that the model id starts with a provider prefix such as "openai/".',
      }),
    );
    markError(this, name);
  }

  static override isInstance(error: unknown): error is AiGatewayProviderError {
    return hasMarker(error, name);
  }
}
