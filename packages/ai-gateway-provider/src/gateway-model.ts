// The shared core of every wrapper model (one gateway call with fallback across its legs, its
// per-call options resolved) and the base class the six wrapper classes extend.
import { callSecrets, resolveGatewayOptions, sendGatewayCall, type GatewayCallResult, type GatewayRequest, type ModelKind, type ModelMethod } from '@aigw/core';
import { AiGatewayInvalidOptionsError } from '@aigw/errors';
import { setUpGatewayFor } from './gateway-context';
import { callMetadata, withGatewayMetadata } from './gateway-metadata';
import type { ModelIdContext } from './ids/id-types';
import { PROVIDER_OPTIONS_KEY, type AiGatewayMetadata, type GatewayModelContext, type ResolvedLeg, type SpecificationVersion } from './model-types';
import { resolveLegs } from './resolve-legs';
import type { AiGatewaySettings } from './settings';
import { activeTraceHeaders, annotateActiveSpan } from './telemetry';

/** `createAI`'s key for per-call options, taken as an alias of `providerOptions.aigateway`. */
const ALIAS_OPTIONS_KEY = 'cloudflare';
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

/** The shared part of every wrapper model: its legs, and one gateway call with fallback across them. */
export class GatewayModelCore {
  readonly legs: readonly ResolvedLeg[];

  constructor(
    private readonly context: GatewayModelContext,
    legs: readonly ResolvedLeg[],
  ) {
    this.legs = legs;
  }

  /** The core of a wrapper of `kind`: `models` resolved into legs (`resolveLegs`), sent with `context`. */
  static of(kind: ModelKind, models: unknown, context: GatewayModelContext, ids: ModelIdContext): GatewayModelCore {
    return new GatewayModelCore(context, resolveLegs(models, kind, ids));
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
    // Most calls carry no `providerOptions.aigateway`: the instance's options, resolved once, are sent as they are.
    const raw = callGatewayOptions(callOptions.providerOptions as Record<string, unknown> | undefined);
    const options = raw === undefined ? context.options : resolveGatewayOptions(raw.value, { path: raw.path, below: context.options, modelHeaders: true });
    // The call's `headers` and `sessionAffinity` join the AI SDK's `headers` call option, which every model sends.
    const modelHeaders = options.modelHeaders;
    const sent = modelHeaders === undefined ? callOptions : { ...callOptions, headers: { ...(callOptions.headers as Record<string, string> | undefined), ...modelHeaders } };
    let trace = context.linkTraces ? activeTraceHeaders() : undefined;
    if (trace instanceof Promise) trace = await trace;
    let gateway: GatewayCallResult<R>;
    try {
      // One object of one shape for every call: no spread of a conditional literal (`undefined` is "not given" to the core).
      gateway = await sendGatewayCall<R>({
        legs: this.legs,
        method,
        callOptions: sent,
        transport: context.transport,
        options: options.options,
        optionHeaders: options.headers,
        routes: context.routes,
        universal: context.universal === true ? true : undefined,
        headers: trace,
      });
    } catch (error) {
      const annotating = annotateActiveSpan({ error, gatewayId });
      if (annotating) await annotating;
      throw error;
    }
    const metadata = callMetadata(gateway, this.legs);
    const annotating = annotateActiveSpan({ metadata, gatewayId });
    if (annotating) await annotating;
    return { result: gateway.result, metadata, request: gateway.request };
  }

  /** Every secret of a call that was sent (the transport's, the request's): scrubbed from a streamed error. */
  secretsOf(request: GatewayRequest): string[] {
    return callSecrets(request, this.context.transport.secrets?.());
  }
}

/** The smallest of the numbers among `values` (the limit every model of a list can take); undefined when none is a number. */
export function smallest(values: readonly unknown[]): number | undefined {
  const known = values.filter((n): n is number => typeof n === 'number');
  return known.length > 0 ? Math.min(...known) : undefined;
}

const resultWithMetadata = <R extends object>(call: { result: R; metadata: AiGatewayMetadata }): R => withGatewayMetadata(call.result, call.metadata);

/** What every wrapper model shares: the identity of its primary model and one gateway call. */
export abstract class AiGatewayModelBase {
  protected readonly core: GatewayModelCore;

  constructor(core: GatewayModelCore) {
    this.core = core;
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
    return Promise.all(this.core.legs.map((l): unknown => Reflect.get(l.model, name)));
  }

  /** Sends one call through the gateway and adds `providerMetadata.aigateway` to the result. */
  protected send<R extends object>(method: ModelMethod, options: object): Promise<R> {
    // A shared handler on the call's own promise: no async layer of its own.
    return this.core.call<R>(method, options as Record<string, unknown>).then(resultWithMetadata);
  }
}

/**
 * The public class of a wrapper kind, constructed as in ai-gateway-provider 4.x:
 * `new AiGatewayChatLanguageModel(models, settings)`. Its legs come the way of `aigateway(...)`
 * (`resolveLegs`: ids expanded, legs checked), and its transport from the settings object, shared
 * by every model built with it (`setUpGatewayFor`). It is the wrapper class itself, seen through
 * that constructor: models from `createAiGateway` are instances of it too, and it can be extended.
 * `C` is the typed constructor, whose result type follows the models given (`OneGeneration`),
 * which no class declaration can state: hence the one cast.
 */
export function publicModelClass<C>(Model: new (core: GatewayModelCore) => AiGatewayModelBase, kind: ModelKind): C {
  return new Proxy(Model, {
    construct(target, args: [models?: unknown, settings?: AiGatewaySettings], newTarget: new (...args: never[]) => object) {
      const { context, ids } = setUpGatewayFor(args[1]);
      return Reflect.construct(target, [GatewayModelCore.of(kind, args[0], context, ids)], newTarget);
    },
  }) as unknown as C;
}
