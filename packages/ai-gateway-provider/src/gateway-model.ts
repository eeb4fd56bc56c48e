import {
  callSecrets,
  checkStepCount,
  isCapturableModel,
  MAX_FALLBACK_STEPS,
  MODEL_METHODS,
  mergeOptions,
  pathSegment,
  PROVIDER_ID_PATTERN,
  sendGatewayCall,
  validateOptions,
  type AiGatewayOptions,
  type GatewayCallResult,
  type GatewayRequest,
  type GatewayResponseMetadata,
  type GatewayTransport,
  type ModelKind,
  type ModelMethod,
  type ProviderRoute,
} from '@aigw/core';
import { AiGatewayCaptureError, AiGatewayInvalidOptionsError } from '@aigw/errors';
import { splitCallHeaders } from './call-headers';
import { skippedLegs, type AiGatewaySkippedLeg } from './fallback-attempts';
import { activeTraceHeaders, annotateActiveSpan } from './telemetry';
import { createGatewayContext } from './gateway-context';
import type { ModelIdentity, SpecificationVersion } from './model-types';
import type { AiGatewaySettings } from './settings';
import { checkSpecificationVersion, commonSpecificationVersion } from './specification-version';

/** The key of the gateway's entry in `providerOptions` and `providerMetadata`. */
export const PROVIDER_OPTIONS_KEY = 'aigateway';

/** `createAI`'s key for per-call options, taken as an alias of `providerOptions.aigateway`. */
const ALIAS_OPTIONS_KEY = 'cloudflare';

/** A model, or a model with options that apply to its fallback leg only. */
export type AiGatewayLeg<M> =
  | M
  | {
      model: M;
      /** Gateway options for this leg only, sent as step headers (they win over the call's and the instance's). */
      options?: AiGatewayOptions;
      /** Force the gateway provider id of this leg (e.g. `custom-my-llm`) instead of matching its URL. */
      provider?: string;
    };

/** `providerMetadata.aigateway` on every result; in `streamText`, on `finish-step` and in `await result.providerMetadata`. */
export interface AiGatewayMetadata extends GatewayResponseMetadata {
  /** Model id of the model that answered. */
  readonly modelId: string;
  /** The AI SDK provider name of the model that answered, e.g. `openai.chat`. */
  readonly modelProvider: string;
  /** How many models were in the fallback list. */
  readonly steps: number;
  /** The legs that failed before the one that answered; absent when the primary answered. */
  readonly skipped?: readonly AiGatewaySkippedLeg[];
}

interface ResolvedLeg {
  readonly model: ModelIdentity;
  readonly options?: AiGatewayOptions;
  readonly provider?: string;
}

export interface GatewayModelContext {
  readonly transport: GatewayTransport;
  readonly options: AiGatewayOptions;
  readonly routes?: readonly ProviderRoute[];
  /** Send the active OpenTelemetry span's trace context, so the gateway's spans join the caller's trace. */
  readonly linkTraces: boolean;
  /** Send a single model with a JSON body to the universal endpoint (the `universal` setting). */
  readonly universal?: boolean;
}

const isLegObject = (value: unknown): value is { model: object; options?: unknown; provider?: unknown } =>
  typeof value === 'object' && value !== null && 'model' in value && typeof (value).model === 'object' && !('specificationVersion' in value);

/** Normalises and checks a fallback list before any request is sent. */
export function resolveLegs(input: unknown, kind: ModelKind, methods: readonly ModelMethod[] = MODEL_METHODS[kind]): ResolvedLeg[] {
  const isList = Array.isArray(input);
  const list = isList ? (input as unknown[]) : [input];
  if (list.length === 0) {
    throw new AiGatewayInvalidOptionsError({ option: 'models', value: list, problem: 'is an empty list', allowed: `one ${kind} model, or a list of at least one` });
  }
  checkStepCount(list.length);
  // An index loop visits the holes of a sparse list (`[a, , b]`), which map would skip and leave undefined.
  const legs: ResolvedLeg[] = [];
  for (let i = 0; i < list.length; i++) legs.push(resolveLeg(list[i], isList ? `models[${i}]` : 'model', kind, methods));
  if (legs.length > 1) commonSpecificationVersion(legs.map((l) => l.model.specificationVersion));
  return legs;
}

/**
 * The most models one fallback list takes: 32. The gateway tries them one after another, so a
 * longer list only adds latency and memory (10,000 legs once took 12 s and 640 MB to build); a
 * longer one is refused with `AiGatewayInvalidOptionsError` when the wrapper is made.
 */
export const MAX_FALLBACK_LEGS: number = MAX_FALLBACK_STEPS;

function resolveLeg(entry: unknown, where: string, kind: ModelKind, methods: readonly ModelMethod[]): ResolvedLeg {
  const legObject = isLegObject(entry);
  const model = (legObject ? entry.model : entry) as Record<string, unknown> | null | undefined;
  if (typeof model !== 'object' || model === null || !hasMethods(model, methods)) {
    throw new AiGatewayInvalidOptionsError({
      option: where,
      value: model,
      problem: `is not a ${kind} model`,
      allowed: `a ${kind} model of specification v2, v3 or v4 (with ${methods.join(' and ')}), e.g. from an official @ai-sdk/* provider`,
    });
  }
  checkSpecificationVersion({ value: model.specificationVersion, where, kind });
  if (!('config' in model) && !isCapturableModel(model)) throw wrappedModel(model);
  if (!legObject) return { model: model as unknown as ResolvedLeg['model'] };
  const options = validateOptions(entry.options, `${where}.options`);
  // The provider id is a path segment of the leg's request (a custom provider's slug among them).
  const provider = entry.provider === undefined ? undefined : pathSegment(entry.provider, { option: `${where}.provider`, allowed: 'a lower-case gateway provider id such as "openai" or "custom-my-llm"', pattern: PROVIDER_ID_PATTERN });
  const leg: { model: ResolvedLeg['model']; options?: AiGatewayOptions; provider?: string } = { model: model as unknown as ResolvedLeg['model'], options };
  if (provider) leg.provider = provider;
  return leg;
}

/**
 * A model with no `config` at all cannot be captured, and most often it is a model wrapped with
 * middleware (`wrapLanguageModel` returns a plain object whose methods call the wrapped model,
 * out of reach). Said when the wrapper is made, with the way that works.
 */
function wrappedModel(model: Record<string, unknown>): AiGatewayCaptureError {
  return new AiGatewayCaptureError({
    provider: typeof model.provider === 'string' ? model.provider : 'unknown',
    modelId: typeof model.modelId === 'string' ? model.modelId : 'unknown',
    reason:
      'it has no config, so the request it sends cannot be captured. A model wrapped with middleware (wrapLanguageModel, ' +
      'wrapEmbeddingModel, wrapImageModel from "ai") hides the model it wraps, and a gateway model inside another is the same: ' +
      'wrap outside the gateway instead, wrapLanguageModel({ model: aigateway(model), middleware })',
  });
}

function hasMethods(model: Record<string, unknown>, methods: readonly ModelMethod[]): boolean {
  for (let i = 0; i < methods.length; i++) if (typeof model[methods[i]!] !== 'function') return false;
  return true;
}

const CALL_OPTIONS_PATH = `providerOptions.${PROVIDER_OPTIONS_KEY}`;
const ALIAS_OPTIONS_PATH = `providerOptions.${ALIAS_OPTIONS_KEY}`;

/**
 * A call's gateway options: `providerOptions.aigateway`, or `providerOptions.cloudflare` (createAI's
 * key) in its place; both at once are refused rather than one silently winning.
 */
function callGatewayOptions(providerOptions: Record<string, unknown> | undefined): { value: unknown; path: string } | undefined {
  if (providerOptions === undefined) return undefined;
  const own = providerOptions[PROVIDER_OPTIONS_KEY];
  const alias = providerOptions[ALIAS_OPTIONS_KEY];
  if (alias === undefined) return own === undefined ? undefined : { value: own, path: CALL_OPTIONS_PATH };
  if (own !== undefined) {
    throw new AiGatewayInvalidOptionsError({
      option: ALIAS_OPTIONS_PATH,
      value: alias,
      problem: `is given together with ${CALL_OPTIONS_PATH}`,
      allowed: `one of them: ${CALL_OPTIONS_PATH} (this package's key), or ${ALIAS_OPTIONS_PATH} (createAI's, taken as its alias)`,
    });
  }
  return { value: alias, path: ALIAS_OPTIONS_PATH };
}

/**
 * `providerOptions.aigateway` of a call, split and checked once: its gateway options, and the call
 * options with its `headers` and `sessionAffinity` added to the AI SDK's `headers` call option.
 */
function splitCallOptions(raw: unknown, callOptions: Record<string, unknown>, path: string): { options: AiGatewayOptions | undefined; callOptions: Record<string, unknown> } {
  const { options, headers } = splitCallHeaders(raw, path);
  return {
    options: validateOptions(options, path),
    callOptions: headers === undefined ? callOptions : { ...callOptions, headers: { ...(callOptions.headers as Record<string, string> | undefined), ...headers } },
  };
}

/** The shared part of every wrapper model: one gateway call with fallback across the legs. */
export class GatewayModelCore {
  readonly legs: readonly ResolvedLeg[];

  constructor(
    private readonly context: GatewayModelContext,
    legs: readonly ResolvedLeg[],
  ) {
    this.legs = legs;
  }

  /** The specification version of every model of the list, which the wrapper speaks too. */
  get specificationVersion(): SpecificationVersion {
    return this.legs[0]!.model.specificationVersion;
  }

  get provider(): string {
    return this.legs[0]!.model.provider;
  }

  get modelId(): string {
    return this.legs[0]!.model.modelId;
  }

  async call<R>(method: ModelMethod, callOptions: Record<string, unknown>): Promise<{ result: R; metadata: AiGatewayMetadata; request: GatewayRequest }> {
    const context = this.context;
    const gatewayId = context.transport.gateway;
    // Most calls carry no `providerOptions.aigateway`: nothing to split, check or merge then.
    const raw = callGatewayOptions(callOptions.providerOptions as Record<string, unknown> | undefined);
    const perCall = raw === undefined ? undefined : splitCallOptions(raw.value, callOptions, raw.path);
    const options = perCall?.options ? mergeOptions(context.options, perCall.options) : context.options;
    let trace = context.linkTraces ? activeTraceHeaders() : undefined;
    if (trace instanceof Promise) trace = await trace;
    let gateway: GatewayCallResult<R>;
    try {
      gateway = await sendGatewayCall<R>({
        legs: this.legs,
        method,
        callOptions: perCall?.callOptions ?? callOptions,
        transport: context.transport,
        options,
        routes: context.routes,
        ...(context.universal === true ? { universal: true } : {}),
        ...(trace === undefined ? {} : { headers: trace }),
      });
    } catch (error) {
      const annotating = annotateActiveSpan({ error, gatewayId });
      if (annotating) await annotating;
      throw error;
    }
    const step = gateway.metadata.step;
    const winner = this.legs[step]!.model;
    const metadata: AiGatewayMetadata = { ...gateway.metadata, modelId: winner.modelId, modelProvider: winner.provider, steps: this.legs.length };
    if (step > 0) {
      const skipped = skippedLegs({ step, request: gateway.request, legs: this.legs });
      if (skipped.length > 0) (metadata as { skipped?: readonly AiGatewaySkippedLeg[] }).skipped = skipped;
    }
    const annotating = annotateActiveSpan({ metadata, gatewayId });
    if (annotating) await annotating;
    return { result: gateway.result, metadata, request: gateway.request };
  }

  /** Every secret of a call that was sent (the transport's, the request's): scrubbed from a streamed error. */
  secretsOf(request: GatewayRequest): string[] {
    return callSecrets(request, this.context.transport.secrets?.());
  }
}

type ProviderMetadata = Record<string, Record<string, unknown>>;

/** The smallest of the numbers among `values` (the limit every model of a list can take); undefined when none is a number. */
export function smallest(values: readonly unknown[]): number | undefined {
  const known = values.filter((n): n is number => typeof n === 'number');
  return known.length > 0 ? Math.min(...known) : undefined;
}

const resultWithMetadata = <R extends object>(call: { result: R; metadata: AiGatewayMetadata }): R => withGatewayMetadata(call.result, call.metadata);

/** Adds `aigateway` metadata to a result's `providerMetadata`. */
export function withGatewayMetadata<T extends object>(result: T, metadata: AiGatewayMetadata): T {
  const current = (result as { providerMetadata?: ProviderMetadata }).providerMetadata;
  // `metadata` is built for each call (GatewayModelCore.call) and handed over as it is.
  return { ...result, providerMetadata: { ...current, [PROVIDER_OPTIONS_KEY]: metadata } };
}

/** What every wrapper model shares: the identity of its primary model and one gateway call. */
export abstract class AiGatewayModelBase {
  protected readonly core: GatewayModelCore;

  /**
   * `(models, settings)` as in ai-gateway-provider 4.x (`new AiGatewayChatLanguageModel(models, settings)`),
   * or a shared core from `createAiGateway`.
   */
  constructor(kind: ModelKind, models: unknown, settings?: AiGatewaySettings | GatewayModelCore) {
    this.core = settings instanceof GatewayModelCore ? settings : new GatewayModelCore(createGatewayContext(settings), resolveLegs(models, kind));
  }

  /** The specification version of the wrapped models (`v2` for AI SDK 5, `v3` for 6, `v4` for 7). */
  get specificationVersion(): SpecificationVersion {
    return this.core.specificationVersion;
  }

  /** The primary model's provider, as ai-gateway-provider 4.x reported it. */
  get provider(): string {
    return this.core.provider;
  }

  /** The primary model's id. */
  get modelId(): string {
    return this.core.modelId;
  }

  /** A member of every model of the list, awaited (specification members may be promises). */
  protected legValues(name: string): Promise<unknown[]> {
    return Promise.all(this.core.legs.map((l) => (l.model as unknown as Record<string, unknown>)[name]));
  }

  /** Sends one call through the gateway and adds `providerMetadata.aigateway` to the result. */
  protected send<R extends object>(method: ModelMethod, options: object): Promise<R> {
    // A shared handler on the call's own promise: no async layer of its own.
    return this.core.call<R>(method, options as Record<string, unknown>).then(resultWithMetadata);
  }
}
