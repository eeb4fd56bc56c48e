import { AiGatewayError } from './ai-gateway-error';
import type { apiCallErrorSymbol } from './api-call-error-marker';
import { redactHeaders } from './redact-headers';
import { redactText } from './redact-text';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';
import { withFields } from './with-fields';

const name = 'AI_AiGatewayFallbackError';
declare const symbol: unique symbol;

/** One leg of a fallback list that the gateway tried, and what is known of its failure. */
export interface AiGatewayAttempt {
  /** Index of the leg in the fallback list (the gateway's step, 0 = primary). */
  readonly index: number;
  /** Gateway provider id of the leg, e.g. `openai`. */
  readonly provider: string;
  /** The AI SDK provider name of the leg's model, e.g. `openai.chat`. */
  readonly modelProvider: string;
  readonly modelId: string;
  /** HTTP status of the leg's answer, when the gateway sent it back. */
  readonly status?: number;
  /** The gateway's error code (2005, 2021, ...), when the answer was a gateway error. */
  readonly code?: number;
  /** What went wrong, scrubbed of secrets. */
  readonly message: string;
  /** `cf-aig-log-id` of the answer, to look the leg up in the gateway's logs. */
  readonly logId?: string;
}

/** The APICallError fields of the last leg's error, read when present. */
interface LastError {
  statusCode?: unknown;
  isRetryable?: unknown;
  responseHeaders?: unknown;
  responseBody?: unknown;
  url?: unknown;
}

/** The constructor options of `AiGatewayFallbackError`. */
export interface AiGatewayFallbackErrorOptions {
  /** Every leg tried, in order; the last one is the leg whose answer came back. */
  attempts: readonly AiGatewayAttempt[];
  /** The error of the last leg (a provider's `APICallError` or a gateway error). */
  cause: unknown;
  /** More raw secrets to scrub. */
  secrets?: readonly string[];
}

function line({ index, provider, modelId, status, code, message, logId }: AiGatewayAttempt): string {
  const facts = [status === undefined ? '' : `HTTP ${status}`, code === undefined ? '' : `code ${code}`].filter(Boolean).join(', ');
  return `[${index}] ${provider} ${modelId}: ${facts === '' ? '' : `${facts}: `}${message}${logId === undefined ? '' : ` (log ${logId})`}`;
}

/**
 * Every leg of a fallback list failed. `attempts` lists each leg the gateway tried; the status,
 * retryability and response of the last leg are kept as `APICallError` has them, so the AI SDK's
 * `maxRetries` behaves as it would for that leg's own error.
 */
export class AiGatewayFallbackError extends AiGatewayError {
  declare private readonly [symbol]: true;
  declare private readonly [apiCallErrorSymbol]: true;

  declare readonly attempts: readonly AiGatewayAttempt[];
  /** HTTP status of the last leg's answer (0 when unknown). */
  declare readonly statusCode: number;
  declare readonly isRetryable: boolean;
  /** Response headers of the last leg's answer, credentials redacted. */
  declare readonly responseHeaders: Record<string, string>;
  declare readonly responseBody: string | undefined;
  declare readonly url: string;

  constructor({ attempts, cause, secrets = [] }: AiGatewayFallbackErrorOptions) {
    const safe = attempts.map((attempt) => ({ ...attempt, message: redactText(attempt.message, secrets) }));
    super({
      message: `Every model of the fallback list failed (${safe.length} tried):\n${safe.map((a) => `  ${line(a)}`).join('\n')}`,
      cause,
      secrets,
    });
    const last = (typeof cause === 'object' && cause !== null ? cause : {}) as LastError;
    markError(this, name, true);
    this.attempts = safe;
    this.statusCode = typeof last.statusCode === 'number' ? last.statusCode : (safe.at(-1)?.status ?? 0);
    this.isRetryable = last.isRetryable === true;
    this.responseHeaders = redactHeaders(last.responseHeaders as Record<string, string> | undefined);
    this.responseBody = typeof last.responseBody === 'string' ? redactText(last.responseBody, secrets) : undefined;
    this.url = typeof last.url === 'string' ? redactText(last.url, secrets) : '';
  }

  static override isInstance(error: unknown): error is AiGatewayFallbackError {
    return hasMarker(error, name);
  }

  override toJSON(): Record<string, unknown> {
    return withFields(super.toJSON(), this, ['attempts', 'statusCode', 'isRetryable']);
  }
}
