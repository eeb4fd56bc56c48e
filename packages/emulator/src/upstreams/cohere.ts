/** Cohere: `v2/chat` (JSON and SSE), `v1/chat` (JSON), `v1|v2/embed`, `v1|v2/rerank`. */
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
} from './conversation.js';
import { echoText, embeddingsFor, rerankScores, tokenCount } from './deterministic.js';
import type { ProviderFamily } from './family.js';
import { chatMessagesText, openAIContentText, toolsOf } from './openai.js';
import { jsonResponse, sseEvent, streamResponse } from './sse.js';
import type { ScriptFinishReason, UpstreamResponse } from './types.js';
import { UpstreamError } from './upstream-error.js';

/** Cohere's error response: `{id, message}`. */
export function cohereError(error: UpstreamError): UpstreamResponse {
  if (error.body !== undefined) return jsonResponse(error.status, error.body);
  return jsonResponse(error.status, { id: 'emulator-error', message: error.message });
}

/** The Cohere provider. */
export function cohereFamily(): ProviderFamily {
  return {
    auth: 'cohere',
    unauthorizedMessage: 'no api key supplied',
    error: cohereError,
    route(context) {
      switch (context.path) {
        case 'v2/chat':
          return chatV2(context);
        case 'v1/chat':
          return chatV1(context);
        case 'v1/embed':
        case 'v2/embed':
          return embed(context, context.path === 'v2/embed');
        case 'v1/rerank':
        case 'v2/rerank':
          return rerank(context);
        default:
          return undefined;
      }
    },
  };
}

function requireBody(context: CallContext): Record<string, unknown> {
  if (!isRecord(context.json)) throw new UpstreamError({ status: 400, message: 'invalid request: could not parse the JSON body' });
  return context.json;
}

function requireModel(body: Record<string, unknown>): string {
  const model = str(body.model);
  if (model === undefined) throw new UpstreamError({ status: 400, message: 'invalid request: model must be specified' });
  return model;
}

/** The neutral intent of a Cohere v2 chat body. */
export function cohereIntent(body: Record<string, unknown>, model: string): Intent {
  const messages = arr(body.messages).filter(isRecord);
  const { prompt, lastUserText } = chatMessagesText(messages);
  const lastIndex = messages.length - 1;
  let first = lastIndex;
  while (first >= 0 && messages[first]?.role === 'tool') first--;
  const results = messages.slice(first + 1).map((message) => openAIContentText(message.content));
  const tools = toolsOf(body.tools);
  const format = isRecord(body.response_format) ? body.response_format : undefined;
  return {
    model,
    lastUserText,
    toolResult: results.length > 0 ? results.join('\n') : undefined,
    tools,
    toolChoice: body.tool_choice === 'NONE' ? { type: 'none' } : body.tool_choice === 'REQUIRED' ? { type: 'required' } : { type: 'auto' },
    json: format?.type === 'json_object' ? { schema: format.json_schema ?? format.schema } : undefined,
    promptText: prompt.join('\n'),
  };
}

const finishReasons: Record<ScriptFinishReason, string> = {
  stop: 'COMPLETE',
  length: 'MAX_TOKENS',
  tool_calls: 'TOOL_CALL',
  content_filter: 'ERROR',
};

function usageOf(answer: Answer) {
  const counts = { input_tokens: answer.usage.input, output_tokens: answer.usage.output };
  return { billed_units: counts, tokens: counts };
}

function chatV2(context: CallContext): UpstreamResponse {
  const body = requireBody(context);
  const model = requireModel(body);
  const answer = plan(cohereIntent(body, model), context.script, context.limits);
  const id = responseId('', context);
  const finish = finishReasons[answer.finishReason];
  const call = answer.kind === 'tool' ? { id: toolCallId(answer, 'call_'), type: 'function', function: { name: answer.name, arguments: answer.argsText } } : undefined;
  if (body.stream !== true) {
    return jsonResponse(200, {
      id,
      message:
        call === undefined
          ? { role: 'assistant', content: [{ type: 'text', text: answer.kind === 'text' ? answer.text : '' }] }
          : { role: 'assistant', tool_plan: `I will call ${call.function.name}.`, tool_calls: [call] },
      finish_reason: finish,
      usage: usageOf(answer),
    });
  }
  const events: string[] = [];
  const push = (type: string, data: Record<string, unknown> = {}) => events.push(sseEvent({ type, ...data }, { event: type }));
  push('message-start', { id, delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } } });
  if (answer.kind === 'text') {
    push('content-start', { index: 0, delta: { message: { content: { type: 'text', text: '' } } } });
    for (const piece of answer.pieces) push('content-delta', { index: 0, delta: { message: { content: { text: piece } } } });
    push('content-end', { index: 0 });
  } else if (call !== undefined) {
    push('tool-call-start', { index: 0, delta: { message: { tool_calls: { ...call, function: { name: answer.name, arguments: '' } } } } });
    for (const piece of answer.pieces) push('tool-call-delta', { index: 0, delta: { message: { tool_calls: { function: { arguments: piece } } } } });
    push('tool-call-end', { index: 0 });
  }
  push('message-end', { delta: { finish_reason: finish, usage: usageOf(answer) } });
  return streamResponse({ events, delayMs: context.script.chunkDelayMs ?? 0, signal: context.signal });
}

function chatV1(context: CallContext): UpstreamResponse {
  const body = requireBody(context);
  const message = str(body.message);
  if (message === undefined) throw new UpstreamError({ status: 400, message: 'invalid request: message must be a non-empty string' });
  const text = context.script.text ?? (context.script.json === undefined ? echoText(message) : JSON.stringify(context.script.json));
  const counts = { input_tokens: tokenCount(message), output_tokens: tokenCount(text) };
  return jsonResponse(200, {
    response_id: responseId('', context),
    text,
    generation_id: responseId('gen-', context),
    chat_history: [
      { role: 'USER', message },
      { role: 'CHATBOT', message: text },
    ],
    finish_reason: finishReasons[context.script.finishReason ?? 'stop'],
    meta: { api_version: { version: '1' }, billed_units: counts, tokens: counts },
  });
}

function embed(context: CallContext, v2: boolean): UpstreamResponse {
  const body = requireBody(context);
  requireModel(body);
  const texts = arr(body.texts).map(asText);
  if (texts.length === 0) throw new UpstreamError({ status: 400, message: 'invalid request: texts must be a non-empty list' });
  const vectors = embeddingsFor(texts.map((text) => ({ text, dimensions: num(body.output_dimension) })), context.limits);
  const tokens = texts.reduce((sum, text) => sum + tokenCount(text), 0);
  return jsonResponse(200, {
    id: responseId('', context),
    embeddings: v2 || body.embedding_types !== undefined ? { float: vectors } : vectors,
    texts,
    meta: { api_version: { version: v2 ? '2' : '1' }, billed_units: { input_tokens: tokens } },
    response_type: v2 ? 'embeddings_by_type' : 'embeddings_floats',
  });
}

function rerank(context: CallContext): UpstreamResponse {
  const body = requireBody(context);
  requireModel(body);
  const query = str(body.query);
  if (query === undefined) throw new UpstreamError({ status: 400, message: 'invalid request: query must be a non-empty string' });
  const documents = arr(body.documents).map((document) => (isRecord(document) && typeof document.text === 'string' ? document.text : asText(document)));
  const results = rerankScores(query, documents, num(body.top_n));
  return jsonResponse(200, {
    id: responseId('', context),
    results: results.map((result) =>
      body.return_documents === true ? { ...result, document: { text: documents[result.index] ?? '' } } : result,
    ),
    meta: { api_version: { version: '2' }, billed_units: { search_units: 1 } },
  });
}
