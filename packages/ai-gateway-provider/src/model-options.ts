import { resolveGatewayOptions, type AiGatewayOptions } from '@aigw/core';
import { invalidOption } from './invalid-option';
import type { GatewayModelContext, ModelIdSettings } from './model-types';

/**
 * The second argument of `aigateway(model, options)` (as `createAI`'s `ai(model, options)`): gateway
 * options for every call of this model, between the instance's and the call's (call > model >
 * instance), and, for a single string id, the settings of its leg (`sessionAffinity`, `headers`,
 * `rejectIfBusy`, `reasoningEffort`, `chatTemplateKwargs`).
 */
export type AiGatewayModelOptions = AiGatewayOptions & ModelIdSettings;

const ID_SETTINGS = new Set(['sessionAffinity', 'headers', 'rejectIfBusy', 'reasoningEffort', 'chatTemplateKwargs']);
const WHERE = 'options (the second argument)';

/** createAI's per-model options this package has another way for: refused with that way. */
const REFUSED: Readonly<Record<string, string>> = {
  fallback: 'a fallback list as the first argument, aigateway([primary, fallback]): the gateway falls back on its side',
  vendorKey: "the vendor model's own apiKey (sent) or none (the gateway's stored key or Unified Billing)",
};

/**
 * Applies `aigateway(model, options)`: returns the models with the id-leg settings put on a single
 * id's leg, and the context with the gateway options merged over the instance's. Everything is
 * checked here, when the model is made: an unknown key is refused, never ignored.
 */
export function applyModelOptions(models: unknown, raw: unknown, context: GatewayModelContext): { models: unknown; context: GatewayModelContext } {
  if (raw === undefined) return { models, context };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalidOption(WHERE, 'is not an object', 'gateway options ({ cacheTtl, metadata, ... }) and, for a single id, its leg settings', raw);
  }
  const gateway: Record<string, unknown> = {};
  const leg: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (key in REFUSED) throw invalidOption(`${WHERE}.${key}`, 'is an option of createAI that this package does not take', REFUSED[key]!, value);
    (ID_SETTINGS.has(key) ? leg : gateway)[key] = value;
  }
  const options = resolveGatewayOptions(gateway, { path: WHERE, below: context.options });
  const merged = options === context.options ? context : { ...context, options };
  if (Object.keys(leg).length === 0) return { models, context: merged };
  if (Array.isArray(models)) {
    const name = Object.keys(leg)[0]!;
    throw invalidOption(`${WHERE}.${name}`, 'is a setting of one id leg, given for a fallback list', `the setting on each id leg of the list: [{ model: '@cf/...', ${name} }, ...]`, leg[name]);
  }
  // A leg object's own settings win over the second argument's.
  const entry = typeof models === 'object' && models !== null && 'model' in models && !('specificationVersion' in models) ? { ...leg, ...models } : { model: models, ...leg };
  return { models: entry, context: merged };
}
