import type { AuthScheme } from './auth.js';
import type { CallContext } from './conversation.js';
import type { UpstreamResponse } from './types.js';
import type { UpstreamError } from './upstream-error.js';

/** One simulated provider (or a family sharing a wire format). */
export interface ProviderFamily {
  auth: AuthScheme;
  /** The provider's own error response for an error; `path` is the endpoint path. */
  error(error: UpstreamError, path: string): UpstreamResponse;
  /** The message of the provider's 401 when the credential is missing. */
  unauthorizedMessage: string;
  /** The requested model named by the path or body, for scripted-reply callbacks. */
  model?(path: string, json: unknown): string | undefined;
  /** HTTP methods the provider answers. Default: POST only. */
  methods?: readonly string[];
  /** Answers the call, or returns undefined when the path is unknown (→ the provider's 404). */
  route(context: CallContext): UpstreamResponse | undefined | Promise<UpstreamResponse | undefined>;
}
