import type { EmbeddingModelV4, ImageModelV4, LanguageModelV4, ProviderV4, RerankingModelV4, SpeechModelV4, TranscriptionModelV4 } from '@ai-sdk/provider';
import { MODEL_METHODS, validateOptions, type AiGatewayOptions, type GatewayTransport } from '@aigw/core';
import { AiGatewayInvalidOptionsError } from '@aigw/errors';
import { createHttpTransport } from '@aigw/transport-http';
import { AiGatewayEmbeddingModel } from './embedding-model';
import { GatewayModelCore, resolveLegs, type AiGatewayLeg, type GatewayModelContext } from './gateway-model';
import type { ModelIdContext, ModelIdModelKind, ModelIdSettings } from './ids/create-id-model';
import { expandModelIds } from './ids/expand-model-ids';
import { withResume } from './resume/resumable-transport';
import { AiGatewayImageModel } from './image-model';
import { createGatewayLogs, type AiGatewayLogs } from './logs/create-gateway-logs';
import { AiGatewayChatLanguageModel } from './language-model';
import { AiGatewayRerankingModel } from './reranking-model';
import { readEnv, type AiGatewaySettings } from './settings';
import { AiGatewaySpeechModel } from './speech-model';
import { AiGatewayTranscriptionModel } from './transcription-model';

/**
 * A model object, a string id (`'@cf/meta/llama-3.1-8b-instruct'`, `'openai/gpt-5-mini'`,
 * `'dynamic/support'`), or either with options for its leg. An id leg may also carry
 * `sessionAffinity` and `headers`.
 */
export type AiGatewayModelEntry<M> = AiGatewayLeg<M> | string | ({ model: string; options?: AiGatewayOptions; provider?: string } & ModelIdSettings);

/** One model or a fallback list; each entry may carry options for its leg. */
export type AiGatewayModels<M> = AiGatewayModelEntry<M> | readonly AiGatewayModelEntry<M>[];

/**
 * The gateway provider: call it with a language model, a model id, or a fallback list of them.
 * It is a `ProviderV4`, so it also works in `createProviderRegistry` and as the AI SDK's
 * `globalThis.AI_SDK_DEFAULT_PROVIDER`.
 */
export interface AiGateway extends ProviderV4 {
  (models: AiGatewayModels<LanguageModelV4>): AiGatewayChatLanguageModel;
  /** Same as calling the provider. */
  chat(models: AiGatewayModels<LanguageModelV4>): AiGatewayChatLanguageModel;
  /** Same as calling the provider. */
  languageModel(models: AiGatewayModels<LanguageModelV4>): AiGatewayChatLanguageModel;
  embeddingModel(models: AiGatewayModels<EmbeddingModelV4>): AiGatewayEmbeddingModel;
  imageModel(models: AiGatewayModels<ImageModelV4>): AiGatewayImageModel;
  speechModel(models: AiGatewayModels<SpeechModelV4>): AiGatewaySpeechModel;
  /**
   * An audio upload (multipart, raw audio) cannot travel in a universal (fallback) request: such
   * models take one model. Workers AI ids (`'@cf/openai/whisper-large-v3-turbo'`) send JSON and can fall back.
   */
  transcriptionModel(models: AiGatewayModels<TranscriptionModelV4>): AiGatewayTranscriptionModel;
  rerankingModel(models: AiGatewayModels<RerankingModelV4>): AiGatewayRerankingModel;
  /** The transport this instance sends through. */
  readonly transport: GatewayTransport;
  /** The gateway's log records and human feedback on them (REST API with a Cloudflare API token, or the binding). */
  readonly logs: AiGatewayLogs;
}

/**
 * The Workers-binding transport, imported only when a binding is given: HTTP-only apps never load
 * it (and, with code splitting, never bundle it). The import starts here; a bad binding is reported
 * by the first call, as the same typed error, before anything is sent.
 */
function bindingTransport(binding: NonNullable<AiGatewaySettings['binding']>): GatewayTransport {
  const transport = import('@aigw/transport-binding').then((m) => m.createBindingTransport({ binding }));
  // Reported by send; never an unhandled rejection when no call is made.
  transport.catch(() => {});
  return { name: 'binding', send: async (request, options) => (await transport).send(request, options) };
}

function createTransport(settings: AiGatewaySettings): GatewayTransport {
  if (settings.transport !== undefined) {
    const transport = settings.transport as Partial<GatewayTransport> | null;
    if (typeof transport !== 'object' || transport === null || typeof transport.send !== 'function') {
      throw new AiGatewayInvalidOptionsError({ option: 'transport', value: transport, problem: 'has no send method', allowed: 'an object with send(request, { signal }) returning a Response' });
    }
    return settings.transport;
  }
  if (settings.binding !== undefined) {
    const transport = bindingTransport(settings.binding);
    return settings.resume === undefined ? transport : withResume(transport, settings.resume);
  }
  const { options: _options, providers: _providers, binding: _binding, transport: _transport, cloudflareApiToken: _token, cloudflareApiBaseURL: _api, logs: _logs, ...http } = settings;
  const apiKey = http.apiKey ?? readEnv('CLOUDFLARE_AI_GATEWAY_TOKEN');
  if (apiKey !== undefined) http.apiKey = apiKey;
  if (http.gatewayURL !== undefined) return createHttpTransport(http);
  http.accountId ??= readEnv('CLOUDFLARE_ACCOUNT_ID');
  http.gateway ??= readEnv('CLOUDFLARE_AI_GATEWAY_ID');
  if (http.accountId === undefined) {
    throw new AiGatewayInvalidOptionsError({ option: 'accountId', value: undefined, problem: 'is missing', allowed: 'your Cloudflare account id, in the settings or in CLOUDFLARE_ACCOUNT_ID (or pass binding or transport instead)' });
  }
  if (http.gateway === undefined) {
    throw new AiGatewayInvalidOptionsError({ option: 'gateway', value: undefined, problem: 'is missing', allowed: 'a gateway id, in the settings or in CLOUDFLARE_AI_GATEWAY_ID' });
  }
  return createHttpTransport(http);
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
  if (typeof settings !== 'object' || settings === null) {
    throw new AiGatewayInvalidOptionsError({ option: 'settings', value: settings, problem: 'is not an object', allowed: '{ accountId, gateway, apiKey?, options? } or { binding, options? }' });
  }
  const context: GatewayModelContext = {
    transport: createTransport(settings),
    options: validateOptions(settings.options, 'options'),
    ...(settings.providers ? { routes: settings.providers } : {}),
  };
  const ids = modelIdContext(settings);
  const logs = createGatewayLogs(settings);
  const core = (models: unknown, kind: ModelIdModelKind, methods: readonly (typeof MODEL_METHODS)[keyof typeof MODEL_METHODS][number][]) =>
    new GatewayModelCore(context, resolveLegs(expandModelIds(models, kind, ids), kind, methods));

  const languageModel = (models: AiGatewayModels<LanguageModelV4>) => new AiGatewayChatLanguageModel(core(models, 'language', MODEL_METHODS.language));
  const provider = ((models: AiGatewayModels<LanguageModelV4>) => languageModel(models)) as AiGateway;
  return Object.assign(provider, {
    specificationVersion: 'v4' as const,
    chat: languageModel,
    languageModel,
    embeddingModel: (models: AiGatewayModels<EmbeddingModelV4>) => new AiGatewayEmbeddingModel(core(models, 'embedding', MODEL_METHODS.embedding)),
    imageModel: (models: AiGatewayModels<ImageModelV4>) => new AiGatewayImageModel(core(models, 'image', MODEL_METHODS.image)),
    speechModel: (models: AiGatewayModels<SpeechModelV4>) => new AiGatewaySpeechModel(core(models, 'speech', MODEL_METHODS.speech)),
    transcriptionModel: (models: AiGatewayModels<TranscriptionModelV4>) =>
      new AiGatewayTranscriptionModel(core(models, 'transcription', MODEL_METHODS.transcription)),
    rerankingModel: (models: AiGatewayModels<RerankingModelV4>) => new AiGatewayRerankingModel(core(models, 'reranking', MODEL_METHODS.reranking)),
    transport: context.transport,
    logs,
  });
}

/** Where Workers AI ids send from: the HTTP transport needs a Cloudflare API token, the binding none. */
function modelIdContext(settings: AiGatewaySettings): ModelIdContext {
  const binding = settings.binding !== undefined;
  const http = !binding && settings.transport === undefined;
  const token = binding ? undefined : (settings.cloudflareApiToken ?? readEnv('CLOUDFLARE_API_TOKEN'));
  const accountId = (!binding && settings.transport === undefined ? settings.accountId : undefined) ?? readEnv('CLOUDFLARE_ACCOUNT_ID') ?? 'account';
  return { accountId, cloudflareApiToken: token, tokenRequired: http };
}
