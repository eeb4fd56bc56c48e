/**
 * Cloudflare Workers AI: the OpenAI-compatible `v1/chat/completions` and `v1/embeddings`, and the
 * run form (`@cf/...`, `@hf/...`, optionally prefixed `run/`) answering in the Cloudflare v4
 * envelope `{result, success, errors, messages}`. The run form picks the task from the model name:
 * `rerank` → reranking, `aura`/`melotts` → speech, `bge`/`embed` → embeddings,
 * `flux`/`stable-diffusion` → image, `whisper` → transcription, anything else → text generation
 * (`prompt` or `messages`, `stream`).
 */
import { arr, asText, isRecord, num, plan, str, type CallContext } from './conversation.js';
import { embeddingsFor, rerankScores } from './deterministic.js';
import type { ProviderFamily } from './family.js';
import { imageBase64For, speechContentType, speechFor, transcriptFor } from './media.js';
import { chatIntent, openAIError, openAIPath, routeOpenAI } from './openai.js';
import { jsonResponse, sseEvent, streamResponse } from './sse.js';
import type { UpstreamResponse } from './types.js';
import { UpstreamError, type UpstreamErrorKind } from './upstream-error.js';

const codes: Record<UpstreamErrorKind, number> = {
  invalid_request: 5006,
  authentication: 10000,
  permission: 10000,
  not_found: 7000,
  rate_limit: 3040,
  server: 3043,
  overloaded: 3040,
};

/** The Cloudflare v4 error envelope `{result:null, success:false, errors:[{code, message}], messages:[]}`. */
export function cloudflareError(error: UpstreamError): UpstreamResponse {
  if (error.body !== undefined) return jsonResponse(error.status, error.body);
  const code = typeof error.code === 'number' ? error.code : codes[error.kind];
  return jsonResponse(error.status, { result: null, success: false, errors: [{ code, message: error.message }], messages: [] });
}

const runPath = /^(?:run\/)?(@(?:cf|hf)\/.+)$/;

/** The Workers AI provider. */
export function workersAiFamily(): ProviderFamily {
  return {
    auth: 'bearer',
    unauthorizedMessage: 'Authentication error',
    error: (error, path) => (runPath.test(path) || error.kind === 'authentication' ? cloudflareError(error) : openAIError(error)),
    model: (path, json) => runPath.exec(path)?.[1] ?? (isRecord(json) ? str(json.model) : undefined),
    route(context) {
      const run = runPath.exec(context.path);
      if (run?.[1] !== undefined) return runModel(context, run[1]);
      const path = openAIPath(context.path);
      return path === 'chat/completions' || path === 'embeddings' || path === 'responses' ? routeOpenAI(context, path, { streamUsage: 'finish' }) : undefined;
    },
  };
}

function ok(result: unknown): UpstreamResponse {
  return jsonResponse(200, { result, success: true, errors: [], messages: [] });
}

function runModel(context: CallContext, model: string): UpstreamResponse {
  if (!isRecord(context.json)) throw new UpstreamError({ status: 400, message: 'Type mismatch of \'/\', \'object\' not in \'object\'' });
  const body = context.json;
  // Before embeddings: the rerankers are bge models too (`@cf/baai/bge-reranker-base`).
  if (/rerank/i.test(model)) {
    const query = str(body.query) ?? '';
    const contexts = arr(body.contexts).map((c) => (isRecord(c) ? asText(c.text ?? '') : asText(c)));
    return ok({ response: rerankScores(query, contexts, num(body.top_k)).map((r) => ({ id: r.index, score: r.relevance_score })) });
  }
  if (/aura|melotts/i.test(model)) {
    const text = str(body.text) ?? str(body.prompt);
    if (text === undefined) throw new UpstreamError({ status: 400, message: "Required properties at '/' are 'text'" });
    // Aura answers the audio itself; MeloTTS answers it base64 in the envelope.
    if (/melotts/i.test(model)) return ok({ audio: toBase64(speechFor(text, 'mp3')) });
    const format = str(body.encoding) ?? 'mp3';
    return { status: 200, headers: { 'content-type': speechContentType(format) }, body: speechFor(text, format) };
  }
  if (/bge|embed/i.test(model)) {
    const texts = typeof body.text === 'string' ? [body.text] : arr(body.text).map(asText);
    if (texts.length === 0) throw new UpstreamError({ status: 400, message: "Required properties at '/' are 'text'" });
    const vectors = embeddingsFor(texts.map((text) => ({ text, dimensions: num(body.dimensions) })), context.limits);
    return ok({ shape: [vectors.length, vectors[0]?.length ?? 0], data: vectors, pooling: 'mean' });
  }
  if (/flux|stable-diffusion|dreamshaper|lucid-origin|phoenix/i.test(model)) {
    const prompt = str(body.prompt);
    if (prompt === undefined) throw new UpstreamError({ status: 400, message: "Required properties at '/' are 'prompt'" });
    return ok({ image: imageBase64For(prompt, 0) });
  }
  if (/whisper/i.test(model)) {
    const audio = body.audio;
    const bytes =
      typeof audio === 'string'
        ? Uint8Array.from(atob(audio), (c) => c.charCodeAt(0))
        : Uint8Array.from(arr(audio).map((v) => (typeof v === 'number' ? v & 0xff : 0)));
    const text = transcriptFor(bytes);
    const words = text.split(/\s+/).filter((w) => w.length > 0);
    return ok({ text, word_count: words.length, words: words.map((word, i) => ({ word, start: i * 0.5, end: (i + 1) * 0.5 })), vtt: `WEBVTT\n\n${text}\n` });
  }
  const messages = arr(body.messages).length > 0 ? body.messages : [{ role: 'user', content: str(body.prompt) ?? '' }];
  if (arr(body.messages).length === 0 && body.prompt === undefined) {
    throw new UpstreamError({ status: 400, message: "Required properties at '/' are 'prompt' or 'messages'" });
  }
  const answer = plan(chatIntent({ ...body, messages, tools: arr(body.tools).map(wrapTool) }, model), context.script, context.limits);
  const usage = { prompt_tokens: answer.usage.input, completion_tokens: answer.usage.output, total_tokens: answer.usage.input + answer.usage.output };
  if (body.stream === true && answer.kind === 'text') {
    const events = [
      ...answer.pieces.map((piece) => sseEvent({ response: piece, p: 'abcdefghijklmnopqrstuvwxyz0123456789'.slice(0, 1 + (piece.length % 30)) })),
      sseEvent({ response: '', usage }),
      sseEvent('[DONE]'),
    ];
    return streamResponse({ events, delayMs: context.script.chunkDelayMs ?? 0, signal: context.signal });
  }
  if (answer.kind === 'tool') return ok({ response: null, tool_calls: [{ name: answer.name, arguments: answer.args }], usage });
  return ok({ response: answer.text, usage });
}

/** Workers AI accepts both `{name, parameters}` and OpenAI's `{type:'function', function:{...}}` tools. */
function wrapTool(tool: unknown): unknown {
  return isRecord(tool) && !isRecord(tool.function) ? { type: 'function', function: tool } : tool;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
