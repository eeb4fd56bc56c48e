import { checkStepCount, isCapturableModel, MAX_FALLBACK_STEPS, MODEL_METHODS, pathSegment, PROVIDER_ID_PATTERN, resolveGatewayOptions, type ModelKind, type ModelMethod } from '@aigw/core';
import { AiGatewayCaptureError, AiGatewayInvalidOptionsError } from '@aigw/errors';
import { expandModelIds } from './ids/expand-model-ids';
import type { ModelIdContext } from './ids/id-types';
import type { ModelIdentity, ResolvedLeg } from './model-types';
import { checkSpecificationVersion, commonSpecificationVersion } from './specification-version';

/**
 * The most models one fallback list takes: 32. The gateway tries them one after another, so a
 * longer list only adds latency and memory; a longer one is refused with
 * `AiGatewayInvalidOptionsError` when the wrapper is made.
 */
export const MAX_FALLBACK_LEGS: number = MAX_FALLBACK_STEPS;

/**
 * What the user passed (a model, an id, a leg object, or a fallback list of them) as the legs of a
 * wrapper of `kind`, checked before any request is sent: ids (and `workers-ai-provider` models)
 * expanded into models the core can capture, each leg a model of that kind with its options
 * validated, and one specification version for the whole list. `aigateway(...)` and the 4.x
 * constructors (`new AiGatewayChatLanguageModel(models, settings)`) both come here.
 */
export function resolveLegs(input: unknown, kind: ModelKind, ids: ModelIdContext): ResolvedLeg[] {
  const expanded = expandModelIds(input, kind, ids);
  const isList = Array.isArray(expanded);
  const list = isList ? (expanded as unknown[]) : [expanded];
  if (list.length === 0) {
    throw new AiGatewayInvalidOptionsError({ option: 'models', value: list, problem: 'is an empty list', allowed: `one ${kind} model, or a list of at least one` });
  }
  checkStepCount(list.length);
  const methods = MODEL_METHODS[kind];
  // An index loop visits the holes of a sparse list (`[a, , b]`), which map would skip and leave undefined.
  const legs: ResolvedLeg[] = [];
  for (let i = 0; i < list.length; i++) legs.push(resolveLeg(list[i], isList ? `models[${i}]` : 'model', kind, methods));
  if (legs.length > 1) commonSpecificationVersion(legs.map((l) => l.model.specificationVersion));
  return legs;
}

const isLegObject = (value: unknown): value is { model: object; options?: unknown; provider?: unknown } =>
  typeof value === 'object' && value !== null && 'model' in value && typeof value.model === 'object' && !('specificationVersion' in value);

function resolveLeg(entry: unknown, where: string, kind: ModelKind, methods: readonly ModelMethod[]): ResolvedLeg {
  const legObject = isLegObject(entry);
  const model = legObject ? entry.model : entry;
  if (!isModel(model, methods)) {
    throw new AiGatewayInvalidOptionsError({
      option: where,
      value: model,
      problem: `is not a ${kind} model`,
      allowed: `a ${kind} model of specification v2, v3 or v4 (with ${methods.join(' and ')}), e.g. from an official @ai-sdk/* provider`,
    });
  }
  checkSpecificationVersion({ value: model.specificationVersion, where, kind });
  if (!('config' in model) && !isCapturableModel(model)) throw wrappedModel(model);
  if (!legObject) return { model };
  // A leg's options take the route of every option layer; its step headers are made per call, over the call's options.
  const { options } = resolveGatewayOptions(entry.options, { path: `${where}.options` });
  // The provider id is a path segment of the leg's request (a custom provider's slug among them).
  const provider = entry.provider === undefined ? undefined : pathSegment(entry.provider, { option: `${where}.provider`, allowed: 'a lower-case gateway provider id such as "openai" or "custom-my-llm"', pattern: PROVIDER_ID_PATTERN });
  return provider ? { model, options, provider } : { model, options };
}

/** An object with every method of its kind; its identity (`specificationVersion`, `provider`, `modelId`) is checked after. */
function isModel(model: unknown, methods: readonly ModelMethod[]): model is ModelIdentity & Record<string, unknown> {
  if (typeof model !== 'object' || model === null) return false;
  for (let i = 0; i < methods.length; i++) if (typeof (model as Record<string, unknown>)[methods[i]!] !== 'function') return false;
  return true;
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
