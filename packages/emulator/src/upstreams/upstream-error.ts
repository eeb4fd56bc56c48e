/** The kinds of provider errors; each provider family words them in its own format. */
export type UpstreamErrorKind =
  | 'invalid_request'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'rate_limit'
  | 'server'
  | 'overloaded';

/** The kind that a provider would report for an HTTP status. */
export function kindForStatus(status: number): UpstreamErrorKind {
  if (status === 401) return 'authentication';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limit';
  if (status === 503 || status === 529) return 'overloaded';
  if (status >= 500) return 'server';
  return 'invalid_request';
}

/**
 * Thrown inside a simulated provider to answer with that provider's error format. `type` and `code`
 * override the provider's default wording for the kind.
 */
export class UpstreamError extends Error {
  readonly status: number;
  readonly kind: UpstreamErrorKind;
  readonly type: string | undefined;
  readonly code: string | number | undefined;
  /** Sent verbatim as the JSON body instead of the provider's format. */
  readonly body: unknown;

  constructor(options: {
    status: number;
    message: string;
    kind?: UpstreamErrorKind;
    type?: string;
    code?: string | number;
    body?: unknown;
  }) {
    super(options.message);
    this.name = 'UpstreamError';
    this.status = options.status;
    this.kind = options.kind ?? kindForStatus(options.status);
    this.type = options.type;
    this.code = options.code;
    this.body = options.body;
  }
}
