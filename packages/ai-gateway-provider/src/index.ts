/**
 * Send AI SDK calls through Cloudflare AI Gateway: `createAiGateway`, the model classes, options, metadata and errors.
 * @packageDocumentation
 * @module ai-gateway-provider
 */
export { createAiGateway, type AiGateway } from './create-ai-gateway';
export { parseAiGatewayOptions } from './parse-options';
export { PROVIDER_OPTIONS_KEY, type AiGatewayLeg, type AiGatewayMetadata, type AiGatewayModels } from './model-types';
export { MAX_FALLBACK_LEGS } from './resolve-legs';
export { gatewayAttempts, gatewayMetadata } from './gateway-metadata';
export type { AiGatewayLog, AiGatewayLogFeedback, AiGatewayLogs } from './logs/gateway-log';
export { aigatewayOptions, type AiGatewayProviderOptions } from './provider-options';
export { AiGatewayChatLanguageModel, type AiGatewayChatLanguageModelConstructor } from './language-model';
export { AiGatewayEmbeddingModel, type AiGatewayEmbeddingModelConstructor } from './embedding-model';
export { AiGatewayImageModel, type AiGatewayImageModelConstructor } from './image-model';
export { AiGatewaySpeechModel, type AiGatewaySpeechModelConstructor } from './speech-model';
export { AiGatewayTranscriptionModel, type AiGatewayTranscriptionModelConstructor } from './transcription-model';
export { AiGatewayRerankingModel, type AiGatewayRerankingModelConstructor } from './reranking-model';
export type { AiGatewayVideoMetadata, AiGatewayVideoModel, AiGatewayVideoModelFactory, VideoModelLike } from './video/video-model';
export type {
  AiGatewayIdLeg,
  AiGatewayMixedGenerations,
  AiGatewayModelEntry,
  AiGatewayModelsWithIds,
  AiGatewaySkippedLeg,
  EmbeddingModelLike,
  ImageModelLike,
  LanguageModelLike,
  ModelIdentity,
  OneGeneration,
  RerankingModelLike,
  SpecificationMembers,
  SpecificationOf,
  SpecificationVersion,
  SpeechModelLike,
  TranscriptionModelLike,
  WorkersAiReasoningEffort,
} from './model-types';
export type {
  AiBinding,
  AiGatewayAPISettings,
  AiGatewayBindingSettings,
  AiGatewayLogsSettings,
  AiGatewayResumeSettings,
  AiGatewayResumeTuning,
  AiGatewaySettings,
  AiGatewayTransportSettings,
} from './settings';
export type { AiGatewayModelOptions } from './model-options';
export type { AiGatewayBinding } from '@aigw/transport-binding';
export type { AiGatewayModelIds } from './model-ids';
export type {
  CatalogModelId,
  WorkersAiEmbeddingModelId,
  WorkersAiImageModelId,
  WorkersAiRerankingModelId,
  WorkersAiSpeechModelId,
  WorkersAiTextModelId,
  WorkersAiTranscriptionModelId,
} from './model-ids.generated';
export type { AiGatewayBatchFactory, AiGatewayWorkersAiBatch } from './batch/batch-types';
export type { AiGatewayAttempt, AiGatewayOperationReason } from '@aigw/errors';
export type { AiGatewayCallHeaders, AiGatewayCustomCost, AiGatewayOptions, AiGatewayRetries, GatewayTransport, ProviderRoute } from '@aigw/core';
/** @deprecated Misspelt name kept from ai-gateway-provider 4.x; use `AiGatewayRetries`. */
export type { AiGatewayRetries as AiGatewayReties } from '@aigw/core';
export {
  AiGatewayBatchError,
  AiGatewayByokAliasError,
  AiGatewayCaptureError,
  AiGatewayCloudflareAuthError,
  AiGatewayContentBlockedError,
  AiGatewayDoesNotExist,
  AiGatewayError,
  AiGatewayFallbackError,
  AiGatewayInsufficientCreditsError,
  AiGatewayInternalFetchError,
  AiGatewayInvalidOptionsError,
  AiGatewayLogNotFoundError,
  AiGatewayModelNotFoundError,
  AiGatewayNetworkError,
  AiGatewayOperationError,
  AiGatewayPolicyDeniedError,
  AiGatewayProviderError,
  AiGatewayRateLimitError,
  AiGatewayResponseError,
  AiGatewaySpendLimitError,
  AiGatewayStepError,
  AiGatewayStreamResumeError,
  AiGatewayUnauthorizedError,
  AiGatewayUnroutableModelError,
  findGatewayError,
} from '@aigw/errors';
