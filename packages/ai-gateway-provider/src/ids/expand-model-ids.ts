import { checkStepCount, resolveGatewayOptions, type ModelKind } from '@aigw/core';
import { invalidOption } from '../invalid-option';
import { createIdModel } from './create-id-model';
import { workersAiProviderModelId } from './id-route';
import type { CheckedIdSettings, ModelIdContext } from './id-types';

type IdLegFields = { sessionAffinity?: unknown; headers?: unknown; rejectIfBusy?: unknown; reasoningEffort?: unknown; chatTemplateKwargs?: unknown };
const ID_SETTINGS = ['sessionAffinity', 'headers', 'rejectIfBusy', 'reasoningEffort', 'chatTemplateKwargs'] as const;
const REASONING_EFFORTS = ['low', 'medium', 'high'];

const isPlainLeg = (value: unknown): value is { model: unknown } & IdLegFields =>
  typeof value === 'object' && value !== null && 'model' in value && !('specificationVersion' in value);

/**
 * Replaces every string id of a fallback list, and every `workers-ai-provider` model (which sends
 * through its own binding or fetch and so cannot be captured), by a model the core can capture.
 * Leg options (`{ model, options, provider }`) are kept; the id-only leg settings `sessionAffinity`,
 * `headers`, `rejectIfBusy`, `reasoningEffort` and `chatTemplateKwargs` are built into the id's model.
 */
export function expandModelIds(input: unknown, kind: ModelKind, context: ModelIdContext): unknown {
  const list = Array.isArray(input) ? input : [input];
  checkStepCount(list.length);
  const out = list.map((entry: unknown, i) => {
    const where = Array.isArray(input) ? `models[${i}]` : 'model';
    const leg = isPlainLeg(entry) ? entry : undefined;
    const model = leg ? leg.model : entry;
    const id = typeof model === 'string' ? model : workersAiProviderModelId(model);
    const settings = leg ? legSettings(leg, where) : undefined;
    if (id === undefined) {
      if (leg !== undefined && settings !== undefined) {
        const name = ID_SETTINGS.find((key) => leg[key] !== undefined)!;
        throw invalidOption(
          `${where}.${name}`,
          'is set on a model object',
          "a string id leg ({ model: '@cf/...', headers }); for a model object, set headers on its provider or per call",
          leg[name],
        );
      }
      return entry;
    }
    const resolved = createIdModel({ id, kind, context, option: typeof model === 'string' ? where : `${where} (a workers-ai-provider model)`, ...(settings ? { settings } : {}) });
    if (!leg) return resolved;
    const { sessionAffinity: _s, headers: _h, rejectIfBusy: _r, reasoningEffort: _e, chatTemplateKwargs: _k, ...rest } = leg;
    return { ...rest, model: resolved };
  });
  return Array.isArray(input) ? out : out[0];
}

function legSettings(leg: IdLegFields, where: string): CheckedIdSettings | undefined {
  const { sessionAffinity, headers, rejectIfBusy, reasoningEffort, chatTemplateKwargs } = leg;
  if (ID_SETTINGS.every((key) => leg[key] === undefined)) return undefined;
  if (rejectIfBusy !== undefined && typeof rejectIfBusy !== 'boolean') throw invalidOption(`${where}.rejectIfBusy`, 'is not a boolean', 'true or false', rejectIfBusy);
  if (reasoningEffort !== undefined && !REASONING_EFFORTS.includes(reasoningEffort as string)) {
    throw invalidOption(`${where}.reasoningEffort`, 'is not a reasoning effort Workers AI takes', REASONING_EFFORTS.map((e) => `"${e}"`).join(', '), reasoningEffort);
  }
  if (chatTemplateKwargs !== undefined) checkTemplateKwargs(chatTemplateKwargs, `${where}.chatTemplateKwargs`);
  // The leg's own request headers take the route of a call's (`sessionAffinity` becomes `x-session-affinity`).
  const own = sessionAffinity === undefined && headers === undefined ? undefined : resolveGatewayOptions({ sessionAffinity, headers }, { path: where, modelHeaders: true }).modelHeaders;
  return {
    ...(reasoningEffort !== undefined ? { reasoningEffort: reasoningEffort as CheckedIdSettings['reasoningEffort'] & string } : {}),
    ...(chatTemplateKwargs !== undefined ? { chatTemplateKwargs: chatTemplateKwargs as Record<string, unknown> } : {}),
    ...(own !== undefined ? { headers: own } : {}),
    ...(rejectIfBusy !== undefined ? { rejectIfBusy } : {}),
  };
}

/** `chatTemplateKwargs`: a plain object that JSON can carry (it is sent in the JSON body). */
function checkTemplateKwargs(value: unknown, option: string): void {
  const allowed = 'an object of JSON values for the chat template, e.g. { enable_thinking: false }';
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) throw invalidOption(option, 'is not a plain object', allowed, value);
  try {
    JSON.stringify(value);
  } catch {
    throw invalidOption(option, 'holds a value JSON cannot carry (a bigint or a cycle)', allowed, value);
  }
}
