import { checkHeaders, checkSessionAffinity } from '../call-headers';
import { checkListLength } from '../gateway-model';
import { invalidOption } from '../invalid-option';
import { createIdModel, type ModelIdContext, type ModelIdModelKind, type CheckedIdSettings } from './create-id-model';
import { workersAiProviderModelId } from './model-id';

const isPlainLeg = (value: unknown): value is { model: unknown; sessionAffinity?: unknown; headers?: unknown; rejectIfBusy?: unknown } =>
  typeof value === 'object' && value !== null && 'model' in value && !('specificationVersion' in value);

/**
 * Replaces every string id of a fallback list, and every `workers-ai-provider` model (which sends
 * through its own binding or fetch and so cannot be captured), by a model the core can capture.
 * Leg options (`{ model, options, provider }`) are kept; the id-only leg settings `sessionAffinity`,
 * `headers` and `rejectIfBusy` are built into the id's model.
 */
export function expandModelIds(input: unknown, kind: ModelIdModelKind, context: ModelIdContext): unknown {
  const list = Array.isArray(input) ? input : [input];
  checkListLength(list.length);
  const out = list.map((entry: unknown, i) => {
    const where = Array.isArray(input) ? `models[${i}]` : 'model';
    const leg = isPlainLeg(entry) ? entry : undefined;
    const model = leg ? leg.model : entry;
    const id = typeof model === 'string' ? model : workersAiProviderModelId(model);
    const settings = leg ? legSettings(leg, where) : undefined;
    if (id === undefined) {
      if (settings !== undefined) {
        const name = settings.sessionAffinity !== undefined ? 'sessionAffinity' : settings.headers !== undefined ? 'headers' : 'rejectIfBusy';
        throw invalidOption(
          `${where}.${name}`,
          'is set on a model object',
          "a string id leg ({ model: '@cf/...', headers }); for a model object, set headers on its provider or per call",
          settings.sessionAffinity ?? settings.headers ?? settings.rejectIfBusy,
        );
      }
      return entry;
    }
    const resolved = createIdModel({ id, kind, context, option: typeof model === 'string' ? where : `${where} (a workers-ai-provider model)`, ...(settings ? { settings } : {}) });
    if (!leg) return resolved;
    const { sessionAffinity: _s, headers: _h, rejectIfBusy: _r, ...rest } = leg;
    return { ...rest, model: resolved };
  });
  return Array.isArray(input) ? out : out[0];
}

function legSettings(leg: { sessionAffinity?: unknown; headers?: unknown; rejectIfBusy?: unknown }, where: string): CheckedIdSettings | undefined {
  const { sessionAffinity, headers, rejectIfBusy } = leg;
  if (sessionAffinity === undefined && headers === undefined && rejectIfBusy === undefined) return undefined;
  if (rejectIfBusy !== undefined && typeof rejectIfBusy !== 'boolean') throw invalidOption(`${where}.rejectIfBusy`, 'is not a boolean', 'true or false', rejectIfBusy);
  return {
    ...(sessionAffinity !== undefined ? { sessionAffinity: checkSessionAffinity(sessionAffinity, where) } : {}),
    ...(headers !== undefined ? { headers: checkHeaders(headers, where) } : {}),
    ...(rejectIfBusy !== undefined ? { rejectIfBusy } : {}),
  };
}
