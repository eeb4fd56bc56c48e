import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { AiGatewayInvalidOptionsError } from '@aigw/errors';
import { WorkersAiImageModel } from '../workers-ai/workers-ai-image-model';
import { WorkersAiRerankingModel } from '../workers-ai/workers-ai-reranking-model';
import type { WorkersAiRunConfig } from '../workers-ai/run-workers-ai';
import { WorkersAiSpeechModel } from '../workers-ai/workers-ai-speech-model';
import { WorkersAiTranscriptionModel } from '../workers-ai/workers-ai-transcription-model';
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

/** The gateway's OpenAI-compatible endpoint: catalog ids and dynamic routes travel as `compat` steps. */
const COMPAT_BASE_URL = 'https://gateway.ai.cloudflare.com/v1/compat';
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
    const provider = createOpenAICompatible({ name: idKind === 'dynamic' ? 'aigateway.dynamic' : 'aigateway.catalog', baseURL: COMPAT_BASE_URL, headers: extra, includeUsage: true, supportsStructuredOutputs: true });
    return provider.chatModel(id);
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
  const headers = { ...auth, ...extra };
  const base = workersAiBase(context.accountId);
  if (kind === 'language' || kind === 'embedding') {
    const provider = createOpenAICompatible({ name: 'workers-ai', baseURL: `${base}/v1`, headers, includeUsage: true, supportsStructuredOutputs: true });
    return kind === 'language' ? provider.chatModel(id) : provider.embeddingModel(id);
  }
  // `fetch: undefined` is the slot core's capture fills per call (and its check that the model can be captured).
  const config = (name: string): WorkersAiRunConfig => ({ provider: `workers-ai.${name}`, baseURL: `${base}/run`, headers: () => headers, fetch: undefined });
  switch (kind) {
    case 'image':
      return new WorkersAiImageModel(id, config('image'));
    case 'speech':
      return new WorkersAiSpeechModel(id, config('speech'));
    case 'transcription':
      return new WorkersAiTranscriptionModel(id, config('transcription'));
    case 'reranking':
      return new WorkersAiRerankingModel(id, config('reranking'));
  }
}
