import type { AiGatewayResponseErrorOptions } from './ai-gateway-response-error';
import { gatewayLabel, quoted } from './describe-gateway';

/** A code class's defaults, used where the caller gave no value. */
export interface CodeErrorDefaults {
  /** Undefined for a class whose answers have no code. */
  code: number | undefined;
  statusCode: number;
  isRetryable: boolean;
  /** The message template (see `codeErrorOptions`). */
  message: string;
}

/**
 * What a class for a known gateway code passes to `AiGatewayResponseError`: the caller's own code,
 * status, retryability and message win over the class's defaults. Shared so each class states only
 * its data (`code: null` from the caller means the answer had no code). The message template is filled only when the caller gave no message: `%L` is the gateway
 * label (`AI Gateway "my-gw"`), `%T` the same at the start of a sentence (`The AI Gateway` when the id
 * is unknown), `%C` the code and `%Q` the quoted gateway message (`: "..."`, or nothing).
 */
export function codeErrorOptions<T extends AiGatewayResponseErrorOptions>(options: T, defaults: CodeErrorDefaults): T {
  // `null`: the answer had no code; the class's own code is not filled in.
  const actual = options.code === null ? undefined : (options.code ?? defaults.code);
  const fill = (key: string): string => {
    if (key === 'C') return String(actual ?? 'none');
    if (key === 'Q') return quoted(options.gatewayMessage);
    const label = gatewayLabel(options);
    return key === 'T' && label === 'AI Gateway' ? 'The AI Gateway' : label;
  };
  return {
    ...options,
    code: actual,
    statusCode: options.statusCode ?? defaults.statusCode,
    isRetryable: options.isRetryable ?? defaults.isRetryable,
    message: options.message ?? defaults.message.replace(/%([CQLT])/g, (_, key: string) => fill(key)),
  };
}
