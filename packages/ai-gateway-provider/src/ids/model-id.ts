import { AiGatewayInvalidOptionsError } from '@aigw/errors';

/** The three kinds of string id a model can be given by. */
export type ModelIdKind = 'workers-ai' | 'catalog' | 'dynamic';

const WORKERS_AI = /^@(?:cf|hf)\/[^\s]+$/;
const DYNAMIC = /^dynamic\/[A-Za-z0-9_.-]+$/;
const CATALOG = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[^\s]+$/;

/** What kind of id a string is: `@cf/...` Workers AI, `dynamic/<route>`, or a catalog id `<provider>/<model>`. */
export function modelIdKind(id: string, option: string): ModelIdKind {
  if (WORKERS_AI.test(id)) return 'workers-ai';
  if (DYNAMIC.test(id)) return 'dynamic';
  if (CATALOG.test(id)) return 'catalog';
  throw new AiGatewayInvalidOptionsError({
    option,
    value: id,
    problem: 'is not a model id the gateway knows',
    allowed: 'a Workers AI id ("@cf/meta/llama-3.1-8b-instruct"), a gateway catalog id ("openai/gpt-5-mini"), "dynamic/<route>", or a model object',
  });
}

/** The AI SDK provider name of `workers-ai-provider` models (`workersai.chat`, `workersai.embedding`, ...). */
const WORKERS_AI_PROVIDER = /^workersai\./;

/**
 * The Workers AI id of a `workers-ai-provider` model (`createWorkersAI(...)('@cf/...')`), which
 * sends through its binding or its own `fetch` and so cannot be captured: it is routed as a Workers
 * AI leg by its id instead. Undefined for any other model.
 */
export function workersAiProviderModelId(model: unknown): string | undefined {
  if (typeof model !== 'object' || model === null) return undefined;
  const m = model as { provider?: unknown; modelId?: unknown; config?: { provider?: unknown } };
  const provider = typeof m.provider === 'string' ? m.provider : m.config?.provider;
  if (typeof provider !== 'string' || !WORKERS_AI_PROVIDER.test(provider) || typeof m.modelId !== 'string') return undefined;
  return m.modelId;
}
