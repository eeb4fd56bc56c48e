import { AiGatewayResponseError, type AiGatewayResponseErrorOptions } from './ai-gateway-response-error';
import { codeErrorOptions } from './code-error-options';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';

const name = 'AI_AiGatewayRateLimitError';
declare const symbol: unique symbol;

/** Workers AI's code for a request that asked not to queue (`rejectIfBusy`) when no capacity was free. */
const WORKERS_AI_BUSY = 3040;

function template(code: number | null | undefined): string {
  if (code === WORKERS_AI_BUSY) {
    return '%L: Workers AI is busy and the request asked not to wait in its queue (rejectIfBusy, code %C)%Q. Send it again later, or leave rejectIfBusy off to wait for capacity.';
  }
  if (code === null) {
    return '%L rate limit reached (HTTP 429, no code; e.g. the request limit of Unified Billing)%Q. Wait and send the request again.';
  }
  return '%L rate limit reached (code %C). Wait and send the request again, or raise the rate limit in the gateway settings.';
}

/**
 * HTTP 429, a limit that passes: code 2003 (the gateway's own rate limit), 3040 (Workers AI is busy
 * and the request set `rejectIfBusy`), or no code (e.g. Unified Billing's request limit). Retryable;
 * the AI SDK waits as the answer's `Retry-After` says, when it has one (kept in `responseHeaders`).
 */
export class AiGatewayRateLimitError extends AiGatewayResponseError {
  declare private readonly [symbol]: true;

  constructor(options: AiGatewayResponseErrorOptions = {}) {
    super(
      codeErrorOptions(options, {
        code: 2003,
        statusCode: 429,
        isRetryable: true,
        message: template(options.code),
      }),
    );
    markError(this, name);
  }

  static override isInstance(error: unknown): error is AiGatewayRateLimitError {
    return hasMarker(error, name);
  }
}
