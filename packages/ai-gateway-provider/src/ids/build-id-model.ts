import { AiGatewayInvalidOptionsError } from '@aigw/errors';
import { peerError } from '../providers/import-peer';
import { WorkersAiImageModel } from '../workers-ai/workers-ai-image-model';
import { WorkersAiRerankingModel } from '../workers-ai/workers-ai-reranking-model';
import type { WorkersAiRunConfig } from '../workers-ai/run-workers-ai';
import { WorkersAiSpeechModel } from '../workers-ai/workers-ai-speech-model';
import { WorkersAiTranscriptionModel } from '../workers-ai/workers-ai-transcription-model';
import type { ModelKind } from '@aigw/core';
import type { ModelIdContext } from './id-types';
import { workersAiChatModel } from './workers-ai-chat-model';

/** What an id resolved to, checked: built into a model on its first call. */
export interface IdModelPlan {
  readonly id: string;
  readonly kind: ModelKind;
  readonly route: 'workers-ai' | 'catalog' | 'dynamic';
  /** The leg's own headers (`headers`, `sessionAffinity`). */
  readonly headers: Record<string, string>;
  /** Where a Workers AI id sends from: the account and the token. */
  readonly context?: ModelIdContext;
}

/** The gateway's OpenAI-compatible endpoint: catalog ids and dynamic routes travel as `compat` steps. */
const COMPAT_BASE_URL = 'https://gateway.ai.cloudflare.com/v1/compat';

/**
 * `@ai-sdk/openai-compatible`, an optional peer dependency: loaded on the first call of an id that
 * needs it (ids make AI SDK 7 models: its major 3). Not installed: `AiGatewayMissingDependencyError`.
 * (The `.catch` right on `import()` also lets bundlers such as esbuild build an app without it.)
 */
const openAICompatible = () =>
  import('@ai-sdk/openai-compatible').catch((error: unknown) => {
    throw peerError(error, '@ai-sdk/openai-compatible', 'a model id of ai-gateway-provider (Workers AI language or embedding, catalog, dynamic route)', '^3.0.0 for AI SDK 7');
  });

/**
 * The model of an id:
 *
 * - `@cf/...` language and embedding models speak OpenAI's format on Workers AI's
 *   `v1/chat/completions` and `v1/embeddings` (the official `@ai-sdk/openai-compatible` parser:
 *   tools, structured output and streaming as they arrive);
 * - `@cf/...` image, speech, transcription and reranking models use the run route (`@cf/...`),
 *   read by the small run-format models of `../workers-ai`;
 * - catalog ids and `dynamic/<route>` go to the gateway's `compat/chat/completions`, the one route
 *   that takes both and fits a universal (fallback) step.
 */
export async function buildIdModel(plan: IdModelPlan): Promise<object> {
  const { id, kind, context } = plan;
  if (context === undefined) {
    const { createOpenAICompatible } = await openAICompatible();
    const provider = createOpenAICompatible({ name: `aigateway.${plan.route}`, baseURL: COMPAT_BASE_URL, headers: plan.headers, includeUsage: true, supportsStructuredOutputs: true });
    return provider.chatModel(id);
  }
  const token = context.cloudflareApiToken;
  const headers = { ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}), ...plan.headers };
  const base = `https://api.cloudflare.com/client/v4/accounts/${context.accountId}/ai`; // checked by createIdModel
  if (kind === 'language' || kind === 'embedding') {
    const { createOpenAICompatible, OpenAICompatibleChatLanguageModel } = await openAICompatible();
    const provider = createOpenAICompatible({ name: 'workers-ai', baseURL: `${base}/v1`, headers, includeUsage: true, supportsStructuredOutputs: true });
    // Language: the package's chat model with a lean reader of the usual answer (workers-ai-chat-model.ts).
    return kind === 'language' ? workersAiChatModel(provider.chatModel(id), OpenAICompatibleChatLanguageModel) : provider.embeddingModel(id);
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
    case 'video':
      // Refused before: a video leg is a model object (the video wrapper checks its entries first).
      throw new AiGatewayInvalidOptionsError({ option: 'model', value: id, problem: 'is a model id, and video models have none', allowed: 'a video model object, e.g. google.video("veo-3.0-generate-001")' });
  }
}
