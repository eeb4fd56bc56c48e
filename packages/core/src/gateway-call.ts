import { AiGatewayCaptureError, AiGatewayError, redactError } from '@aigw/errors';
import { callSecrets } from './call-secrets';
import { captureCall, type CapturedRequest, type FollowUpFetch, type ModelMethod, type PendingCall } from './capture';
import { decodeForModel } from './decode';
import type { DecodeGatewayResponseOptions, GatewayResponseMetadata } from './decode-types';
import { tappedFailure } from './json-tap';
import { encodeGatewayRequest, encodeStep } from './encode';
import type { GatewayRequest, GatewayStep } from './gateway-request';
import type { GatewaySendOptions, GatewayTransport } from './gateway-transport';
import { checkMergedMetadata, optionsToHeaders, type AiGatewayOptions } from './options';
import { resolveRoute, type ProviderRoute } from './provider-table';
import { sendProviderRequest } from './provider-request';
import { layerHeaders } from './resolve-options';
import { isAbortReason } from './transport-kit';

/** One model of a fallback list. */
export interface GatewayLeg {
  /** A model of specification v2, v3 or v4 (language, embedding, image, speech, transcription, reranking). */
  readonly model: object;
  /** Options for this leg only; sent as step headers, which win over the request's. */
  readonly options?: AiGatewayOptions;
  /** Force the gateway provider id of this leg instead of matching its URL. */
  readonly provider?: string;
}

/** What `sendGatewayCall` sends: the legs, the model method and its call options, and the transport. */
export interface SendGatewayCallOptions {
  readonly legs: readonly GatewayLeg[];
  readonly method: ModelMethod;
  /** The AI SDK's call options for the model method (`abortSignal` included). */
  readonly callOptions: Readonly<Record<string, unknown>>;
  readonly transport: GatewayTransport;
  /** Options for the whole request (instance merged with call), already validated. */
  readonly options?: AiGatewayOptions;
  /** The `cf-aig-*` headers of `options`, when they were resolved already (`resolveGatewayOptions`); built from `options` otherwise. */
  readonly optionHeaders?: Readonly<Record<string, string>>;
  readonly routes?: readonly ProviderRoute[];
  /**
   * More request headers for the gateway itself (not a step's), e.g. the caller's trace context
   * (`cf-aig-otel-trace-id`, `cf-aig-otel-parent-span-id`). Options' headers win over them.
   */
  readonly headers?: Readonly<Record<string, string>>;
  /** Send a single model with a JSON body to the universal endpoint (a one-step list), as 4.x did. */
  readonly universal?: boolean;
}

/** The outcome of `sendGatewayCall`: the answering model's result, the gateway metadata and the request sent. */
export interface GatewayCallResult<R> {
  /** The winning model's own result, parsed by its own code. */
  readonly result: R;
  readonly metadata: GatewayResponseMetadata;
  readonly request: GatewayRequest;
}

/**
 * One model call through the gateway: capture every leg's request (in parallel, each private to
 * this call), encode them as steps, send them with the transport, decode the answer, and hand it
 * to the model that answered, whose own parser produces the result. Streams are not buffered.
 */
export async function sendGatewayCall<R>(options: SendGatewayCallOptions): Promise<GatewayCallResult<R>> {
  const { legs, method, callOptions, transport } = options;
  checkMergedMetadata(options.options?.metadata, 'metadata');
  const followUp: FollowUpFetch = (request, ownFetch, signal) => sendFollowUp({ request, ownFetch, signal, options });
  // One model, nothing to settle together: no allSettled, and no async layer of its own.
  const pending = legs.length === 1 ? [await captureCall<R>(legs[0]!.model, method, callOptions, followUp)] : await captureAll<R>(legs, method, callOptions, followUp);
  let request: GatewayRequest | undefined;
  let handedOver: Response | undefined;
  try {
    const steps: GatewayStep[] = [];
    for (let i = 0; i < pending.length; i++) steps.push(legStep(pending[i]!, legs[i]!, options));
    const outer = options.optionHeaders ?? outerHeaders(options.options);
    request = encodeGatewayRequest(steps, options.headers === undefined ? outer : { ...options.headers, ...outer }, options.universal === true ? UNIVERSAL : undefined);
    const signal = callOptions.abortSignal as AbortSignal | undefined;
    const response = await transport.send(request, signal ? { signal } : NO_SEND_OPTIONS);
    // Built without spreads: this runs for every call.
    const decodeOptions: DecodeGatewayResponseOptions = { transport: transport.name, gatewayId: transport.gateway, secrets: transport.secrets?.() };
    // A streamed call's parser reads the stream as its events come; only a one-shot answer is tapped.
    const decoded = await decodeForModel(response, request, decodeOptions, method === 'doStream' ? 'stream' : 'tap');
    const winner = pending[decoded.metadata.step]!;
    if (pending.length > 1) for (const call of pending) if (call !== winner) call.discard();
    handedOver = decoded.response;
    const result = await winner.respond(handedOver);
    return { result, metadata: decoded.metadata, request };
  } catch (caught) {
    for (const call of pending) call.discard();
    // What the answer's tap refused reaches the model's parser as a failed read, which the provider
    // SDK wraps in an error of its own: the typed error is the one to throw.
    const tapped = handedOver === undefined ? undefined : tappedFailure(handedOver);
    let error = tapped === undefined ? caught : tapped;
    // The model's own parser builds its error from the answer (a 2xx body it could not parse, an
    // error it read there): whatever the gateway echoed is scrubbed from it, in place. The library's
    // own errors are scrubbed when they are built.
    // An abort (its reason is the caller's own value) passes as it is.
    const signal = callOptions.abortSignal as AbortSignal | undefined;
    if (request !== undefined && !AiGatewayError.isInstance(error) && !isAbortReason(error, signal)) {
      error = redactError(error, callSecrets(request, transport.secrets?.()));
    }
    // Loaded on failure only: a call that succeeds never loads the fallback-error code.
    throw (await import('./fallback-error')).withFallbackAttempts({ error, request, legs });
  }
}

const UNIVERSAL = Object.freeze({ universal: true });
const NO_SEND_OPTIONS: GatewaySendOptions = Object.freeze({});
const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});
const SKIP_CACHE = 'cf-aig-skip-cache';

/** The request's `cf-aig-*` headers; no record is built for options that set nothing (the usual call). */
function outerHeaders(options: AiGatewayOptions | undefined): Readonly<Record<string, string>> {
  if (options === undefined) return NO_HEADERS;
  for (const key in options) if (options[key as keyof AiGatewayOptions] !== undefined) return optionsToHeaders(options);
  return NO_HEADERS;
}

/** One leg's captured request as a gateway step. */
function legStep(call: PendingCall<unknown>, leg: GatewayLeg, options: SendGatewayCallOptions): GatewayStep {
  const model = leg.model as { provider?: string; modelId?: string };
  // How error messages name the model.
  const described = { provider: String(model.provider ?? 'unknown'), modelId: String(model.modelId ?? 'unknown') };
  const step = encodeStep(call.request, {
    routes: options.routes,
    provider: leg.provider,
    headers: leg.options ? layerHeaders(leg.options, options.options) : undefined,
    model: described,
  });
  if (!call.routed) checkCredentialsKept(step, described);
  return step;
}

async function captureAll<R>(legs: readonly GatewayLeg[], method: ModelMethod, callOptions: Readonly<Record<string, unknown>>, followUp: FollowUpFetch) {
  const settled = await Promise.allSettled(legs.map((leg) => captureCall<R>(leg.model, method, callOptions, followUp)));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    for (const s of settled) if (s.status === 'fulfilled') s.value.discard();
    throw failed.reason;
  }
  return settled.map((s) => (s as PromiseFulfilledResult<PendingCall<R>>).value);
}

/** Providers that add their credentials inside a fetch wrapper of their own (SigV4, express-mode keys). */
const WRAPPED_CREDENTIALS: Readonly<Record<string, string>> = {
  'aws-bedrock': 'ai-gateway-provider/providers/amazon-bedrock',
  'google-vertex-ai': 'ai-gateway-provider/providers/google-vertex',
};

/**
 * A Bedrock or Vertex model captured at its `config.fetch` has lost the credentials its provider's
 * own fetch wrapper would have added. Rather than send it without them (silently using the
 * gateway's stored key), say how to keep them.
 */
function checkCredentialsKept(step: GatewayStep, model: { readonly provider: string; readonly modelId: string }): void {
  const subPath = WRAPPED_CREDENTIALS[step.provider];
  if (subPath === undefined || 'authorization' in step.headers || 'x-goog-api-key' in step.headers) return;
  throw new AiGatewayCaptureError({
    provider: model.provider,
    modelId: model.modelId,
    reason:
      `its provider adds credentials (a SigV4 signature or an API key) in a fetch wrapper of its own, which a capture at config.fetch skips. ` +
      `Create the provider with the factory from '${subPath}' (with your credentials, or none to use the gateway's stored key), ` +
      'or pass `fetch: createCaptureFetch()` from @aigw/core to the official factory and register each model with `registerRoutedModel`',
  });
}

/**
 * A request the winning model sends after the gateway answered it (Replicate polls its prediction
 * and downloads its outputs): one to a provider the table knows goes through the gateway, on the
 * provider-native path with the call's options; anything else (a public asset such as an output
 * file) goes out with the model's own fetch. A follow-up GET (a status poll) skips the gateway's
 * cache whatever the options say: a cached "in progress" answer would come back on every poll.
 */
async function sendFollowUp(args: {
  request: CapturedRequest;
  ownFetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  signal: AbortSignal | undefined;
  options: SendGatewayCallOptions;
}): Promise<Response> {
  const { request, ownFetch, signal, options } = args;
  if (resolveRoute(request.url, { routes: options.routes }) === undefined) {
    const init: RequestInit = { method: request.method, headers: request.headers };
    if (request.body !== null) init.body = request.body as BodyInit;
    if (signal) init.signal = signal;
    return ownFetch(request.url, init);
  }
  const optionHeaders = options.optionHeaders ?? (options.options ? optionsToHeaders(options.options) : {});
  const headers = request.method.toUpperCase() === 'GET' ? { ...optionHeaders, [SKIP_CACHE]: 'true' } : optionHeaders;
  return (await sendProviderRequest(request, { transport: options.transport, routes: options.routes, headers, signal })).response;
}
