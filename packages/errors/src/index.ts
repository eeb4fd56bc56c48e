/**
 * Every error the library throws, with secret redaction.
 * @packageDocumentation
 * @module @aigw/errors
 */
// Errors
export { AiGatewayError, type AiGatewayErrorOptions } from './ai-gateway-error';
export { AiGatewayResponseError, type AiGatewayResponseErrorOptions } from './ai-gateway-response-error';
export { AiGatewayDoesNotExist } from './ai-gateway-does-not-exist';
export { AiGatewayUnauthorizedError } from './ai-gateway-unauthorized-error';
export { AiGatewayRateLimitError } from './ai-gateway-rate-limit-error';
export { AiGatewayInsufficientCreditsError } from './ai-gateway-insufficient-credits-error';
export { AiGatewayByokAliasError } from './ai-gateway-byok-alias-error';
export { AiGatewaySpendLimitError, type AiGatewaySpendLimitErrorOptions } from './ai-gateway-spend-limit-error';
export { AiGatewayPolicyDeniedError } from './ai-gateway-policy-denied-error';
export {
  AiGatewayContentBlockedError,
  type AiGatewayContentBlockDirection,
  type AiGatewayContentBlockedErrorOptions,
  type AiGatewayContentBlockSource,
} from './ai-gateway-content-blocked-error';
export { AiGatewayProviderError } from './ai-gateway-provider-error';
export { AiGatewayModelNotFoundError } from './ai-gateway-model-not-found-error';
export { AiGatewayCloudflareAuthError } from './ai-gateway-cloudflare-auth-error';
export { AiGatewayInvalidOptionsError, type AiGatewayInvalidOptionsErrorOptions } from './ai-gateway-invalid-options-error';
export { AiGatewayUnroutableModelError, type AiGatewayUnroutableModelErrorOptions } from './ai-gateway-unroutable-model-error';
export { AiGatewayCaptureError, type AiGatewayCaptureErrorOptions } from './ai-gateway-capture-error';
export { AiGatewayStepError, type AiGatewayStepErrorOptions } from './ai-gateway-step-error';
export { AiGatewayNetworkError, type AiGatewayNetworkErrorOptions } from './ai-gateway-network-error';
export { AiGatewayInternalFetchError, type AiGatewayInternalFetchErrorOptions } from './ai-gateway-internal-fetch-error';
export {
  AiGatewayStreamResumeError,
  type AiGatewayStreamResumeErrorOptions,
  type AiGatewayStreamResumeReason,
} from './ai-gateway-stream-resume-error';
export { AiGatewayFallbackError, type AiGatewayAttempt, type AiGatewayFallbackErrorOptions } from './ai-gateway-fallback-error';
export { AiGatewayOperationError, type AiGatewayOperationErrorOptions, type AiGatewayOperationReason } from './ai-gateway-operation-error';
export { AiGatewayLogNotFoundError, type AiGatewayLogNotFoundErrorOptions } from './ai-gateway-log-not-found-error';
export { AiGatewayBatchError, type AiGatewayBatchErrorOptions, type AiGatewayBatchState } from './ai-gateway-batch-error';
export { AiGatewayMissingDependencyError, type AiGatewayMissingDependencyErrorOptions } from './ai-gateway-missing-dependency-error';

// Finding ours in an AI SDK error
export { findGatewayError } from './find-gateway-error';

// Gateway answers → errors
export { parseGatewayErrorEnvelope, type GatewayErrorEntry } from './parse-gateway-error-envelope';
export { createGatewayResponseError, type CreateGatewayResponseErrorOptions } from './create-gateway-response-error';
export { gatewayErrorFromCode, type GatewayErrorFromCodeOptions } from './gateway-error-from-code';
export { gatewayErrorFromBindingError, type GatewayErrorFromBindingErrorOptions } from './gateway-error-from-binding-error';

// Redaction
export { hasSecret, REDACTED, redactText } from './redact-text';
export { secretMatcher, type SecretMatcher } from './secret-matcher';
export { isSecretHeaderName, redactHeaders } from './redact-headers';
export { isSecretParamName, redactUrl } from './redact-url';
export { redactRequest, type RedactableRequest, type RedactedRequest } from './redact-request';
export { collectSecrets } from './collect-secrets';
export { redactCause } from './redact-cause';
export { redactError } from './redact-error';
export type { HeadersLike, HeaderValue } from './header-entries';
