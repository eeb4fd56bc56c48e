import type { EmbeddingModelV4, ImageModelV4, LanguageModelV4, ProviderV4, RerankingModelV4, SpeechModelV4, TranscriptionModelV4 } from '@ai-sdk/provider';
import type { AiGatewayOptions, GatewayTransport } from '@aigw/core';
import { AiGatewayEmbeddingModel } from './embedding-model';
import { createGatewayContext, normaliseSettings } from './gateway-context';
import { GatewayModelCore, resolveLegs, type AiGatewayLeg } from './gateway-model';
import type { ModelIdContext, ModelIdModelKind, ModelIdSettings } from './ids/create-id-model';
import { expandModelIds } from './ids/expand-model-ids';
import { AiGatewayImageModel } from './image-model';
import { AiGatewayChatLanguageModel } from './language-model';
import { createGatewayLogs, type AiGatewayLogs } from './logs/create-gateway-logs';
import type {
  EmbeddingModelLike,
  ImageModelLike,
  LanguageModelLike,
  OneGeneration,
  RerankingModelLike,
  SpeechModelLike,
  TranscriptionModelLike,
} from './model-types';
import type { AiGatewayModelIds } from './model-ids';
import { applyModelOptions, type AiGatewayModelOptions } from './model-options';
import { AiGatewayRerankingModel } from './reranking-model';
import { readEnv, type AiGatewaySettings } from './settings';
import { AiGatewaySpeechModel } from './speech-model';
import { AiGatewayTranscriptionModel } from './transcription-model';
import { createVideoModel, type AiGatewayVideoModelFactory } from './video/video-model';

/** A string id leg with options; an id leg may also carry `sessionAffinity` and `headers`. `Id`: the ids of its kind (`AiGatewayModelIds`). */
export type AiGatewayIdLeg<Id extends string = string> = { model: Id; options?: AiGatewayOptions; provider?: string } & ModelIdSettings;

/**
 * A model object, a string id (`'@cf/meta/llama-3.1-8b-instruct'`, `'openai/gpt-5-mini'`,
 * `'dynamic/support'`), or either with options for its leg. Ids become models of specification v4,
 * so they mix with AI SDK 7 model objects only.
 */
export type AiGatewayModelEntry<M, Id extends string = string> = AiGatewayLeg<M> | Id | AiGatewayIdLeg<Id>;

/** One model or a fallback list of model objects of one AI SDK generation; each entry may carry options for its leg. */
export type AiGatewayModels<M> = AiGatewayLeg<M> | readonly AiGatewayLeg<M>[];

/** One entry or a fallback list in which ids may appear (AI SDK 7: ids become v4 models). */
export type AiGatewayModelsWithIds<M, Id extends string = string> = AiGatewayModelEntry<M, Id> | readonly AiGatewayModelEntry<M, Id>[];

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
  const settings = typeof given === 'object' && given !== null ? normaliseSettings(given) : given;
  const context = createGatewayContext(settings);
  const ids = modelIdContext(settings);
  // Normalised: `binding` is the gateway binding now (env.AI was resolved to env.AI.gateway(id)).
  const logs = createGatewayLogs(settings as Parameters<typeof createGatewayLogs>[0]);
  // Each kind's wrapper class, built around a core that shares this instance's transport.
  const kind =
    (Model: unknown, kind: ModelIdModelKind) =>
    (given: unknown, modelOptions?: unknown): unknown => {
      const { models, context: modelContext } = applyModelOptions(given, modelOptions, context);
      return new (Model as new (models: undefined, core: GatewayModelCore) => unknown)(undefined, new GatewayModelCore(modelContext, resolveLegs(expandModelIds(models, kind, ids), kind)));
    };
  const languageModel = kind(AiGatewayChatLanguageModel, 'language');
  const embeddingModel = kind(AiGatewayEmbeddingModel, 'embedding');
  const imageModel = kind(AiGatewayImageModel, 'image');
  const speechModel = kind(AiGatewaySpeechModel, 'speech');
  const transcriptionModel = kind(AiGatewayTranscriptionModel, 'transcription');
  const rerankingModel = kind(AiGatewayRerankingModel, 'reranking');
  const videoModel = (given: unknown, modelOptions?: unknown): unknown => {
    const { models, context: modelContext } = applyModelOptions(given, modelOptions, context);
    return createVideoModel(modelContext, models);
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
    transport: context.transport,
    logs,
  });
  return gateway as unknown as AiGateway;
}

/** Where Workers AI ids send from: the HTTP transport needs a Cloudflare API token, the binding none. */
function modelIdContext(settings: AiGatewaySettings): ModelIdContext {
  const binding = settings.binding !== undefined;
  const http = !binding && settings.transport === undefined;
  const token = binding ? undefined : (settings.cloudflareApiToken ?? readEnv('CLOUDFLARE_API_TOKEN'));
  const accountId = (!binding && settings.transport === undefined ? settings.accountId : undefined) ?? readEnv('CLOUDFLARE_ACCOUNT_ID') ?? 'account';
  return { accountId, cloudflareApiToken: token, tokenRequired: http, built: new Map() };
}
