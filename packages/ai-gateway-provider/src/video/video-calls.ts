import type { ModelMethod } from '@aigw/core';
import { AiGatewayError, AiGatewayInvalidOptionsError, AiGatewayOperationError } from '@aigw/errors';
import type { GatewayModelCore } from '../gateway-model';
import type { AiGatewayMetadata, GatewayModelContext, ModelIdentity, PROVIDER_OPTIONS_KEY } from '../model-types';
import { downloadThroughGateway, isGatewayAsset } from './video-download';
import { checkOperation } from './video-operation';
import type { AiGatewayVideoMetadata } from './video-model';

// The calls of a video model (`aigateway.videoModel(...)`): loaded on its first call, so that apps
// without video never load them. The wrapper (video-model.ts) checks its models when it is built.

type Operation = unknown;
type CallOptions = Record<string, unknown> & { abortSignal?: AbortSignal };
type Video = { type: string; url?: string; mediaType?: string; data?: unknown };
type StatusResult = { status: 'pending' | 'completed' | 'error'; error?: string; videos?: Video[]; providerMetadata?: Record<string, Record<string, unknown>> };

/** What a video model's calls work on: the list's core, the instance's context, and one core per leg for the polls. */
export interface VideoLegs {
  readonly core: GatewayModelCore;
  readonly context: GatewayModelContext;
  /** One core per leg, for the polls of an operation that leg started. */
  readonly legCores: readonly GatewayModelCore[];
  /** `PROVIDER_OPTIONS_KEY`, handed over by the wrapper: a value imported from the entry's files would split them into a chunk of their own, one more file at import. */
  readonly key: typeof PROVIDER_OPTIONS_KEY;
}

/** The operation reference of a fallback list: which leg started it, and that leg's own reference. */
interface ListOperation {
  readonly leg: number;
  readonly modelId: string;
  readonly operation: Operation;
}

const isList = (v: VideoLegs): boolean => v.core.legs.length > 1;

/** One request (a fallback list for several legs) for the whole generation; the model's own follow-ups go through the gateway too. */
export async function doGenerate(v: VideoLegs, options: CallOptions): Promise<unknown> {
  const { result, metadata } = await v.core.call<{ videos: Video[]; providerMetadata?: Record<string, Record<string, unknown>> }>('doGenerate', options);
  const videos = await deliver(v, result.videos, metadata, undefined, options.abortSignal);
  return { ...result, videos: videos.videos, providerMetadata: { ...result.providerMetadata, [v.key]: { ...metadata, videos: videos.metadata } } };
}

/**
 * Starts the operation: one request, or for a list a universal request the gateway falls back
 * across. The operation a list gives back names the leg that started it, so that its polls go to that leg's provider.
 */
export async function doStart(v: VideoLegs, options: CallOptions): Promise<unknown> {
  const { result, metadata } = await v.core.call<{ operation: Operation; providerMetadata?: Record<string, Record<string, unknown>> }>('doStart' as ModelMethod, options);
  const leg = metadata.step;
  const operation: Operation = isList(v) ? ({ leg, modelId: v.core.legs[leg]!.model.modelId, operation: result.operation } satisfies ListOperation) : result.operation;
  const gateway: AiGatewayVideoMetadata = metadata.logId === undefined ? metadata : { ...metadata, startLogId: metadata.logId };
  return { ...result, operation, providerMetadata: { ...result.providerMetadata, [v.key]: gateway } };
}

/**
 * One status poll, to the provider of the leg that started the operation. A failed operation, or
 * one the provider no longer has, throws `AiGatewayOperationError`; finished videos that are not
 * public assets are downloaded through the gateway and handed over as bytes.
 */
export async function doStatus(v: VideoLegs, options: CallOptions & { operation: Operation }): Promise<unknown> {
  const { leg, operation } = legOf(v, options.operation);
  const model = v.core.legs[leg]!.model;
  checkOperation(model, operation);
  let call: { result: StatusResult; metadata: AiGatewayMetadata };
  try {
    call = await v.legCores[leg]!.call<StatusResult>('doStatus' as ModelMethod, { ...options, operation });
  } catch (error) {
    throw expiredOrSame(error, model, options.operation);
  }
  const metadata: AiGatewayMetadata = { ...call.metadata, step: leg, steps: v.core.legs.length };
  const { result } = call;
  if (result.status === 'error') {
    throw new AiGatewayOperationError({ reason: 'failed', provider: model.provider, modelId: model.modelId, operation: options.operation, detail: result.error, logId: metadata.logId });
  }
  if (result.status !== 'completed') return { ...result, providerMetadata: { ...result.providerMetadata, [v.key]: metadata } };
  const delivered = await deliver(v, result.videos ?? [], metadata, { leg, operation: options.operation }, options.abortSignal);
  return { ...result, videos: delivered.videos, providerMetadata: { ...result.providerMetadata, [v.key]: { ...metadata, videos: delivered.metadata } } };
}

/** The leg and the leg's own operation of an operation reference; a list's reference is checked. */
function legOf(v: VideoLegs, given: Operation): { leg: number; operation: Operation } {
  if (!isList(v)) return { leg: 0, operation: given };
  const ref = given as Partial<ListOperation> | null;
  const leg = typeof ref === 'object' && ref !== null ? ref.leg : undefined;
  if (typeof leg !== 'number' || !Number.isInteger(leg) || leg < 0 || leg >= v.core.legs.length || ref!.modelId !== v.core.legs[leg]!.model.modelId || !('operation' in ref!)) {
    throw new AiGatewayInvalidOptionsError({
      option: 'operation',
      value: given,
      problem: 'is not an operation started by this fallback list',
      allowed: `the operation experimental_startVideo gave for this model: { leg, modelId, operation }, leg from 0 to ${v.core.legs.length - 1} with that leg's model id`,
    });
  }
  return { leg, operation: ref.operation };
}

/** Finished videos: a URL on a provider the gateway proxies (a file that needs the provider's key) is downloaded through the gateway. */
async function deliver(v: VideoLegs, videos: readonly Video[], metadata: AiGatewayMetadata, operation: { leg: number; operation: Operation } | undefined, signal: AbortSignal | undefined) {
  const out: Video[] = [];
  const each: AiGatewayMetadata[] = [];
  for (const video of videos) {
    if (video.type !== 'url' || typeof video.url !== 'string' || !isGatewayAsset(video.url, v.context.routes)) {
      out.push(video);
      each.push(metadata);
      continue;
    }
    const model = v.core.legs[operation?.leg ?? metadata.step]!.model;
    const downloaded = await downloadThroughGateway({ url: video.url, context: v.context, model, signal, operation: operation?.operation });
    out.push({ type: 'binary', data: downloaded.data, mediaType: downloaded.mediaType ?? video.mediaType ?? 'video/mp4' });
    each.push({ ...metadata, ...downloaded.metadata, step: metadata.step, steps: metadata.steps });
  }
  return { videos: out, metadata: each };
}

/** A 404 or 410 answer to a poll: the provider no longer has the operation. Anything else passes as it is. */
function expiredOrSame(error: unknown, model: ModelIdentity, operation: Operation): unknown {
  if (AiGatewayError.isInstance(error)) return error;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (status !== 404 && status !== 410) return error;
  return new AiGatewayOperationError({ reason: 'expired', provider: model.provider, modelId: model.modelId, operation, statusCode: status, cause: error });
}
