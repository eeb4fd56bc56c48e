import { AiGatewayError } from './ai-gateway-error';
import type { apiCallErrorSymbol } from './api-call-error-marker';
import { collectSecrets } from './collect-secrets';
import { gatewayLabel, quoted } from './describe-gateway';
import type { HeadersLike } from './header-entries';
import { redactHeaders } from './redact-headers';
import { redactRequest, type RedactableRequest, type RedactedRequest } from './redact-request';
import { redactText } from './redact-text';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';
import { withFields } from './with-fields';

const name = 'AI_AiGatewayResponseError';
declare const symbol: unique symbol;

/** Longest response body kept on an error, in characters (after redaction). */
const MAX_RESPONSE_BODY = 4096;

/** The constructor options of `AiGatewayResponseError`. */
export interface AiGatewayResponseErrorOptions {
  /** HTTP status of the gateway's answer. Defaults to the status the gateway uses for `code`, else 500. */
  statusCode?: number;
  /**
   * The gateway's error code, e.g. 2001. `null`: the answer had no code (a policy's refusal), so a
   * class for known codes does not fill in its own.
   */
  code?: number | null;
  /** The gateway's own message for the code (scrubbed before it is stored). */
  gatewayMessage?: string;
  responseHeaders?: HeadersLike | null;
  /** The raw response body (scrubbed and truncated before it is stored). */
  responseBody?: string;
  /**
   * The request that got this answer. Its credentials are collected to scrub the message and body,
   * and only a redacted copy is stored. Pass the raw request (headers included) for the best scrubbing;
   * an already redacted one is accepted.
   */
  request?: RedactableRequest;
  /** The gateway id for messages; read from the request URL when omitted. */
  gatewayId?: string;
  /** More raw secrets to scrub (e.g. a key that is not in the request's headers). */
  secrets?: readonly string[];
  /** Overrides the retryability derived from the code and status (e.g. `false` when the gateway already retried). */
  isRetryable?: boolean;
  /** Overrides the message derived from the code. */
  message?: string;
  cause?: unknown;
}

/** Whether retrying can help an answer with an unknown or generic code. */
function defaultRetryable(statusCode: number, code: number | undefined): boolean {
  return code === 7013 || statusCode >= 500 || statusCode === 408 || statusCode === 429;
}

/** Only this much of a body is scrubbed; the part kept after scrubbing is far shorter. */
const MAX_SCRUBBED_BODY = 65_536;

/** Longest gateway message kept on an error, in characters (a proxy may send megabytes). */
const MAX_GATEWAY_MESSAGE = 1024;

/** Scrubs, then truncates (never the other way round: a cut secret would no longer match). */
function scrubAndCut(text: string, secrets: readonly string[], max: number): string {
  const safe = redactText(text.length > MAX_SCRUBBED_BODY ? text.slice(0, MAX_SCRUBBED_BODY) : text, secrets);
  return text.length > max || safe.length > max ? `${safe.slice(0, max)}…[truncated, ${text.length} characters in all]` : safe;
}

/**
 * An error answered by the gateway itself (the `{ success: false, error: [{ code, message }] }`
 * envelope, or an error thrown by the Workers binding). Subclasses name the known codes; this class
 * itself stands for any other code. Message, body, headers, request and cause hold no secret.
 *
 * It also answers `true` to `APICallError.isInstance` from `@ai-sdk/provider`, so the AI SDK's
 * `maxRetries` re-sends the call exactly when `isRetryable` is true.
 */
export class AiGatewayResponseError extends AiGatewayError {
  declare private readonly [symbol]: true;
  declare private readonly [apiCallErrorSymbol]: true;

  /** HTTP status of the gateway's answer. */
  declare readonly statusCode: number;
  /** The gateway's error code (2001, 2009, ...), when it sent one (a policy's refusal has none). */
  declare readonly code: number | undefined;
  /** The gateway's own message, scrubbed of secrets. */
  declare readonly gatewayMessage: string;
  /** True when sending the same request again may succeed (rate limit, provider unreachable, 5xx). */
  declare readonly isRetryable: boolean;
  /** Response headers, lower-case, credentials redacted. */
  declare readonly responseHeaders: Record<string, string>;
  /** Response body, scrubbed of secrets and truncated to 4096 characters. */
  declare readonly responseBody: string | undefined;
  /** The request that got this answer, redacted. */
  declare readonly request: RedactedRequest | undefined;
  /** The request's redacted URL (`''` when unknown), as `APICallError` has it. */
  declare readonly url: string;

  constructor(options: AiGatewayResponseErrorOptions) {
    const { request } = options;
    const secrets = [...collectSecrets(request?.headers, request?.url, request?.body), ...(options.secrets ?? [])];
    const statusCode = options.statusCode ?? 500;
    const gatewayMessage = scrubAndCut(options.gatewayMessage ?? '', secrets, MAX_GATEWAY_MESSAGE);
    const code = options.code ?? undefined;
    const codeText = code === undefined ? `HTTP ${statusCode}` : `code ${code}, HTTP ${statusCode}`;
    super({
      message: options.message ?? `${gatewayLabel(options)} answered with an error (${codeText})${quoted(gatewayMessage)}.`,
      cause: options.cause,
      secrets,
    });
    markError(this, name, true);
    this.statusCode = statusCode;
    this.code = code;
    this.gatewayMessage = gatewayMessage;
    this.isRetryable = options.isRetryable ?? defaultRetryable(statusCode, code);
    this.responseHeaders = redactHeaders(options.responseHeaders, secrets);
    this.responseBody = options.responseBody === undefined ? undefined : scrubAndCut(options.responseBody, secrets, MAX_RESPONSE_BODY);
    this.request = request === undefined ? undefined : redactRequest(request, secrets);
    this.url = this.request?.url ?? '';
  }

  static override isInstance(error: unknown): error is AiGatewayResponseError {
    return hasMarker(error, name);
  }

  override toJSON(): Record<string, unknown> {
    return withFields(super.toJSON(), this, ['statusCode', 'code', 'gatewayMessage', 'isRetryable', 'responseHeaders', 'responseBody', 'request']);
  }
}
