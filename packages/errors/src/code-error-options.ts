import type { AiGatewayResponseErrorOptions } from './ai-gateway-response-error';
import { gatewayLabel, quoted } from './describe-gateway';

/**
 * What a class for a known gateway code passes to `AiGatewayResponseError`: the caller's own code,
 * status, retryability and message win over the class's defaults. Shared so each class states only
 * its data; `message` gets the gateway label, the code and the quoted gateway message, and is
 * called only when the caller gave no message.
 */
export function codeErrorOptions<T extends AiGatewayResponseErrorOptions>(
  options: T,
  code: number,
  statusCode: number,
  isRetryable: boolean,
  message: (label: string, code: number, gatewayMessage: string) => string,
): T {
  const c = options.code ?? code;
  return {
    ...options,
    code: c,
    statusCode: options.statusCode ?? statusCode,
    isRetryable: options.isRetryable ?? isRetryable,
    message: options.message ?? message(gatewayLabel(options), c, quoted(options.gatewayMessage)),
  };
}
