import { AiGatewayByokAliasError } from './ai-gateway-byok-alias-error';
import { AiGatewayCloudflareAuthError } from './ai-gateway-cloudflare-auth-error';
import { AiGatewayContentBlockedError } from './ai-gateway-content-blocked-error';
import { AiGatewayDoesNotExist } from './ai-gateway-does-not-exist';
import { AiGatewayInsufficientCreditsError } from './ai-gateway-insufficient-credits-error';
import { AiGatewayModelNotFoundError } from './ai-gateway-model-not-found-error';
import { AiGatewayPolicyDeniedError } from './ai-gateway-policy-denied-error';
import { AiGatewayProviderError } from './ai-gateway-provider-error';
import { AiGatewayRateLimitError } from './ai-gateway-rate-limit-error';
import { AiGatewayResponseError } from './ai-gateway-response-error';
import { AiGatewaySpendLimitError, type AiGatewaySpendLimitErrorOptions } from './ai-gateway-spend-limit-error';
import { AiGatewayUnauthorizedError } from './ai-gateway-unauthorized-error';
import type { HeadersLike } from './header-entries';
import type { RedactableRequest } from './redact-request';

type ResponseErrorClass = new (options: AiGatewaySpendLimitErrorOptions) => AiGatewayResponseError;

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
  [3040, AiGatewayRateLimitError],
  [7003, AiGatewayModelNotFoundError],
  [10000, AiGatewayCloudflareAuthError],
]);

/** The options of `gatewayErrorFromCode`: a gateway error code, its message and the answer it came in. */
export interface GatewayErrorFromCodeOptions {
  /**
   * The gateway's error code. `null` for an answer without one: the class then comes from the
   * status (403: a policy's block; 429: a policy's spend cap when the message or the spend fields
   * say so, else a rate limit) or, without a status, from the message.
   */
  code: number | null;
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
  /** A policy spend cap's bucket, spent amount and cap, when the answer had them. */
  bucket?: string;
  spent?: number;
  limit?: number;
}

const POLICY_DENIED = /denied by policy/i;
const SPEND_CAP = /\bspend(?:ing)?\s+(?:limit|cap)/i;

/** The class of an answer without a code, from its status, message and fields. */
function classWithoutCode(options: GatewayErrorFromCodeOptions): ResponseErrorClass {
  const status = options.statusCode;
  if (status === 403 || (status === undefined && POLICY_DENIED.test(options.message))) return AiGatewayPolicyDeniedError;
  const spendFields = options.bucket !== undefined || options.spent !== undefined || options.limit !== undefined;
  if ((status === 429 || status === undefined) && (spendFields || SPEND_CAP.test(options.message))) return AiGatewaySpendLimitError;
  return status === 429 ? AiGatewayRateLimitError : AiGatewayResponseError;
}

/**
 * The typed error for a gateway error code: the class for a known code, else `AiGatewayResponseError`;
 * for an answer without a code (`code: null`), the class its status and message name.
 */
export function gatewayErrorFromCode(options: GatewayErrorFromCodeOptions): AiGatewayResponseError {
  const ErrorClass = options.code === null ? classWithoutCode(options) : (CLASS_BY_CODE.get(options.code) ?? AiGatewayResponseError);
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
    ...(options.bucket !== undefined ? { bucket: options.bucket } : {}),
    ...(options.spent !== undefined ? { spent: options.spent } : {}),
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
  });
}
