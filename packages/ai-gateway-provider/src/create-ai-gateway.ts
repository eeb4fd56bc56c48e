import type { EmbeddingModelV4, ImageModelV4, LanguageModelV4, ProviderV4, RerankingModelV4, SpeechModelV4, TranscriptionModelV4 } from '@ai-sdk/provider';
import type { GatewayTransport, ModelKind } from '@aigw/core';
import type { AiGatewayBatchFactory, AiGatewayWorkersAiBatch } from './batch/batch-types';
import { createBatch } from './batch/create-batch';
import { GatewayEmbeddingModel, type AiGatewayEmbeddingModel } from './embedding-model';
import { setUpGateway } from './gateway-context';
import { GatewayModelCore, type AiGatewayModelBase } from './gateway-model';
import { GatewayImageModel, type AiGatewayImageModel } from './image-model';
import { GatewayLanguageModel, type AiGatewayChatLanguageModel } from './language-model';
import { createGatewayLogs } from './logs/create-gateway-logs';
import type { AiGatewayLogs } from './logs/gateway-log';
import type { AiGatewayModelIds } from './model-ids';
import { applyModelOptions, type AiGatewayModelOptions } from './model-options';
import type {
  AiGatewayModels,
  AiGatewayModelsWithIds,
  EmbeddingModelLike,
  ImageModelLike,
  LanguageModelLike,
  OneGeneration,
  RerankingModelLike,
  SpeechModelLike,
  TranscriptionModelLike,
} from './model-types';
import { GatewayRerankingModel, type AiGatewayRerankingModel } from './reranking-model';
import type { AiGatewaySettings } from './settings';
import { GatewaySpeechModel, type AiGatewaySpeechModel } from './speech-model';
import { GatewayTranscriptionModel, type AiGatewayTranscriptionModel } from './transcription-model';
import { createVideoModel, type AiGatewayVideoModelFactory } from './video/video-model';

/**
 * The gateway provider: call it with a language model, a model id, or a fallback list of them, and
 * optionally options for that model (`aigateway(model, { cacheTtl: 3600 })`, see `AiGatewayModelOptions`).
 * Model objects of specification v2 (AI SDK 5), v3 (AI SDK 6) and v4 (AI SDK 7) are accepted; the
 * wrapper speaks the specification of the models it wraps, and one list cannot mix generations.
 * Ids (and the provider registry, as a `ProviderV4`) are AI SDK 7's.
 */
export interface AiGateway extends ProviderV4 {
  <M extends LanguageModelLike>(models: AiGatewayModels<M>, options?: AiGatewayModelOptions): OneGeneration<M, AiGatewayChatLanguageModel<M>>;
  (models: AiGatewayModelsWithIds<LanguageModelV4, AiGatewayModelIds['language']>, options?: AiGatewayModelOptions): AiGatewayChatLanguageModel<LanguageModelV4>;
  /** Same as calling the provider. */
  chat<M extends LanguageModelLike>(models: AiGatewayModels<M>, options?: AiGatewayModelOptions): OneGeneration<M, AiGatewayChatLanguageModel<M>>;
  /** Same as calling the provider, with model ids (AI SDK 7). */
  chat(models: AiGatewayModelsWithIds<LanguageModelV4, AiGatewayModelIds['language']>, options?: AiGatewayModelOptions): AiGatewayChatLanguageModel<LanguageModelV4>;
  /** Same as calling the provider. */
  languageModel<M extends LanguageModelLike>(models: AiGatewayModels<M>, options?: AiGatewayModelOptions): OneGeneration<M, AiGatewayChatLanguageModel<M>>;
  languageModel(models: AiGatewayModelsWithIds<LanguageModelV4, AiGatewayModelIds['language']>, options?: AiGatewayModelOptions): AiGatewayChatLanguageModel<LanguageModelV4>;
  embeddingModel<M extends EmbeddingModelLike>(models: AiGatewayModels<M>, options?: AiGatewayModelOptions): OneGeneration<M, AiGatewayEmbeddingModel<M>>;
  embeddingModel(models: AiGatewayModelsWithIds<EmbeddingModelV4, AiGatewayModelIds['embedding']>, options?: AiGatewayModelOptions): AiGatewayEmbeddingModel<EmbeddingModelV4>;
  imageModel<M extends ImageModelLike>(models: AiGatewayModels<M>, options?: AiGatewayModelOptions): OneGeneration<M, AiGatewayImageModel<M>>;
  imageModel(models: AiGatewayModelsWithIds<ImageModelV4, AiGatewayModelIds['image']>, options?: AiGatewayModelOptions): AiGatewayImageModel<ImageModelV4>;
  speechModel<M extends SpeechModelLike>(models: AiGatewayModels<M>, options?: AiGatewayModelOptions): OneGeneration<M, AiGatewaySpeechModel<M>>;
  speechModel(models: AiGatewayModelsWithIds<SpeechModelV4, AiGatewayModelIds['speech']>, options?: AiGatewayModelOptions): AiGatewaySpeechModel<SpeechModelV4>;
  /**
   * An audio upload (multipart, raw audio) cannot travel in a universal (fallback) request: such a
   * list is refused before sending. Models that send JSON (Workers AI ids) can fall back.
   */
  transcriptionModel<M extends TranscriptionModelLike>(models: AiGatewayModels<M>, options?: AiGatewayModelOptions): OneGeneration<M, AiGatewayTranscriptionModel<M>>;
  transcriptionModel(models: AiGatewayModelsWithIds<TranscriptionModelV4, AiGatewayModelIds['transcription']>, options?: AiGatewayModelOptions): AiGatewayTranscriptionModel<TranscriptionModelV4>;
  /** Reranking models are of specification v3 (AI SDK 6) or v4 (AI SDK 7). */
  rerankingModel<M extends RerankingModelLike>(models: AiGatewayModels<M>, options?: AiGatewayModelOptions): OneGeneration<M, AiGatewayRerankingModel<M>>;
  rerankingModel(models: AiGatewayModelsWithIds<RerankingModelV4, AiGatewayModelIds['reranking']>, options?: AiGatewayModelOptions): AiGatewayRerankingModel<RerankingModelV4>;
  /**
   * Video models of AI SDK 7 (`experimental_generateVideo`, `experimental_startVideo`,
   * `experimental_getVideoStatus`): the start, every status poll and the download of a result go
   * through the gateway. A list falls back on the start only (see the README's "Video").
   */
  videoModel: AiGatewayVideoModelFactory;
  /** Same as `videoModel`. */
  video: AiGatewayVideoModelFactory;
  /** `createAI`'s name for `embeddingModel`. */
  embedding: AiGateway['embeddingModel'];
  /** `createAI`'s name for `imageModel`. */
  image: AiGateway['imageModel'];
  /** `createAI`'s name for `speechModel`. */
  speech: AiGateway['speechModel'];
  /** `createAI`'s name for `transcriptionModel`. */
  transcription: AiGateway['transcriptionModel'];
  /** `createAI`'s name for `rerankingModel`. */
  reranking: AiGateway['rerankingModel'];
  /** Batches through the gateway (AI SDK 7): `aigateway.batch()` for Workers AI ids, `aigateway.batch(openai)` for a vendor's. */
  batch: AiGatewayBatchFactory;
  /** The batch interface of Workers AI ids, so `experimental_startBatch({ provider: aigateway, ... })` works. */
  experimental_batch(): AiGatewayWorkersAiBatch;
  /** The transport this instance sends through. */
  readonly transport: GatewayTransport;
  /** The gateway's log records and human feedback on them (REST API with a Cloudflare API token, or the binding). */
  readonly logs: AiGatewayLogs;
}

/**
 * Creates an AI Gateway provider. Wrap the models of any official `@ai-sdk/*` provider; every call
 * then goes through the gateway, with server-side fallback across a list of models.
 *
 * ```ts
 * const aigateway = createAiGateway({ accountId, gateway: 'my-gateway', apiKey, options: { cacheTtl: 3600 } });
 * const model = aigateway([anthropic('claude-sonnet-4-5'), openai.chat('gpt-5-mini')]);
 * ```
 */
export function createAiGateway(given: AiGatewaySettings = {}): AiGateway {
  const { settings, context, ids } = setUpGateway(given);
  // Normalised: `binding` is the gateway binding now (env.AI was resolved to env.AI.gateway(id)).
  const logs = createGatewayLogs(settings as Parameters<typeof createGatewayLogs>[0]);
  // Each kind's wrapper, built around a core that shares this instance's transport.
  const kind =
    (Model: new (core: GatewayModelCore) => AiGatewayModelBase, kind: ModelKind) =>
    (given: unknown, modelOptions?: unknown): AiGatewayModelBase => {
      const { models, context: modelContext } = applyModelOptions(given, modelOptions, context);
      return new Model(GatewayModelCore.of(kind, models, modelContext, ids));
    };
  const languageModel = kind(GatewayLanguageModel, 'language');
  const embeddingModel = kind(GatewayEmbeddingModel, 'embedding');
  const imageModel = kind(GatewayImageModel, 'image');
  const speechModel = kind(GatewaySpeechModel, 'speech');
  const transcriptionModel = kind(GatewayTranscriptionModel, 'transcription');
  const rerankingModel = kind(GatewayRerankingModel, 'reranking');
  const batch = createBatch({ transport: context.transport, options: context.options, ...(context.routes ? { routes: context.routes } : {}), ...ids });
  const videoModel = (given: unknown, modelOptions?: unknown): unknown => {
    const { models, context: modelContext } = applyModelOptions(given, modelOptions, context);
    return createVideoModel(modelContext, models, ids);
  };
  // One implementation for every generation: the signatures above type each call from its models.
  const gateway = Object.assign((models: unknown, modelOptions?: unknown) => languageModel(models, modelOptions), {
    specificationVersion: 'v4' as const,
    chat: languageModel,
    languageModel,
    embeddingModel,
    imageModel,
    speechModel,
    transcriptionModel,
    rerankingModel,
    videoModel,
    video: videoModel,
    // createAI's names, so code written for it runs unchanged.
    embedding: embeddingModel,
    image: imageModel,
    speech: speechModel,
    transcription: transcriptionModel,
    reranking: rerankingModel,
    batch,
    experimental_batch: () => batch(),
    transport: context.transport,
    logs,
  });
  // The overloads of `AiGateway` type each call from its models, which one implementation cannot state.
  return gateway as unknown as AiGateway;
}
