import { checkHeaders, checkSessionAffinity } from '../call-headers';
import { checkListLength } from '../gateway-model';
import { invalidOption } from '../invalid-option';
import { createIdModel, type ModelIdContext, type ModelIdModelKind, type CheckedIdSettings } from './create-id-model';
import { workersAiProviderModelId } from './model-id';

const isPlainLeg = (value: unknown): value is { model: unknown; sessionAffinity?: unknown; headers?: unknown } =>
  typeof value === 'object' && value !== null && 'model' in value && !('specificationVersion' in value);

/**
 * Replaces every string id of a fallback list, and every `workers-ai-provider` model (which sends
 * through its own binding or fetch and so cannot be captured), by a model the core can capture.
 * Leg options (`{ model, options, provider }`) are kept; the id-only leg settings `sessionAffinity`
 * and `headers` are built into the id's model.
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
        throw invalidOption(
          `${where}.${settings.sessionAffinity !== undefined ? 'sessionAffinity' : 'headers'}`,
          'is set on a model object',
          "a string id leg ({ model: '@cf/...', headers }); for a model object, set headers on its provider or per call",
          settings.sessionAffinity ?? settings.headers,
        );
      }
      return entry;
    }
    const resolved = createIdModel({ id, kind, context, option: typeof model === 'string' ? where : `${where} (a workers-ai-provider model)`, ...(settings ? { settings } : {}) });
    if (!leg) return resolved;
    const { sessionAffinity: _s, headers: _h, ...rest } = leg;
    return { ...rest, model: resolved };
  });
  return Array.isArray(input) ? out : out[0];
}

function legSettings(leg: { sessionAffinity?: unknown; headers?: unknown }, where: string): CheckedIdSettings | undefined {
  const { sessionAffinity, headers } = leg;
  if (sessionAffinity === undefined && headers === undefined) return undefined;
  return {
    ...(sessionAffinity !== undefined ? { sessionAffinity: checkSessionAffinity(sessionAffinity, where) } : {}),
    ...(headers !== undefined ? { headers: checkHeaders(headers, where) } : {}),
  };
}
