/**
 * Request capture from AI SDK models, gateway payload encoding, response decoding and the transport contract.
 * @packageDocumentation
 * @module @aigw/core
 */
export type { GatewayRequest, GatewayStep } from './gateway-request';
export type { GatewaySendOptions, GatewayTransport } from './gateway-transport';
export { stepToObject, universalBody, universalBodyBytes } from './fallback-body';
export {
  captureCall,
  createCaptureFetch,
  isCapturableModel,
  MODEL_METHODS,
  readRequest,
  registerRoutedModel,
  type CapturedRequest,
  type ModelKind,
  type ModelMethod,
  type PendingCall,
} from './capture';
export { checkStepCount, encodeGatewayRequest, encodeStep, MAX_FALLBACK_STEPS, type EncodeGatewayRequestOptions, type EncodeStepOptions } from './encode';
export { decodeGatewayResponse, parseStep } from './decode';
export type { DecodedResponse, GatewayResponseMetadata } from './decode-types';
export { callSecretMatcher, callSecrets } from './call-secrets';
export { sendGatewayCall, type GatewayCallResult, type GatewayLeg, type SendGatewayCallOptions } from './gateway-call';
export { sendProviderRequest, type SendProviderRequestOptions } from './provider-request';
export {
  headersToOptions,
  mergeOptions,
  optionsToHeaders,
  validateOptions,
  type AiGatewayCustomCost,
  type AiGatewayOptions,
  type AiGatewayAutoRouter,
  type AiGatewayRetries,
} from './options';
export { resolveGatewayOptions, type AiGatewayCallHeaders, type ResolvedGatewayOptions } from './resolve-options';
export { isPlaceholderCredential, PLACEHOLDER_API_KEY } from './placeholder-key';
export { checkEndpoint, checkStepPath, pathSegment, type PathSegmentOptions, type StepPathNames } from './path-segment';
export { defaultProviderRoutes, PROVIDER_ID_PATTERN, resolveRoute, type ProviderRoute, type ResolvedRoute } from './provider-table';
// The transport kit: what a transport (these packages' and yours) does around its send.
export { HOP_BY_HOP_HEADERS, normalizeHeaders, type HeadersLike } from './headers';
export { hasFormDataBody, invalidOption, isAbortError, isAbortOrTimeoutError, passesThrough, providerStep, stepBody } from './transport-kit';
