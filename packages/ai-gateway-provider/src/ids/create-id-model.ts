import { AiGatewayInvalidOptionsError } from '@aigw/errors';
import type { IdModelPlan } from './build-id-model';
import { LazyIdModel } from './lazy-id-model';
import { modelIdKind } from './model-id';

/** What turning an id into a model needs from the gateway instance. */
export interface ModelIdContext {
  /** The account in Workers AI URLs (the gateway maps them to its `workers-ai` provider). */
  readonly accountId: string;
  /** The Cloudflare API token Workers AI legs send over HTTP; undefined through the binding. */
  readonly cloudflareApiToken: string | undefined;
  /** True when a Workers AI leg cannot be sent without a token (the HTTP transport). */
  readonly tokenRequired: boolean;
}

/** Settings of one id leg. */
export interface ModelIdSettings {
  /** Workers AI prefix-cache affinity (`x-session-affinity`): requests with the same key reuse a warm replica. */
  readonly sessionAffinity?: string;
  /** Extra headers sent with this leg's request. */
  readonly headers?: Readonly<Record<string, string>>;
}

export type ModelIdModelKind = 'language' | 'embedding' | 'image' | 'speech' | 'transcription' | 'reranking';

const workersAiBase = (accountId: string) => `https://api.cloudflare.com/client/v4/accounts/${encodeURIComponent(accountId)}/ai`;

/**
 * Turns a string id into a model whose own code builds the request and parses the answer, so that
 * the core captures, encodes and replays it like any vendor model (and ids mix freely with model
 * objects in one server-side fallback list):
 *
 * - `@cf/...` language and embedding models speak OpenAI's format on Workers AI's
 *   `v1/chat/completions` and `v1/embeddings` (the official `@ai-sdk/openai-compatible` parser:
 *   tools, structured output and streaming as they arrive);
 * - `@cf/...` image, speech, transcription and reranking models use the run route (`@cf/...`),
 *   read by the small run-format models of `../workers-ai`;
 * - catalog ids and `dynamic/<route>` go to the gateway's `compat/chat/completions`, the one route
 *   that takes both and fits a universal (fallback) step.
 */
export function createIdModel(options: { id: string; kind: ModelIdModelKind; context: ModelIdContext; settings?: ModelIdSettings; option: string }): object {
  const { id, kind, context, settings = {}, option } = options;
  const idKind = modelIdKind(id, option);
  const extra = { ...settings.headers, ...(settings.sessionAffinity !== undefined ? { 'x-session-affinity': settings.sessionAffinity } : {}) };

  if (idKind !== 'workers-ai') {
    if (kind !== 'language') {
      throw new AiGatewayInvalidOptionsError({
        option,
        value: id,
        problem: `is a ${idKind === 'dynamic' ? 'dynamic route' : 'gateway catalog id'}, which the gateway serves for chat only`,
        allowed: `a Workers AI id ("@cf/...") or a ${kind} model object from an @ai-sdk/* provider`,
      });
    }
    return lazy({ id, kind, route: idKind, headers: extra });
  }

  if (context.tokenRequired && context.cloudflareApiToken === undefined) {
    throw new AiGatewayInvalidOptionsError({
      option: 'cloudflareApiToken',
      value: undefined,
      problem: `is missing, and ${option} is the Workers AI model "${id}", which needs a Cloudflare API token (Workers AI Read and Edit) over HTTP`,
      allowed: 'a Cloudflare API token, in the settings or in CLOUDFLARE_API_TOKEN (or use the Workers binding, which needs none)',
    });
  }
  const auth: Record<string, string> = context.cloudflareApiToken !== undefined ? { authorization: `Bearer ${context.cloudflareApiToken}` } : {};
  return lazy({ id, kind, route: 'workers-ai', headers: { ...auth, ...extra }, base: workersAiBase(context.accountId) });
}

/** The AI SDK provider name each plan's model reports (the same as the built model's own). */
function providerName(plan: IdModelPlan): string {
  if (plan.route !== 'workers-ai') return `aigateway.${plan.route}.chat`;
  return `workers-ai.${plan.kind === 'language' ? 'chat' : plan.kind}`;
}

/**
 * The id's model, built on its first call: the OpenAI-compatible parser and the run-format models
 * load only in apps that use ids (the checks above stay synchronous).
 */
const lazy = (plan: IdModelPlan) =>
  new LazyIdModel({ modelId: plan.id, provider: providerName(plan), ...(plan.kind === 'image' ? { maxImagesPerCall: 1 } : {}), load: () => import('./build-id-model').then((m) => m.buildIdModel(plan)) });
