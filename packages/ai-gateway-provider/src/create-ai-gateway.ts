import type { EmbeddingModelV4, ImageModelV4, LanguageModelV4, ProviderV4, RerankingModelV4, SpeechModelV4, TranscriptionModelV4 } from '@ai-sdk/provider';
import type { AiGatewayOptions, GatewayTransport } from '@aigw/core';
import { AiGatewayEmbeddingModel } from './embedding-model';
import { createGatewayContext } from './gateway-context';
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
import { AiGatewayRerankingModel } from './reranking-model';
import { readEnv, type AiGatewaySettings } from './settings';
import { AiGatewaySpeechModel } from './speech-model';
import { AiGatewayTranscriptionModel } from './transcription-model';

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
 * The gateway provider: call it with a language model, a model id, or a fallback list of them.
 * Model objects of specification v2 (AI SDK 5), v3 (AI SDK 6) and v4 (AI SDK 7) are accepted; the
 * wrapper speaks the specification of the models it wraps, and one list cannot mix generations.
 * Ids (and the provider registry, as a `ProviderV4`) are AI SDK 7's.
 */
export interface AiGateway extends ProviderV4 {
  <M extends LanguageModelLike>(models: AiGatewayModels<M>): OneGeneration<M, AiGatewayChatLanguageModel<M>>;
  (models: AiGatewayModelsWithIds<LanguageModelV4, AiGatewayModelIds['language']>): AiGatewayChatLanguageModel<LanguageModelV4>;
  /** Same as calling the provider. */
  chat<M extends LanguageModelLike>(models: AiGatewayModels<M>): OneGeneration<M, AiGatewayChatLanguageModel<M>>;
  /** Same as calling the provider, with model ids (AI SDK 7). */
  chat(models: AiGatewayModelsWithIds<LanguageModelV4, AiGatewayModelIds['language']>): AiGatewayChatLanguageModel<LanguageModelV4>;
  /** Same as calling the provider. */
  languageModel<M extends LanguageModelLike>(models: AiGatewayModels<M>): OneGeneration<M, AiGatewayChatLanguageModel<M>>;
  languageModel(models: AiGatewayModelsWithIds<LanguageModelV4, AiGatewayModelIds['language']>): AiGatewayChatLanguageModel<LanguageModelV4>;
  embeddingModel<M extends EmbeddingModelLike>(models: AiGatewayModels<M>): OneGeneration<M, AiGatewayEmbeddingModel<M>>;
  embeddingModel(models: AiGatewayModelsWithIds<EmbeddingModelV4, AiGatewayModelIds['embedding']>): AiGatewayEmbeddingModel<EmbeddingModelV4>;
  imageModel<M extends ImageModelLike>(models: AiGatewayModels<M>): OneGeneration<M, AiGatewayImageModel<M>>;
  imageModel(models: AiGatewayModelsWithIds<ImageModelV4, AiGatewayModelIds['image']>): AiGatewayImageModel<ImageModelV4>;
  speechModel<M extends SpeechModelLike>(models: AiGatewayModels<M>): OneGeneration<M, AiGatewaySpeechModel<M>>;
  speechModel(models: AiGatewayModelsWithIds<SpeechModelV4, AiGatewayModelIds['speech']>): AiGatewaySpeechModel<SpeechModelV4>;
  /**
   * An audio upload (multipart, raw audio) cannot travel in a universal (fallback) request: such a
   * list is refused before sending. Models that send JSON (Workers AI ids) can fall back.
   */
  transcriptionModel<M extends TranscriptionModelLike>(models: AiGatewayModels<M>): OneGeneration<M, AiGatewayTranscriptionModel<M>>;
  transcriptionModel(models: AiGatewayModelsWithIds<TranscriptionModelV4, AiGatewayModelIds['transcription']>): AiGatewayTranscriptionModel<TranscriptionModelV4>;
  /** Reranking models are of specification v3 (AI SDK 6) or v4 (AI SDK 7). */
  rerankingModel<M extends RerankingModelLike>(models: AiGatewayModels<M>): OneGeneration<M, AiGatewayRerankingModel<M>>;
  rerankingModel(models: AiGatewayModelsWithIds<RerankingModelV4, AiGatewayModelIds['reranking']>): AiGatewayRerankingModel<RerankingModelV4>;
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
export function createAiGateway(settings: AiGatewaySettings = {}): AiGateway {
  const context = createGatewayContext(settings);
  const ids = modelIdContext(settings);
  const logs = createGatewayLogs(settings);
  // Each kind's wrapper class, built around a core that shares this instance's transport.
  const kind =
    (Model: unknown, kind: ModelIdModelKind) =>
    (models: unknown): unknown =>
      new (Model as new (models: undefined, core: GatewayModelCore) => unknown)(undefined, new GatewayModelCore(context, resolveLegs(expandModelIds(models, kind, ids), kind)));
  const languageModel = kind(AiGatewayChatLanguageModel, 'language');
  // One implementation for every generation: the signatures above type each call from its models.
  const gateway = Object.assign((models: unknown) => languageModel(models), {
    specificationVersion: 'v4' as const,
    chat: languageModel,
    languageModel,
    embeddingModel: kind(AiGatewayEmbeddingModel, 'embedding'),
    imageModel: kind(AiGatewayImageModel, 'image'),
    speechModel: kind(AiGatewaySpeechModel, 'speech'),
    transcriptionModel: kind(AiGatewayTranscriptionModel, 'transcription'),
    rerankingModel: kind(AiGatewayRerankingModel, 'reranking'),
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
