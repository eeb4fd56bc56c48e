import type { HeadersLike } from './header-entries';
import { redactHeaders } from './redact-headers';
import { redactUrl } from './redact-url';

/** A request as given to the redaction functions and to error constructors. */
export interface RedactableRequest {
  /** HTTP method; `GET` when omitted. */
  readonly method?: string;
  readonly url: string;
  readonly headers?: HeadersLike | null;
  /** Never stored: only its size is kept, and credentials inside universal steps are collected from it. */
  readonly body?: unknown;
  /** Size in bytes, used when `body` is not given (e.g. a request that was already redacted). */
  readonly bodyLength?: number;
}

/** A request with every credential removed: safe to log, print and serialise. */
export interface RedactedRequest {
  readonly method: string;
  /** The URL with user info removed and credential query parameters replaced by `[REDACTED]`. */
  readonly url: string;
  /** Lower-case names; credential headers' values replaced by `[REDACTED]`. */
  readonly headers: Record<string, string>;
  /** Size of the body in bytes, when it could be measured. The body itself is never kept. */
  readonly bodyLength?: number;
}

function byteLength(body: unknown): number | undefined {
  if (typeof body === 'string') return new TextEncoder().encode(body).byteLength;
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return body.byteLength;
  if (typeof Blob !== 'undefined' && body instanceof Blob) return body.size;
  return undefined;
}

/**
 * Returns `{ method, url, headers }` with credentials removed, and the body's size instead of the
 * body. The given secrets are scrubbed from the other headers' values too.
 */
export function redactRequest(request: RedactableRequest, secrets: readonly string[] = []): RedactedRequest {
  const bodyLength = request.body === undefined || request.body === null ? request.bodyLength : byteLength(request.body);
  return {
    method: (request.method ?? 'GET').toUpperCase(),
    url: redactUrl(request.url),
    headers: redactHeaders(request.headers, secrets),
    ...(bodyLength === undefined ? {} : { bodyLength }),
  };
}
