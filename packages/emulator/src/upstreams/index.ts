/**
 * Simulated upstream providers of the emulator: OpenAI, Anthropic, Google AI Studio and Vertex AI,
 * AWS Bedrock, Azure OpenAI, Cohere, Workers AI and the OpenAI-compatible providers, each answering
 * deterministically in its own wire format. See the package README.
 */
import { anthropicFamily } from './anthropic.js';
import { hasCredentials } from './auth.js';
import { azureFamily } from './azure.js';
import { bedrockFamily } from './bedrock.js';
import { fromUtf8 } from './binary.js';
import { cohereFamily } from './cohere.js';
import { isRecord, str, type CallContext } from './conversation.js';
import type { ProviderFamily } from './family.js';
import { googleFamily } from './google.js';
import { openAIFamily } from './openai.js';
import { REPLY_HEADER, parseReplyScript, scriptedError } from './script.js';
import { jsonResponse, sleep } from './sse.js';
import type { ReplyScript, UpstreamOptions, UpstreamRequest, UpstreamResponse, Upstreams } from './types.js';
import { UpstreamError } from './upstream-error.js';
import { jsonNestsDeeper, TOO_DEEP_MESSAGE } from './json-nesting.js';
import { resolveLimits, UpstreamLimitError } from './limits.js';
import { deepgramFamily } from './deepgram.js';
import { elevenlabsFamily } from './elevenlabs.js';
import { replicateFamily } from './replicate.js';
import { withGoogleVideo, withReplicateVideo } from './video-operations.js';
import { workersAiFamily } from './workers-ai.js';
import { withBatches } from './batch-queue.js';
import { anthropicBatches } from './anthropic-batch.js';
import { googleBatches } from './google-batch.js';
import { openAIBatches } from './openai-batch.js';
import { workersAiBatches } from './workers-ai-batch.js';

export type {
  ReplyContext,
  ReplyScript,
  ScriptFinishReason,
  UpstreamOptions,
  UpstreamRequest,
  UpstreamResponse,
  Upstreams,
  VideoOperationScript,
} from './types.js';
export {
  echoText,
  embeddingFor,
  FIXED_CREATED,
  rerankScores,
  splitReply,
  tokenCount,
  toolResultText,
  type RerankScore,
} from './deterministic.js';
export { imageBase64For, imagePngFor, speechContentType, speechFor, transcriptFor } from './media.js';
export { schemaInstance } from './schema-instance.js';
export { decodeEventStream, encodeEventStreamMessage, type EventStreamMessage } from './event-stream.js';
export { parseMultipart, type MultipartPart } from './multipart.js';
export { REPLY_HEADER } from './script.js';
export { replicateAssetFor, REPLICATE_DELIVERY } from './replicate.js';
export { REPLICATE_VIDEO_DELIVERY, videoAssetFor, videoMp4For } from './video-operations.js';
export { UpstreamError, type UpstreamErrorKind } from './upstream-error.js';
export type { BatchScript } from './types.js';
export { DEFAULT_UPSTREAM_LIMITS, UpstreamLimitError, type UpstreamLimits } from './limits.js';

/** The simulated provider ids. */
export const UPSTREAM_PROVIDERS = [
  'openai',
  'azure-openai',
  'anthropic',
  'google-ai-studio',
  'google-vertex-ai',
  'aws-bedrock',
  'cohere',
  'workers-ai',
  'groq',
  'mistral',
  'deepseek',
  'grok',
  'perplexity-ai',
  'cerebras',
  'openrouter',
  'fireworks',
  'compat',
  'replicate',
  'deepgram',
  'elevenlabs',
] as const;

/** `custom-{slug}`: a custom provider, simulated as an OpenAI-compatible service. */
const CUSTOM_PROVIDER = /^custom-[a-z0-9]+(?:-[a-z0-9]+)*$/;

function families(): Map<string, ProviderFamily> {
  return new Map<string, ProviderFamily>([
    ['openai', withBatches(openAIFamily(), openAIBatches())],
    ['azure-openai', azureFamily()],
    ['anthropic', withBatches(anthropicFamily(), anthropicBatches())],
    ['google-ai-studio', withBatches(withGoogleVideo(googleFamily({ vertex: false })), googleBatches())],
    ['google-vertex-ai', googleFamily({ vertex: true })],
    ['aws-bedrock', bedrockFamily()],
    ['cohere', cohereFamily()],
    ['workers-ai', withBatches(workersAiFamily(), workersAiBatches())],
    ['groq', openAIFamily({ streamUsage: 'groq', groq: true })],
    ['mistral', openAIFamily({ errors: 'mistral', streamUsage: 'finish' })],
    ['deepseek', openAIFamily()],
    ['grok', openAIFamily()],
    ['perplexity-ai', openAIFamily({ errors: 'perplexity', streamUsage: 'finish', stringContent: true })],
    ['cerebras', openAIFamily({ errors: 'cerebras', streamUsage: 'finish' })],
    ['openrouter', openAIFamily()],
    ['fireworks', openAIFamily()],
    ['compat', openAIFamily()],
    ['replicate', withReplicateVideo(replicateFamily())],
    ['deepgram', deepgramFamily()],
    ['elevenlabs', elevenlabsFamily()],
  ]);
}

function parseBody(request: UpstreamRequest): unknown {
  // Uploads (multipart, raw audio) are read by the provider that takes them.
  if (request.body.length === 0 || /multipart\/|^audio\/|^video\/|octet-stream/i.test(request.headers['content-type'] ?? '')) return undefined;
  const text = fromUtf8(request.body);
  if (jsonNestsDeeper(text)) throw new UpstreamLimitError({ status: 400, message: TOO_DEEP_MESSAGE });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UpstreamError({ status: 400, message: 'The request body is not valid JSON.' });
  }
}

function withHeaders(response: UpstreamResponse, headers: Record<string, string>): UpstreamResponse {
  return { ...response, headers: { ...response.headers, ...headers } };
}

/**
 * Creates the simulated providers. Every answer is derived from the request (see docs/upstreams.md#answers-derived-from-the-request);
 * `options.reply` and the `x-emulator-reply` header script individual calls. A call that asks for
 * more work than `options.limits` allow rejects with an `UpstreamLimitError`.
 */
export function createUpstreams(options: UpstreamOptions = {}): Upstreams {
  const known = families();
  // Custom providers (`custom-{slug}`) stand for any OpenAI-compatible service a user registers.
  const custom = openAIFamily();
  const familyOf = (provider: string) => known.get(provider) ?? (CUSTOM_PROVIDER.test(provider) ? custom : undefined);
  const replyHeader = (options.replyHeader ?? REPLY_HEADER).toLowerCase();
  const limits = resolveLimits(options.limits);
  return {
    knows: (provider) => familyOf(provider) !== undefined,
    async handle(request) {
      const family = familyOf(request.provider);
      if (family === undefined) {
        return jsonResponse(404, { error: { message: `Unknown provider '${request.provider}'`, type: 'not_found' } });
      }
      const queryStart = request.endpoint.indexOf('?');
      const path = (queryStart === -1 ? request.endpoint : request.endpoint.slice(0, queryStart)).replace(/^\/+/, '');
      const query = new URLSearchParams(queryStart === -1 ? '' : request.endpoint.slice(queryStart + 1));
      const headers = { 'x-emulator-upstream': request.provider };
      let script: ReplyScript = {};
      try {
        const json = parseBody(request);
        const headerScript = parseReplyScript(request.headers[replyHeader]);
        const model = family.model?.(path, json) ?? (isRecord(json) ? str(json.model) : undefined);
        script = { ...options.reply?.({ provider: request.provider, path, headers: request.headers, body: json, model }), ...headerScript };
        if (script.latencyMs !== undefined) await sleep(script.latencyMs, request.signal);
        const scripted = scriptedError(script);
        if (scripted !== undefined) throw scripted;
        if (!request.byok && !hasCredentials(family.auth, request.headers, query)) {
          throw new UpstreamError({ status: 401, message: family.unauthorizedMessage, kind: 'authentication' });
        }
        if (!(family.methods ?? ['POST']).includes(request.method.toUpperCase())) {
          throw new UpstreamError({ status: 404, message: `Invalid URL (${request.method.toUpperCase()} /${path})` });
        }
        const context: CallContext = { provider: request.provider, method: request.method.toUpperCase(), path, query, headers: request.headers, body: request.body, json, script, signal: request.signal, limits };
        const response = await family.route(context);
        if (response === undefined) throw new UpstreamError({ status: 404, message: `Invalid URL (${context.method} /${path})` });
        return withHeaders(response, { ...headers, ...script.headers });
      } catch (error) {
        if (error instanceof UpstreamError) return withHeaders(family.error(error, path), { ...headers, ...script.headers });
        throw error;
      }
    },
  };
}
