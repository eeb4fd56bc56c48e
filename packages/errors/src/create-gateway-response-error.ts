import type { AiGatewayResponseError } from './ai-gateway-response-error';
import { gatewayErrorFromCode } from './gateway-error-from-code';
import type { HeadersLike } from './header-entries';
import { parseGatewayErrorEnvelope } from './parse-gateway-error-envelope';
import type { RedactableRequest } from './redact-request';

/** The options of `createGatewayResponseError`: a failed answer's status, body and headers, and the request. */
export interface CreateGatewayResponseErrorOptions {
  /** HTTP status of the answer; omitted (a 200 carrying an envelope), the status the gateway uses for the code. */
  statusCode?: number;
  /** The response body as text. */
  body: string;
  headers?: HeadersLike | null;
  /** The request that got this answer; pass the raw one so its credentials can be scrubbed from the body. */
  request?: RedactableRequest;
  gatewayId?: string;
  secrets?: readonly string[];
  isRetryable?: boolean;
  cause?: unknown;
}

/**
 * The typed error for a gateway error answer, or undefined when the body is not a gateway error
 * envelope: a provider's own error passes through to the provider's parser. The first entry of the
 * envelope decides the class; an entry without a code (a policy's refusal) is classed by the status.
 */
export function createGatewayResponseError(options: CreateGatewayResponseErrorOptions): AiGatewayResponseError | undefined {
  const first = parseGatewayErrorEnvelope(options.body)?.[0];
  if (first === undefined) return undefined;
  // The options share gatewayErrorFromCode's names; the envelope's first entry gives the code, message and spend fields.
  return gatewayErrorFromCode({ ...options, ...first, code: first.code ?? null });
}
