import { AiGatewayByokAliasError } from './ai-gateway-byok-alias-error';
import { AiGatewayCloudflareAuthError } from './ai-gateway-cloudflare-auth-error';
import { AiGatewayContentBlockedError } from './ai-gateway-content-blocked-error';
import { AiGatewayDoesNotExist } from './ai-gateway-does-not-exist';
import { AiGatewayInsufficientCreditsError } from './ai-gateway-insufficient-credits-error';
import { AiGatewayModelNotFoundError } from './ai-gateway-model-not-found-error';
import { AiGatewayProviderError } from './ai-gateway-provider-error';
import { AiGatewayRateLimitError } from './ai-gateway-rate-limit-error';
import { AiGatewayResponseError, type AiGatewayResponseErrorOptions } from './ai-gateway-response-error';
import { AiGatewaySpendLimitError } from './ai-gateway-spend-limit-error';
import { AiGatewayUnauthorizedError } from './ai-gateway-unauthorized-error';
import type { HeadersLike } from './header-entries';
import type { RedactableRequest } from './redact-request';

type ResponseErrorClass = new (options: AiGatewayResponseErrorOptions) => AiGatewayResponseError;

/** Gateway error code → the class that stands for it. Codes not listed map to `AiGatewayResponseError`. */
const CLASS_BY_CODE: ReadonlyMap<number, ResponseErrorClass> = new Map<number, ResponseErrorClass>([
  [2001, AiGatewayDoesNotExist],
  [2003, AiGatewayRateLimitError],
  [2005, AiGatewayProviderError],
  [2008, AiGatewayProviderError],
  [2009, AiGatewayUnauthorizedError],
  [2016, AiGatewayContentBlockedError],
  [2017, AiGatewayContentBlockedError],
  [2021, AiGatewayInsufficientCreditsError],
  [2029, AiGatewayContentBlockedError],
  [2030, AiGatewayContentBlockedError],
  [2040, AiGatewayByokAliasError],
  [2041, AiGatewaySpendLimitError],
  [2045, AiGatewaySpendLimitError],
  [7003, AiGatewayModelNotFoundError],
  [10000, AiGatewayCloudflareAuthError],
]);

/** The options of `gatewayErrorFromCode`: a gateway error code, its message and the answer it came in. */
export interface GatewayErrorFromCodeOptions {
  /** The gateway's error code. */
  code: number;
  /** The gateway's message for it. */
  message: string;
  /** HTTP status; when omitted, the status the gateway uses for the code (500 for unknown codes). */
  statusCode?: number;
  headers?: HeadersLike | null;
  /** The raw response body, if there was one. */
  body?: string;
  request?: RedactableRequest;
  gatewayId?: string;
  secrets?: readonly string[];
  isRetryable?: boolean;
  cause?: unknown;
}

/** The typed error for a gateway error code: the class for a known code, else `AiGatewayResponseError`. */
export function gatewayErrorFromCode(options: GatewayErrorFromCodeOptions): AiGatewayResponseError {
  const ErrorClass = CLASS_BY_CODE.get(options.code) ?? AiGatewayResponseError;
  return new ErrorClass({
    code: options.code,
    gatewayMessage: options.message,
    statusCode: options.statusCode,
    responseHeaders: options.headers,
    responseBody: options.body,
    request: options.request,
    gatewayId: options.gatewayId,
    secrets: options.secrets,
    isRetryable: options.isRetryable,
    cause: options.cause,
  });
}
