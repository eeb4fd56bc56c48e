import { resolveGatewayOptions } from '@aigw/core';
import { AiGatewayInvalidOptionsError } from '@aigw/errors';
import { GatewayModelCore, smallest } from '../gateway-model';
import type { ModelIdContext } from '../ids/id-types';
import type { AiGatewayModelOptions } from '../model-options';
import { PROVIDER_OPTIONS_KEY, type AiGatewayMetadata, type AiGatewayModels, type GatewayModelContext, type ModelIdentity, type OneGeneration } from '../model-types';
import { resolveLegs } from '../resolve-legs';
import type * as VideoCalls from './video-calls';
import type { VideoLegs } from './video-calls';

/** The calls' code (starts, polls, downloads) loads on a video model's first call: apps without video never load it. */
let calls: Promise<typeof VideoCalls> | undefined;
const loadCalls = () => (calls ??= import('./video-calls'));

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
  /** The list's core, the context, and one core per leg for the polls of an operation that leg started. */
  readonly #legs: VideoLegs;

  constructor(context: GatewayModelContext, models: unknown, ids: ModelIdContext) {
    checkVideoModels(models);
    const legs = resolveLegs(models, 'video', ids);
    const core = new GatewayModelCore(context, legs);
    // A poll must reach the provider every time: an answer from the gateway's cache would say
    // "in progress" for ever. The polls skip the cache whatever the instance's options say.
    const polls: GatewayModelContext = { ...context, options: resolveGatewayOptions({ skipCache: true }, { path: 'video polls', below: context.options }) };
    this.#legs = { core, context, legCores: legs.map((leg) => new GatewayModelCore(polls, [leg])), key: PROVIDER_OPTIONS_KEY };
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
    return this.#legs.core.specificationVersion;
  }

  get provider(): string {
    return this.#legs.core.provider;
  }

  get modelId(): string {
    return this.#legs.core.modelId;
  }

  /** The smallest limit of the list; a model's limit function is asked when the AI SDK asks. */
  get maxVideosPerCall(): number | undefined | ((options: { modelId: string }) => Promise<number | undefined>) {
    const limits = this.#legs.core.legs.map((l) => (l.model as VideoModelLike).maxVideosPerCall);
    if (!limits.some((v) => typeof v === 'function')) return smallest(limits);
    return async () =>
      smallest(await Promise.all(this.#legs.core.legs.map((l) => {
        const limit = (l.model as VideoModelLike).maxVideosPerCall;
        return typeof limit === 'function' ? (limit as (o: { modelId: string }) => unknown)({ modelId: l.model.modelId }) : limit;
      })));
  }

  /** One request (a fallback list for several legs) for the whole generation; the model's own follow-ups go through the gateway too. */
  async doGenerate(options: Record<string, unknown>): Promise<unknown> {
    return (await loadCalls()).doGenerate(this.#legs, options);
  }

  /** Starts the operation: for a list, the operation it gives back names the leg that started it. */
  async doStart(options: Record<string, unknown>): Promise<unknown> {
    return (await loadCalls()).doStart(this.#legs, options);
  }

  /** One status poll, to the provider of the leg that started the operation. */
  async doStatus(options: Record<string, unknown> & { operation: unknown }): Promise<unknown> {
    return (await loadCalls()).doStatus(this.#legs, options);
  }
}

/** The type of `aigateway.videoModel` (and `aigateway.video`): wraps one video model, or a fallback list of them, with options for its calls. */
export interface AiGatewayVideoModelFactory {
  <M extends VideoModelLike>(models: AiGatewayModels<M>, options?: AiGatewayModelOptions): OneGeneration<M, AiGatewayVideoModel<M>>;
}

/** Builds a video model on a gateway instance's context (the model options already applied). */
export function createVideoModel(context: GatewayModelContext, models: unknown, ids: ModelIdContext): unknown {
  return new GatewayVideoModel(context, models, ids);
}
