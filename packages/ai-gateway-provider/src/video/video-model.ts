import { resolveGatewayOptions, type ModelMethod } from '@aigw/core';
import { AiGatewayError, AiGatewayInvalidOptionsError, AiGatewayOperationError } from '@aigw/errors';
import { GatewayModelCore, smallest } from '../gateway-model';
import type { ModelIdContext } from '../ids/id-types';
import type { AiGatewayModelOptions } from '../model-options';
import { PROVIDER_OPTIONS_KEY, type AiGatewayMetadata, type AiGatewayModels, type GatewayModelContext, type ModelIdentity, type OneGeneration } from '../model-types';
import { resolveLegs } from '../resolve-legs';
import { downloadThroughGateway, isGatewayAsset } from './video-download';
import { checkOperation } from './video-operation';


type Method = (options: never) => PromiseLike<unknown>;

/**
 * A video model of specification v3 (AI SDK 6: `doGenerate`) or v4 (AI SDK 7: `doGenerate`, or
 * `doStart` and `doStatus`).
 */
export interface VideoModelLike extends ModelIdentity {
  readonly maxVideosPerCall?: unknown;
  doGenerate?: Method;
  doStart?: Method;
  doStatus?: Method;
}

/** The members of a video model's specification that the wrapper takes over from the models it wraps. */
type VideoMembers = 'specificationVersion' | 'provider' | 'modelId' | 'maxVideosPerCall' | 'doGenerate' | 'doStart' | 'doStatus';

/**
 * A video model that sends every request of its models through AI Gateway: the start, each status
 * poll, and the download of a result that is not a public asset. The specification (`VideoModelV3`
 * or `VideoModelV4`) of the models `M` it wraps.
 */
export type AiGatewayVideoModel<M extends VideoModelLike = VideoModelLike> = Pick<M, Extract<keyof M, VideoMembers>>;

/** `providerMetadata.aigateway` of a video model's results: the gateway metadata of the request that gave it. */
export interface AiGatewayVideoMetadata extends AiGatewayMetadata {
  /** On the result of a start (and so on `experimental_generateVideo`'s result): the log id of the request that started the operation. */
  readonly startLogId?: string;
  /** On a completed status: per video, the metadata of the request that delivered it (the status, or its download through the gateway). */
  readonly videos?: readonly AiGatewayMetadata[];
}

type Operation = unknown;
type CallOptions = Record<string, unknown> & { abortSignal?: AbortSignal };
type Video = { type: string; url?: string; mediaType?: string; data?: unknown };
type StatusResult = { status: 'pending' | 'completed' | 'error'; error?: string; videos?: Video[]; providerMetadata?: Record<string, Record<string, unknown>> };

/** The operation reference of a fallback list: which leg started it, and that leg's own reference. */
interface ListOperation {
  readonly leg: number;
  readonly modelId: string;
  readonly operation: Operation;
}

const hasMethod = (model: object, name: string) => typeof (model as Record<string, unknown>)[name] === 'function';
const startStatus = (model: object) => hasMethod(model, 'doStart') && hasMethod(model, 'doStatus');

/** Refuses, before any request, an entry of the list that is not a video model. */
function checkVideoModels(input: unknown): void {
  const list = Array.isArray(input) ? (input as unknown[]) : [input];
  for (let i = 0; i < list.length; i++) {
    const entry = list[i] as Record<string, unknown> | null | undefined;
    const model = (typeof entry === 'object' && entry !== null && 'model' in entry && !('specificationVersion' in entry) ? entry.model : entry) as object | null | undefined;
    if (typeof model === 'object' && model !== null && 'maxVideosPerCall' in model && (hasMethod(model, 'doGenerate') || startStatus(model))) continue;
    throw new AiGatewayInvalidOptionsError({
      option: Array.isArray(input) ? `models[${i}]` : 'model',
      value: model,
      problem: 'is not a video model',
      allowed: 'a video model of specification v3 or v4 (with maxVideosPerCall, and doGenerate or doStart and doStatus), e.g. google.video("veo-3.0-generate-001") or replicate.video("minimax/video-01")',
    });
  }
}

class GatewayVideoModel {
  readonly #core: GatewayModelCore;
  readonly #context: GatewayModelContext;
  /** One core per leg, for the polls of an operation that leg started. */
  readonly #legCores: GatewayModelCore[];

  constructor(context: GatewayModelContext, models: unknown, ids: ModelIdContext) {
    checkVideoModels(models);
    const legs = resolveLegs(models, 'video', ids);
    this.#context = context;
    this.#core = new GatewayModelCore(context, legs);
    // A poll must reach the provider every time: an answer from the gateway's cache would say
    // "in progress" for ever. The polls skip the cache whatever the instance's options say.
    const polls: GatewayModelContext = { ...context, options: resolveGatewayOptions({ skipCache: true }, { path: 'video polls', below: context.options }) };
    this.#legCores = legs.map((leg) => new GatewayModelCore(polls, [leg]));
    // The AI SDK chooses the start/status flow or doGenerate by which methods a model has: the
    // wrapper has a method only when every model of its list has it.
    const models_ = legs.map((l) => l.model as object);
    if (!models_.every((m) => hasMethod(m, 'doGenerate'))) (this as { doGenerate?: unknown }).doGenerate = undefined;
    if (!models_.every(startStatus)) {
      (this as { doStart?: unknown }).doStart = undefined;
      (this as { doStatus?: unknown }).doStatus = undefined;
    }
    // Webhooks (Replicate's): a single model's own handling, so its start carries the webhook URL.
    // A list has none: which leg answers, and so what its webhook would carry, is known only after the start.
    const only = legs.length === 1 ? (legs[0]!.model as { handleWebhookOption?: unknown }) : undefined;
    if (only !== undefined && typeof only.handleWebhookOption === 'function' && startStatus(only)) {
      const handle = only.handleWebhookOption as (options: unknown) => PromiseLike<unknown>;
      (this as { handleWebhookOption?: unknown }).handleWebhookOption = (options: unknown) => handle.call(only, options);
    }
  }

  get specificationVersion() {
    return this.#core.specificationVersion;
  }

  get provider(): string {
    return this.#core.provider;
  }

  get modelId(): string {
    return this.#core.modelId;
  }

  /** The smallest limit of the list; a model's limit function is asked when the AI SDK asks. */
  get maxVideosPerCall(): number | undefined | ((options: { modelId: string }) => Promise<number | undefined>) {
    const limits = this.#core.legs.map((l) => (l.model as VideoModelLike).maxVideosPerCall);
    if (!limits.some((v) => typeof v === 'function')) return smallest(limits);
    return async () =>
      smallest(await Promise.all(this.#core.legs.map((l) => {
        const limit = (l.model as VideoModelLike).maxVideosPerCall;
        return typeof limit === 'function' ? (limit as (o: { modelId: string }) => unknown)({ modelId: l.model.modelId }) : limit;
      })));
  }

  get #isList(): boolean {
    return this.#core.legs.length > 1;
  }

  /** One request (a fallback list for several legs) for the whole generation; the model's own follow-ups go through the gateway too. */
  async doGenerate(options: CallOptions): Promise<unknown> {
    const { result, metadata } = await this.#core.call<{ videos: Video[]; providerMetadata?: Record<string, Record<string, unknown>> }>('doGenerate', options);
    const videos = await this.#deliver(result.videos, metadata, undefined, options.abortSignal);
    return { ...result, videos: videos.videos, providerMetadata: { ...result.providerMetadata, [PROVIDER_OPTIONS_KEY]: { ...metadata, videos: videos.metadata } } };
  }

  /**
   * Starts the operation: one request, or for a list a universal request the gateway falls back
   * across. The operation a list gives back names the leg that started it, so that its polls go to that leg's provider.
   */
  async doStart(options: CallOptions): Promise<unknown> {
    const { result, metadata } = await this.#core.call<{ operation: Operation; providerMetadata?: Record<string, Record<string, unknown>> }>('doStart' as ModelMethod, options);
    const leg = metadata.step;
    const operation: Operation = this.#isList ? ({ leg, modelId: this.#core.legs[leg]!.model.modelId, operation: result.operation } satisfies ListOperation) : result.operation;
    const gateway: AiGatewayVideoMetadata = metadata.logId === undefined ? metadata : { ...metadata, startLogId: metadata.logId };
    return { ...result, operation, providerMetadata: { ...result.providerMetadata, [PROVIDER_OPTIONS_KEY]: gateway } };
  }

  /**
   * One status poll, to the provider of the leg that started the operation. A failed operation, or
   * one the provider no longer has, throws `AiGatewayOperationError`; finished videos that are not
   * public assets are downloaded through the gateway and handed over as bytes.
   */
  async doStatus(options: CallOptions & { operation: Operation }): Promise<unknown> {
    const { leg, operation } = this.#legOf(options.operation);
    const model = this.#core.legs[leg]!.model;
    checkOperation(model, operation);
    let call: { result: StatusResult; metadata: AiGatewayMetadata };
    try {
      call = await this.#legCores[leg]!.call<StatusResult>('doStatus' as ModelMethod, { ...options, operation });
    } catch (error) {
      throw expiredOrSame(error, model, options.operation);
    }
    const metadata: AiGatewayMetadata = { ...call.metadata, step: leg, steps: this.#core.legs.length };
    const { result } = call;
    if (result.status === 'error') {
      throw new AiGatewayOperationError({ reason: 'failed', provider: model.provider, modelId: model.modelId, operation: options.operation, detail: result.error, logId: metadata.logId });
    }
    if (result.status !== 'completed') return { ...result, providerMetadata: { ...result.providerMetadata, [PROVIDER_OPTIONS_KEY]: metadata } };
    const delivered = await this.#deliver(result.videos ?? [], metadata, { leg, operation: options.operation }, options.abortSignal);
    return { ...result, videos: delivered.videos, providerMetadata: { ...result.providerMetadata, [PROVIDER_OPTIONS_KEY]: { ...metadata, videos: delivered.metadata } } };
  }

  /** The leg and the leg's own operation of an operation reference; a list's reference is checked. */
  #legOf(given: Operation): { leg: number; operation: Operation } {
    if (!this.#isList) return { leg: 0, operation: given };
    const ref = given as Partial<ListOperation> | null;
    const leg = typeof ref === 'object' && ref !== null ? ref.leg : undefined;
    if (typeof leg !== 'number' || !Number.isInteger(leg) || leg < 0 || leg >= this.#core.legs.length || ref!.modelId !== this.#core.legs[leg]!.model.modelId || !('operation' in ref!)) {
      throw new AiGatewayInvalidOptionsError({
        option: 'operation',
        value: given,
        problem: 'is not an operation started by this fallback list',
        allowed: `the operation experimental_startVideo gave for this model: { leg, modelId, operation }, leg from 0 to ${this.#core.legs.length - 1} with that leg's model id`,
      });
    }
    return { leg, operation: ref.operation };
  }

  /** Finished videos: a URL on a provider the gateway proxies (a file that needs the provider's key) is downloaded through the gateway. */
  async #deliver(videos: readonly Video[], metadata: AiGatewayMetadata, operation: { leg: number; operation: Operation } | undefined, signal: AbortSignal | undefined) {
    const out: Video[] = [];
    const each: AiGatewayMetadata[] = [];
    for (const video of videos) {
      if (video.type !== 'url' || typeof video.url !== 'string' || !isGatewayAsset(video.url, this.#context.routes)) {
        out.push(video);
        each.push(metadata);
        continue;
      }
      const model = this.#core.legs[operation?.leg ?? metadata.step]!.model;
      const downloaded = await downloadThroughGateway({ url: video.url, context: this.#context, model, signal, operation: operation?.operation });
      out.push({ type: 'binary', data: downloaded.data, mediaType: downloaded.mediaType ?? video.mediaType ?? 'video/mp4' });
      each.push({ ...metadata, ...downloaded.metadata, step: metadata.step, steps: metadata.steps });
    }
    return { videos: out, metadata: each };
  }
}

/** A 404 or 410 answer to a poll: the provider no longer has the operation. Anything else passes as it is. */
function expiredOrSame(error: unknown, model: ModelIdentity, operation: Operation): unknown {
  if (AiGatewayError.isInstance(error)) return error;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (status !== 404 && status !== 410) return error;
  return new AiGatewayOperationError({ reason: 'expired', provider: model.provider, modelId: model.modelId, operation, statusCode: status, cause: error });
}

/** The type of `aigateway.videoModel` (and `aigateway.video`): wraps one video model, or a fallback list of them, with options for its calls. */
export interface AiGatewayVideoModelFactory {
  <M extends VideoModelLike>(models: AiGatewayModels<M>, options?: AiGatewayModelOptions): OneGeneration<M, AiGatewayVideoModel<M>>;
}

/** Builds a video model on a gateway instance's context (the model options already applied). */
export function createVideoModel(context: GatewayModelContext, models: unknown, ids: ModelIdContext): unknown {
  return new GatewayVideoModel(context, models, ids);
}
