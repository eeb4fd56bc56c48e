import type { AiGatewayResponseErrorOptions } from './ai-gateway-response-error';
import { gatewayLabel, quoted } from './describe-gateway';

/**
 * What a class for a known gateway code passes to `AiGatewayResponseError`: the caller's own code,
 * status, retryability and message win over the class's defaults. Shared so each class states only
 * its data. The message template is filled only when the caller gave no message: `%L` is the gateway
 * label (`AI Gateway "my-gw"`), `%T` the same at the start of a sentence (`The AI Gateway` when the id
 * is unknown), `%C` the code and `%Q` the quoted gateway message (`: "..."`, or nothing).
 */
export function codeErrorOptions<T extends AiGatewayResponseErrorOptions>(
  options: T,
  code: number,
  statusCode: number,
  isRetryable: boolean,
  template: string,
): T {
  const actual = options.code ?? code;
  const fill = (key: string): string => {
    if (key === 'C') return String(actual);
    if (key === 'Q') return quoted(options.gatewayMessage);
    const label = gatewayLabel(options);
    return key === 'T' && label === 'AI Gateway' ? 'The AI Gateway' : label;
  };
  return {
    ...options,
    code: actual,
    statusCode: options.statusCode ?? statusCode,
    isRetryable: options.isRetryable ?? isRetryable,
    message: options.message ?? template.replace(/%([CQLT])/g, (_, key: string) => fill(key)),
  };
}
