/**
 * A local double of Cloudflare AI Gateway with simulated providers and fault injection.
 * @packageDocumentation
 * @module @aigw/emulator
 */
export { startEmulator, type Emulator, type EmulatorOptions } from './start-emulator.js';
export type { AllStepsFailedPolicy } from './handle-gateway-request.js';
export type { EmulatorAttempt, EmulatorCall, EmulatorGatewaySettings, GatewayLogEntry } from './emulator-types.js';
export type { EmulatorFault, EmulatorFaultRule, FaultControls } from './fault-controls.js';
export { GATEWAY_ERRORS, gatewayErrorBody, type GatewayErrorSpec } from './gateway-error.js';
export { formatCallLine } from './format-call-line.js';
export { EmulatorConfigError, emulatorOptionsFromConfig, readEmulatorConfig } from './config-file.js';
export { REDACTED, redactHeaders, redactUrl } from './redact-headers.js';
export {
  emulatorBinding,
  type BindingGatewayOptions,
  type BindingRunOptions,
  type BindingStep,
  type EmulatorBinding,
  type EmulatorBindingOptions,
} from './binding.js';
export {
  createUpstreams,
  DEFAULT_UPSTREAM_LIMITS,
  echoText,
  embeddingFor,
  imageBase64For,
  imagePngFor,
  REPLICATE_DELIVERY,
  replicateAssetFor,
  REPLICATE_VIDEO_DELIVERY,
  REPLY_HEADER,
  rerankScores,
  schemaInstance,
  speechContentType,
  speechFor,
  splitReply,
  tokenCount,
  toolResultText,
  transcriptFor,
  UPSTREAM_PROVIDERS,
  UpstreamLimitError,
  type BatchScript,
  videoAssetFor,
  videoMp4For,
  type ReplyContext,
  type ReplyScript,
  type UpstreamOptions,
  type UpstreamRequest,
  type UpstreamLimits,
  type UpstreamResponse,
  type Upstreams,
  type VideoOperationScript,
} from './upstreams/index.js';
export { unusedPort } from './unused-port.js';
export { DEFAULT_PRICES, priceOf, type ModelPrice } from './price-table.js';
export type { ViewerRow } from './viewer/viewer-feed.js';
export {
  DEFAULT_AUTO_ROUTER_POOL,
  ROUTING_REASONS,
  type AutoRouterControl,
  type EmulatorAutoRouterSettings,
  type RoutingDecision,
  type RoutingReason,
} from './auto-router.js';
export { CONTROL_HEADERS, type CacheTtlBounds, type EmulatorIdFormat } from './emulator-controls.js';
export type { EmulatorCustomProvider, OtlpAttribute, OtlpSpan } from './emulator-types.js';
