import { AiGatewayError } from './ai-gateway-error';
import type { apiCallErrorSymbol } from './api-call-error-marker';
import { collectSecrets } from './collect-secrets';
import type { RedactableRequest } from './redact-request';
import { redactUrl } from './redact-url';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';
import { withFields } from './with-fields';

const name = 'AI_AiGatewayNetworkError';
declare const symbol: unique symbol;

/** The constructor options of `AiGatewayNetworkError`. */
export interface AiGatewayNetworkErrorOptions {
  /** Name of the transport, e.g. `http` or `binding`. */
  transport: string;
  /** The URL that could not be reached (redacted before use). Defaults to `request.url`. */
  url?: string;
  /** The failure thrown by `fetch` or the binding. Stored as a redacted copy. */
  cause: unknown;
  /** The request that failed; its credentials are collected to scrub the message and cause. */
  request?: RedactableRequest;
  /** More raw secrets to scrub. */
  secrets?: readonly string[];
  /**
   * Defaults to `true`, except when the fetch refused the answer's headers as too large (undici's
   * `UND_ERR_HEADERS_OVERFLOW`): the same answer would come again.
   */
  isRetryable?: boolean;
  /** `'answer'` when the connection failed after the headers, while the body was read. Default `'request'`. */
  stage?: 'request' | 'answer';
}

/** `message: inner message: ...` along the cause chain (Node's fetch puts the reason in `cause.cause`). */
function causeText(cause: unknown): string {
  const parts: string[] = [];
  for (let current = cause, depth = 0; depth < 4 && current != null; depth++) {
    if (typeof current !== 'object') {
      if (typeof current === 'string') parts.push(current);
      break;
    }
    const { message, cause: next } = current as { message?: unknown; cause?: unknown };
    if (typeof message === 'string' && message !== '' && !parts.includes(message)) parts.push(message);
    current = next;
  }
  return parts.length === 0 ? 'unknown error' : parts.join(': ');
}

/** True when the fetch refused the answer's headers as too large (undici's `UND_ERR_HEADERS_OVERFLOW`). */
function isHeadersOverflow(cause: unknown): boolean {
  for (let current = cause, depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const { code, cause: next } = current as { code?: unknown; cause?: unknown };
    if (code === 'UND_ERR_HEADERS_OVERFLOW') return true;
    current = next;
  }
  return false;
}

/**
 * The request did not get an answer (connection refused or reset, DNS failure, TLS error), or the
 * connection dropped while the answer was read (`stage: 'answer'`). Retryable, except when the
 * fetch refused the answer's headers as too large.
 * Not for aborts: a transport rethrows an `AbortError` as it is.
 *
 * Like `AiGatewayResponseError`, it answers `true` to `APICallError.isInstance`, so the AI SDK's
 * `maxRetries` applies.
 */
export class AiGatewayNetworkError extends AiGatewayError {
  declare private readonly [symbol]: true;
  declare private readonly [apiCallErrorSymbol]: true;

  declare readonly transport: string;
  /** The redacted URL, `''` when unknown. */
  declare readonly url: string;
  declare readonly isRetryable: boolean;

  constructor({ transport, url, cause, request, secrets = [], isRetryable, stage = 'request' }: AiGatewayNetworkErrorOptions) {
    const overflow = isHeadersOverflow(cause);
    const retryable = isRetryable ?? !overflow;
    const rawUrl = url ?? request?.url;
    const allSecrets = [...collectSecrets(request?.headers, rawUrl, request?.body), ...secrets];
    const safeUrl = rawUrl === undefined ? '' : redactUrl(rawUrl);
    super({
      message:
        `AI Gateway request over transport ${JSON.stringify(transport)}${safeUrl === '' ? '' : ` to ${safeUrl}`} ` +
        (overflow
          ? `got an answer whose headers are larger than the fetch in use accepts (${causeText(cause)}). ` +
            'Sending the request again will not help: check what adds such headers (a proxy in front of the gateway), or raise the limit of the fetch (maxHeaderSize of an undici Agent, or --max-http-header-size for Node).'
          : `${stage === 'answer' ? 'was cut off while its answer was being read' : 'failed before an answer arrived'}: ` +
            `${causeText(cause)}. Check the network connection and the gateway URL` +
            (retryable ? '; sending the request again may succeed.' : '.')),
      cause,
      secrets: allSecrets,
    });
    markError(this, name, true);
    this.transport = transport;
    this.url = safeUrl;
    this.isRetryable = retryable;
  }

  static override isInstance(error: unknown): error is AiGatewayNetworkError {
    return hasMarker(error, name);
  }

  override toJSON(): Record<string, unknown> {
    return withFields(super.toJSON(), this, ['transport', 'url', 'isRetryable']);
  }
}
