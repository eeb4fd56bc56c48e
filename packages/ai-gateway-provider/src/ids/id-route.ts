import { pathSegment } from '@aigw/core';
import { invalidOption } from '../invalid-option';

/** Where a string id is sent: Workers AI (`@cf/...`, `@hf/...`), a dynamic route, or the gateway's catalog. */
export type IdRoute = 'workers-ai' | 'catalog' | 'dynamic';

/** Where an id is routed: `@cf/...` to Workers AI, `dynamic/<route>` to that route, `<provider>/<model>` to the catalog. */
export function idRoute(id: string, option: string): IdRoute {
  const kind = routeOf(id);
  if (kind !== undefined) {
    // Every kind of id may become (part of) a request path: a Workers AI id of the image, speech,
    // transcription and reranking kinds is the path of the run route.
    pathSegment(id, { option, allowed: 'a model id whose parts between "/" are non-empty, are not "." or "..", and hold only letters, digits and -._~!$&\'()*+,;=:@', slashes: true });
    return kind;
  }
  throw invalidOption(
    option,
    'is not a model id the gateway knows',
    'a Workers AI id ("@cf/meta/llama-3.1-8b-instruct"), a gateway catalog id ("openai/gpt-5-mini"), "dynamic/<route>", or a model object',
    id,
  );
}

function routeOf(id: string): IdRoute | undefined {
  if (/^@(?:cf|hf)\/[^\s]+$/.test(id)) return 'workers-ai';
  if (/^dynamic\/[A-Za-z0-9_.-]+$/.test(id)) return 'dynamic';
  if (/^[a-z0-9]+(?:-[a-z0-9]+)*\/[^\s]+$/.test(id)) return 'catalog';
  return undefined;
}

/**
 * The Workers AI id of a `workers-ai-provider` model (`createWorkersAI(...)('@cf/...')`, provider
 * `workersai.chat`, `workersai.embedding`, ...), which sends through its binding or its own `fetch`
 * and so cannot be captured: it is routed as a Workers AI leg by its id instead. Undefined for any
 * other model.
 */
export function workersAiProviderModelId(model: unknown): string | undefined {
  const m = model as { provider?: unknown; modelId?: unknown; config?: { provider?: unknown } } | null;
  if (typeof m !== 'object' || m === null) return undefined;
  const provider = typeof m.provider === 'string' ? m.provider : m.config?.provider;
  return typeof provider === 'string' && provider.startsWith('workersai.') && typeof m.modelId === 'string' ? m.modelId : undefined;
}
