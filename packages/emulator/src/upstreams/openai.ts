/**
 * OpenAI and the OpenAI-compatible providers: chat completions, the Responses API, embeddings,
 * image generation, speech and transcription, each in OpenAI's wire format.
 */
import { fromUtf8, shortHash, toBase64 } from './binary.js';
import {
  arr,
  asText,
  isRecord,
  num,
  plan,
  responseId,
  str,
  toolCallId,
  type Answer,
  type CallContext,
  type Intent,
  type ToolChoice,
  type ToolSpec,
} from './conversation.js';
import { embeddingsFor, FIXED_CREATED, tokenCount } from './deterministic.js';
import type { ProviderFamily } from './family.js';
import { imageBase64For, speechContentType, speechFor, transcriptFor } from './media.js';
import { multipartBoundary, parseMultipart } from './multipart.js';
import { jsonResponse, sseEvent, streamResponse } from './sse.js';
import type { ScriptFinishReason, UpstreamResponse } from './types.js';
import { UpstreamError, type UpstreamErrorKind } from './upstream-error.js';

/** The error body shapes of the OpenAI-like providers. */
export type OpenAIErrorFormat = 'openai' | 'mistral' | 'cerebras' | 'perplexity';

/** How an OpenAI-like provider differs from OpenAI. */
export interface OpenAIFlavour {
  /** Error body shape. Default `openai`. */
  errors?: OpenAIErrorFormat;
  /**
   * Where stream usage goes when the request has no `stream_options.include_usage`:
   * `none` (OpenAI), `finish` (on the finish chunk: Mistral, Perplexity, ...), `groq` (also in `x_groq`).
   */
  streamUsage?: 'none' | 'finish' | 'groq';
  /** Chat message content is never null (Perplexity). */
  stringContent?: boolean;
  /** Adds Groq's `x_groq` object to transcriptions. */
  groq?: boolean;
}

const errorTypes: Record<UpstreamErrorKind, string> = {
  invalid_request: 'invalid_request_error',
  authentication: 'invalid_request_error',
  permission: 'permission_error',
  not_found: 'invalid_request_error',
  rate_limit: 'rate_limit_exceeded',
  server: 'server_error',
  overloaded: 'server_error',
};

/** The error response of an OpenAI-like provider. */
export function openAIError(error: UpstreamError, format: OpenAIErrorFormat = 'openai'): UpstreamResponse {
  if (error.body !== undefined) return jsonResponse(error.status, error.body);
  const type = error.type ?? errorTypes[error.kind];
  const code = error.code ?? (error.kind === 'authentication' ? 'invalid_api_key' : error.kind === 'not_found' ? 'unknown_url' : null);
  switch (format) {
    case 'mistral':
      return jsonResponse(error.status, { object: 'error', message: error.message, type, param: null, code: code === null ? null : String(code) });
    case 'cerebras':
      return jsonResponse(error.status, { message: error.message, type, param: '', code: String(code ?? error.status) });
    case 'perplexity':
      return jsonResponse(error.status, { error: { code: typeof code === 'number' ? code : error.status, message: error.message, type } });
    case 'openai':
      return jsonResponse(error.status, { error: { message: error.message, type, param: null, code } });
  }
}

/** Strips the version prefixes under which OpenAI-like APIs are mounted (`v1/`, `openai/v1/`, `api/v1/`, ...). */
export function openAIPath(path: string): string {
  return path.replace(/^(?:openai\/|api\/|inference\/)?v1\//, '');
}

/** Creates the family of an OpenAI-like provider. */
export function openAIFamily(flavour: OpenAIFlavour = {}): ProviderFamily {
  return {
    auth: 'bearer',
    unauthorizedMessage:
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
    error: (error) => openAIError(error, flavour.errors),
    route: (context) => routeOpenAI(context, openAIPath(context.path), flavour),
  };
}

const openAIPaths = new Set([
  'chat/completions',
  'responses',
  'embeddings',
  'images/generations',
  'audio/speech',
  'audio/transcriptions',
  'audio/translations',
]);

/** Whether a normalised path is one of the simulated OpenAI endpoints. */
export function isOpenAIPath(path: string): boolean {
  return openAIPaths.has(path);
}

/** Answers an OpenAI-format call on an already normalised path; undefined for an unknown path. */
export function routeOpenAI(
  context: CallContext,
  path: string,
  flavour: OpenAIFlavour = {},
  defaultModel?: string,
): UpstreamResponse | undefined | Promise<UpstreamResponse> {
  switch (path) {
    case 'chat/completions':
      return chatCompletions(context, flavour, defaultModel);
    case 'responses':
      return responses(context, defaultModel);
    case 'embeddings':
      return embeddings(context, defaultModel);
    case 'images/generations':
      return images(context);
    case 'audio/speech':
      return speech(context);
    case 'audio/transcriptions':
    case 'audio/translations':
      return transcription(context, flavour);
    default:
      return undefined;
  }
}

function requireBody(context: CallContext): Record<string, unknown> {
  if (!isRecord(context.json)) {
    throw new UpstreamError({ status: 400, message: 'We could not parse the JSON body of your request.' });
  }
  return context.json;
}

function requireModel(body: Record<string, unknown>, defaultModel: string | undefined): string {
  const model = str(body.model) ?? defaultModel;
  if (model === undefined) {
    throw new UpstreamError({ status: 400, message: 'you must provide a model parameter', code: 'missing_required_parameter' });
  }
  return model;
}

/** Text of an OpenAI content value: a string, or the text of its text parts joined with newlines. */
export function openAIContentText(content: unknown): string {
  if (typeof content === 'string') return content;
  return arr(content)
    .map((part) => (isRecord(part) ? (str(part.text) ?? (isRecord(part.text) ? str(part.text.value) : undefined)) : undefined))
    .filter((text): text is string => text !== undefined)
    .join('\n');
}

function toolChoiceOf(value: unknown): ToolChoice {
  if (value === 'none') return { type: 'none' };
  if (value === 'required') return { type: 'required' };
  if (isRecord(value)) {
    const name = str(value.name) ?? (isRecord(value.function) ? str(value.function.name) : undefined);
    if (name !== undefined) return { type: 'tool', name };
  }
  return { type: 'auto' };
}

/** The tools of an OpenAI-style `tools` list (`{ type: 'function', function }` or flat entries). */
export function toolsOf(value: unknown): ToolSpec[] {
  const tools: ToolSpec[] = [];
  for (const tool of arr(value)) {
    if (!isRecord(tool)) continue;
    const fn = isRecord(tool.function) ? tool.function : tool;
    const name = str(fn.name);
    if (name !== undefined) tools.push({ name, schema: fn.parameters ?? { type: 'object' } });
  }
  return tools;
}

/**
 * The text of OpenAI-style chat messages (also Cohere v2's): every message's text and tool-call
 * arguments, and the text of the last user message.
 */
export function chatMessagesText(messages: readonly Record<string, unknown>[]): { prompt: string[]; lastUserText: string } {
  const prompt: string[] = [];
  let lastUserText = '';
  for (const message of messages) {
    const text = openAIContentText(message.content);
    prompt.push(text);
    if (message.role === 'user') lastUserText = text;
    for (const call of arr(message.tool_calls)) {
      if (isRecord(call) && isRecord(call.function)) prompt.push(asText(call.function.arguments));
    }
  }
  return { prompt, lastUserText };
}

/** The neutral intent of an OpenAI chat-completions body. */
export function chatIntent(body: Record<string, unknown>, model: string): Intent {
  const messages = arr(body.messages).filter(isRecord);
  const { prompt, lastUserText } = chatMessagesText(messages);
  const last = messages.at(-1);
  const toolResult = last !== undefined && (last.role === 'tool' || last.role === 'function') ? openAIContentText(last.content) : undefined;
  const format = isRecord(body.response_format) ? body.response_format : undefined;
  let json: Intent['json'];
  if (format?.type === 'json_schema') json = { schema: isRecord(format.json_schema) ? format.json_schema.schema : undefined };
  else if (format?.type === 'json_object') json = { schema: undefined };
  return {
    model,
    lastUserText,
    toolResult,
    tools: toolsOf(body.tools),
    toolChoice: toolChoiceOf(body.tool_choice),
    json,
    promptText: prompt.join('\n'),
  };
}

const chatFinish: Record<ScriptFinishReason, string> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
  content_filter: 'content_filter',
};

function chatUsage(answer: Answer) {
  return {
    prompt_tokens: answer.usage.input,
    completion_tokens: answer.usage.output,
    total_tokens: answer.usage.input + answer.usage.output,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
  };
}

/** Encodes a planned answer as a chat completion (JSON or SSE). */
export function encodeChat(
  context: CallContext,
  answer: Answer,
  options: { model: string; stream: boolean; includeUsage: boolean; flavour: OpenAIFlavour },
): UpstreamResponse {
  const { model, flavour } = options;
  const id = responseId('chatcmpl-', context);
  const finish = chatFinish[answer.finishReason];
  const extra = flavour.stringContent === true ? { citations: [] } : {};
  if (!options.stream) {
    const message =
      answer.kind === 'text'
        ? { role: 'assistant', content: answer.text, refusal: null }
        : {
            role: 'assistant',
            content: flavour.stringContent === true ? '' : null,
            refusal: null,
            tool_calls: [{ id: toolCallId(answer, 'call_'), type: 'function', function: { name: answer.name, arguments: answer.argsText } }],
          };
    return jsonResponse(200, {
      id,
      object: 'chat.completion',
      created: FIXED_CREATED,
      model,
      choices: [{ index: 0, message, logprobs: null, finish_reason: finish }],
      usage: chatUsage(answer),
      system_fingerprint: 'fp_emulator',
      ...extra,
    });
  }
  const chunk = (delta: Record<string, unknown>, finishReason: string | null, more: Record<string, unknown> = {}) =>
    sseEvent({
      id,
      object: 'chat.completion.chunk',
      created: FIXED_CREATED,
      model,
      system_fingerprint: 'fp_emulator',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...extra,
      ...more,
    });
  const events: string[] = [];
  if (answer.kind === 'text') {
    if (answer.pieces.length === 0) events.push(chunk({ role: 'assistant', content: '' }, null));
    answer.pieces.forEach((piece, i) => events.push(chunk(i === 0 ? { role: 'assistant', content: piece } : { content: piece }, null)));
  } else {
    answer.pieces.forEach((piece, i) =>
      events.push(
        chunk(
          i === 0
            ? {
                role: 'assistant',
                content: null,
                tool_calls: [{ index: 0, id: toolCallId(answer, 'call_'), type: 'function', function: { name: answer.name, arguments: piece } }],
              }
            : { tool_calls: [{ index: 0, function: { arguments: piece } }] },
          null,
        ),
      ),
    );
  }
  const usageMode = flavour.streamUsage ?? 'none';
  const usage = chatUsage(answer);
  const finishExtra: Record<string, unknown> =
    options.includeUsage || usageMode === 'none' ? {} : usageMode === 'groq' ? { usage, x_groq: { id: `req_${id}`, usage } } : { usage };
  events.push(chunk({}, finish, finishExtra));
  if (options.includeUsage) {
    events.push(
      sseEvent({ id, object: 'chat.completion.chunk', created: FIXED_CREATED, model, system_fingerprint: 'fp_emulator', choices: [], usage, ...extra }),
    );
  }
  events.push(sseEvent('[DONE]'));
  return streamResponse({ events, delayMs: context.script.chunkDelayMs ?? 0, signal: context.signal });
}

function chatCompletions(context: CallContext, flavour: OpenAIFlavour, defaultModel?: string): UpstreamResponse {
  const body = requireBody(context);
  const model = requireModel(body, defaultModel);
  if (arr(body.messages).length === 0) {
    throw new UpstreamError({ status: 400, message: "Missing required parameter: 'messages'.", code: 'missing_required_parameter' });
  }
  const answer = plan(chatIntent(body, model), context.script, context.limits);
  const streamOptions = isRecord(body.stream_options) ? body.stream_options : {};
  return encodeChat(context, answer, {
    model,
    stream: body.stream === true,
    includeUsage: streamOptions.include_usage === true,
    flavour,
  });
}

// ---------------------------------------------------------------------------------------------
// Responses API

/** The neutral intent of a Responses API body. */
export function responsesIntent(body: Record<string, unknown>, model: string): Intent {
  const items = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : arr(body.input).filter(isRecord);
  const prompt: string[] = [asText(body.instructions ?? '')];
  let lastUserText = '';
  for (const item of items) {
    if (item.type === 'function_call') {
      prompt.push(asText(item.arguments));
      continue;
    }
    const text = item.type === 'function_call_output' ? openAIContentText(item.output) : openAIContentText(item.content);
    prompt.push(text);
    if (item.role === 'user') lastUserText = text;
  }
  const last = items.at(-1);
  const format = isRecord(body.text) && isRecord(body.text.format) ? body.text.format : undefined;
  let json: Intent['json'];
  if (format?.type === 'json_schema') json = { schema: format.schema };
  else if (format?.type === 'json_object') json = { schema: undefined };
  return {
    model,
    lastUserText,
    toolResult: last?.type === 'function_call_output' ? openAIContentText(last.output) : undefined,
    tools: toolsOf(arr(body.tools).filter((tool) => isRecord(tool) && tool.type === 'function')),
    toolChoice: toolChoiceOf(body.tool_choice),
    json,
    promptText: prompt.join('\n'),
  };
}

function responses(context: CallContext, defaultModel?: string): UpstreamResponse {
  const body = requireBody(context);
  const model = requireModel(body, defaultModel);
  if (body.input === undefined) {
    throw new UpstreamError({ status: 400, message: "Missing required parameter: 'input'.", code: 'missing_required_parameter' });
  }
  const answer = plan(responsesIntent(body, model), context.script, context.limits);
  return encodeResponses(context, answer, { model, stream: body.stream === true, request: body });
}

/** Encodes a planned answer as a Responses API response (JSON or typed SSE events). */
export function encodeResponses(
  context: CallContext,
  answer: Answer,
  options: { model: string; stream: boolean; request: Record<string, unknown> },
): UpstreamResponse {
  const id = responseId('resp_', context);
  const itemId = answer.kind === 'text' ? `msg_${id.slice(5)}` : `fc_${id.slice(5)}`;
  const incompleteReason =
    answer.finishReason === 'length' ? 'max_output_tokens' : answer.finishReason === 'content_filter' ? 'content_filter' : undefined;
  const usage = {
    input_tokens: answer.usage.input,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: answer.usage.output,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: answer.usage.input + answer.usage.output,
  };
  const doneItem =
    answer.kind === 'text'
      ? {
          type: 'message',
          id: itemId,
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', text: answer.text, annotations: [], logprobs: [] }],
        }
      : {
          type: 'function_call',
          id: itemId,
          call_id: toolCallId(answer, 'call_'),
          name: answer.name,
          arguments: answer.argsText,
          status: 'completed',
        };
  const envelope = (status: string, output: unknown[], withUsage: boolean) => ({
    id,
    object: 'response',
    created_at: FIXED_CREATED,
    status,
    error: null,
    incomplete_details: status === 'incomplete' ? { reason: incompleteReason } : null,
    instructions: options.request.instructions ?? null,
    max_output_tokens: options.request.max_output_tokens ?? null,
    model: options.model,
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    store: false,
    temperature: options.request.temperature ?? 1,
    text: options.request.text ?? { format: { type: 'text' } },
    tool_choice: options.request.tool_choice ?? 'auto',
    tools: options.request.tools ?? [],
    top_p: options.request.top_p ?? 1,
    truncation: 'disabled',
    usage: withUsage ? usage : null,
    metadata: {},
  });
  const finalStatus = incompleteReason === undefined ? 'completed' : 'incomplete';
  if (!options.stream) return jsonResponse(200, envelope(finalStatus, [doneItem], true));

  let sequence = 0;
  const events: string[] = [];
  const emit = (type: string, data: Record<string, unknown>) => events.push(sseEvent({ type, sequence_number: sequence++, ...data }, { event: type }));
  emit('response.created', { response: envelope('in_progress', [], false) });
  emit('response.in_progress', { response: envelope('in_progress', [], false) });
  if (answer.kind === 'text') {
    emit('response.output_item.added', { output_index: 0, item: { type: 'message', id: itemId, status: 'in_progress', role: 'assistant', content: [] } });
    emit('response.content_part.added', {
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      part: { type: 'output_text', text: '', annotations: [], logprobs: [] },
    });
    for (const piece of answer.pieces) {
      emit('response.output_text.delta', { item_id: itemId, output_index: 0, content_index: 0, delta: piece, logprobs: [] });
    }
    emit('response.output_text.done', { item_id: itemId, output_index: 0, content_index: 0, text: answer.text, logprobs: [] });
    emit('response.content_part.done', {
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      part: { type: 'output_text', text: answer.text, annotations: [], logprobs: [] },
    });
  } else {
    emit('response.output_item.added', { output_index: 0, item: { ...doneItem, arguments: '', status: 'in_progress' } });
    for (const piece of answer.pieces) emit('response.function_call_arguments.delta', { item_id: itemId, output_index: 0, delta: piece });
    emit('response.function_call_arguments.done', { item_id: itemId, output_index: 0, arguments: answer.argsText });
  }
  emit('response.output_item.done', { output_index: 0, item: doneItem });
  emit(finalStatus === 'completed' ? 'response.completed' : 'response.incomplete', { response: envelope(finalStatus, [doneItem], true) });
  return streamResponse({ events, delayMs: context.script.chunkDelayMs ?? 0, signal: context.signal });
}

// ---------------------------------------------------------------------------------------------
// Embeddings, images, speech, transcription

/** The inputs of an embeddings request as texts (token arrays become their numbers joined by spaces). */
export function embeddingInputs(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  const items = arr(input);
  if (items.length > 0 && items.every((item) => typeof item === 'number')) return [items.join(' ')];
  return items.map((item) => (Array.isArray(item) ? item.join(' ') : asText(item)));
}

function float32Base64(values: number[]): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return toBase64(bytes);
}

function embeddings(context: CallContext, defaultModel?: string): UpstreamResponse {
  const body = requireBody(context);
  const model = requireModel(body, defaultModel);
  const inputs = embeddingInputs(body.input);
  if (inputs.length === 0) throw new UpstreamError({ status: 400, message: "'input' : input must be a string or an array of strings" });
  const dimensions = num(body.dimensions) ?? num(body.output_dimension);
  const base64 = body.encoding_format === 'base64';
  const vectors = embeddingsFor(inputs.map((text) => ({ text, dimensions })), context.limits);
  const tokens = inputs.reduce((sum, text) => sum + tokenCount(text), 0);
  return jsonResponse(200, {
    object: 'list',
    data: vectors.map((vector, index) => ({ object: 'embedding', index, embedding: base64 ? float32Base64(vector) : vector })),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}

function images(context: CallContext): UpstreamResponse {
  const body = requireBody(context);
  const prompt = str(body.prompt);
  if (prompt === undefined) throw new UpstreamError({ status: 400, message: "Missing required parameter: 'prompt'." });
  const count = Math.max(1, Math.min(10, num(body.n) ?? 1));
  const asUrl = body.response_format === 'url';
  const tokens = tokenCount(prompt);
  return jsonResponse(200, {
    created: FIXED_CREATED,
    data: Array.from({ length: count }, (_, index) => {
      const b64 = imageBase64For(prompt, index);
      return asUrl ? { url: `data:image/png;base64,${b64}`, revised_prompt: prompt } : { b64_json: b64, revised_prompt: prompt };
    }),
    output_format: 'png',
    size: str(body.size) ?? '1024x1024',
    usage: { input_tokens: tokens, output_tokens: count, total_tokens: tokens + count, input_tokens_details: { text_tokens: tokens, image_tokens: 0 } },
  });
}

function speech(context: CallContext): UpstreamResponse {
  const body = requireBody(context);
  const input = str(body.input);
  if (input === undefined) throw new UpstreamError({ status: 400, message: "Missing required parameter: 'input'." });
  const format = str(body.response_format) ?? 'mp3';
  return { status: 200, headers: { 'content-type': speechContentType(format) }, body: speechFor(input, format) };
}

function srtTime(seconds: number, separator: string): string {
  const ms = Math.round(seconds * 1000);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${separator}${pad(ms % 1000, 3)}`;
}

async function transcription(context: CallContext, flavour: OpenAIFlavour): Promise<UpstreamResponse> {
  if (multipartBoundary(context.headers['content-type']) === undefined) throw new UpstreamError({ status: 400, message: 'Expected a multipart/form-data request body.' });
  const parts = await parseMultipart(context.body, context.headers['content-type'] ?? '');
  const field = (name: string) => {
    const part = parts.find((p) => p.name === name);
    return part === undefined ? undefined : fromUtf8(part.data);
  };
  const file = parts.find((p) => p.name === 'file');
  if (file === undefined) throw new UpstreamError({ status: 400, message: "Missing required parameter: 'file'." });
  const text = transcriptFor(file.data);
  const format = field('response_format') ?? 'json';
  const words = text.split(/\s+/).filter((word) => word.length > 0);
  const duration = Math.max(0.5, words.length * 0.5);
  if (format === 'text') return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `${text}\n` };
  if (format === 'srt') {
    return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `1\n${srtTime(0, ',')} --> ${srtTime(duration, ',')}\n${text}\n\n` };
  }
  if (format === 'vtt') {
    return { status: 200, headers: { 'content-type': 'text/vtt; charset=utf-8' }, body: `WEBVTT\n\n${srtTime(0, '.')} --> ${srtTime(duration, '.')}\n${text}\n\n` };
  }
  const usage = { type: 'tokens', input_tokens: Math.max(1, Math.ceil(file.data.length / 64)), output_tokens: tokenCount(text) };
  const groq = flavour.groq === true ? { x_groq: { id: `req_${shortHash(file.data)}` } } : {};
  if (format === 'verbose_json') {
    return jsonResponse(200, {
      task: 'transcribe',
      language: field('language') ?? 'english',
      duration,
      text,
      words: words.map((word, i) => ({ word, start: i * 0.5, end: (i + 1) * 0.5 })),
      segments: [
        { id: 0, seek: 0, start: 0, end: duration, text, tokens: [], temperature: 0, avg_logprob: 0, compression_ratio: 1, no_speech_prob: 0 },
      ],
      usage: { type: 'duration', seconds: Math.ceil(duration) },
      ...groq,
    });
  }
  return jsonResponse(200, { text, usage: { ...usage, total_tokens: usage.input_tokens + usage.output_tokens }, ...groq });
}
