import type { AiGatewayResponseErrorOptions } from './ai-gateway-response-error';
import { gatewayLabel, quoted } from './describe-gateway';

/** A code class's defaults, used where the caller gave no value. */
export interface CodeErrorDefaults {
  code: number;
  statusCode: number;
  isRetryable: boolean;
  /** The message from the gateway label, the code and `: "gateway message"` (or `''`). */
  message: (label: string, code: number, quotedGatewayMessage: string) => string;
}

/**
 * What a class for a known gateway code passes to `AiGatewayResponseError`: the caller's own code,
 * status, retryability and message win over the class's defaults. Shared so each class states only
 * its data; `message` gets the gateway label, the code and the quoted gateway message, and is
 * called only when the caller gave no message.
 */
export function codeErrorOptions<T extends AiGatewayResponseErrorOptions>(options: T, defaults: CodeErrorDefaults): T {
  const code = options.code ?? defaults.code;
  return {
    ...options,
    code,
    statusCode: options.statusCode ?? defaults.statusCode,
    isRetryable: options.isRetryable ?? defaults.isRetryable,
    message: options.message ?? defaults.message(gatewayLabel(options), code, quoted(options.gatewayMessage)),
  };
}
