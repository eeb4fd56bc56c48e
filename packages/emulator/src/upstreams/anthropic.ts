/** Anthropic Messages API: JSON and SSE (`event:` + `data:` lines), tool_use and structured output. */
import {
  arr,
  asText,
  isRecord,
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
import type { ProviderFamily } from './family.js';
import { jsonResponse, sseEvent, streamResponse } from './sse.js';
import type { ScriptFinishReason, UpstreamResponse } from './types.js';
import { UpstreamError, type UpstreamErrorKind } from './upstream-error.js';

const errorTypes: Record<UpstreamErrorKind, string> = {
  invalid_request: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'not_found_error',
  rate_limit: 'rate_limit_error',
  server: 'api_error',
  overloaded: 'overloaded_error',
};

/** Anthropic's error response: `{type:'error', error:{type, message}}`. */
export function anthropicError(error: UpstreamError): UpstreamResponse {
  if (error.body !== undefined) return jsonResponse(error.status, error.body);
  return jsonResponse(error.status, {
    type: 'error',
    error: { type: error.type ?? errorTypes[error.kind], message: error.message },
    request_id: 'req_emulator',
  });
}

/** The Anthropic provider (`v1/messages`, `v1/messages/count_tokens`). */
export function anthropicFamily(): ProviderFamily {
  return {
    auth: 'anthropic',
    unauthorizedMessage: 'x-api-key header is required',
    error: anthropicError,
    route(context) {
      const path = context.path.replace(/^v1\//, '');
      if (path === 'messages') return anthropicMessages(context);
      if (path === 'messages/count_tokens') {
        const body = requireBody(context);
        return jsonResponse(200, { input_tokens: plan(anthropicIntent(body, 'count'), {}, context.limits).usage.input });
      }
      return undefined;
    },
  };
}

function requireBody(context: CallContext): Record<string, unknown> {
  if (!isRecord(context.json)) {
    throw new UpstreamError({ status: 400, message: 'There was an issue with your request body: invalid JSON.' });
  }
  return context.json;
}

function blockText(content: unknown): string {
  if (typeof content === 'string') return content;
  return arr(content)
    .map((block) => (isRecord(block) && block.type === 'text' ? str(block.text) : undefined))
    .filter((text): text is string => text !== undefined)
    .join('\n');
}

function toolResultContent(content: unknown): string {
  if (typeof content === 'string') return content;
  const text = blockText(content);
  return text.length > 0 ? text : asText(content);
}

function toolChoiceOf(value: unknown): ToolChoice {
  if (!isRecord(value)) return { type: 'auto' };
  if (value.type === 'none') return { type: 'none' };
  if (value.type === 'any') return { type: 'required' };
  if (value.type === 'tool' && typeof value.name === 'string') return { type: 'tool', name: value.name };
  return { type: 'auto' };
}

/** The neutral intent of an Anthropic Messages body. */
export function anthropicIntent(body: Record<string, unknown>, model: string): Intent {
  const messages = arr(body.messages).filter(isRecord);
  const prompt: string[] = [blockText(body.system)];
  let lastUserText = '';
  for (const message of messages) {
    const text = blockText(message.content);
    prompt.push(text);
    if (message.role === 'user' && (typeof message.content === 'string' || text.length > 0)) lastUserText = text;
    for (const block of arr(message.content)) {
      if (!isRecord(block)) continue;
      if (block.type === 'tool_use') prompt.push(asText(block.input));
      if (block.type === 'tool_result') prompt.push(toolResultContent(block.content));
    }
  }
  const last = messages.at(-1);
  const results = last?.role === 'user' ? arr(last.content).filter((b) => isRecord(b) && b.type === 'tool_result') : [];
  const tools: ToolSpec[] = arr(body.tools)
    .filter(isRecord)
    .filter((tool) => typeof tool.name === 'string' && (tool.type === undefined || tool.type === 'custom'))
    .map((tool) => ({ name: tool.name as string, schema: tool.input_schema }));
  const format = isRecord(body.output_config) && isRecord(body.output_config.format) ? body.output_config.format : body.output_format;
  return {
    model,
    lastUserText,
    toolResult: results.length > 0 ? results.map((b) => toolResultContent(isRecord(b) ? b.content : undefined)).join('\n') : undefined,
    tools,
    toolChoice: toolChoiceOf(body.tool_choice),
    json: isRecord(format) && format.type === 'json_schema' ? { schema: format.schema } : undefined,
    jsonToolName: tools.some((tool) => tool.name === 'json') ? 'json' : undefined,
    promptText: prompt.join('\n'),
  };
}

const stopReasons: Record<ScriptFinishReason, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  content_filter: 'refusal',
};

/** Answers a Messages call; `defaultModel` names the model when the body has none (Bedrock, Vertex). */
export function anthropicMessages(context: CallContext, defaultModel?: string): UpstreamResponse {
  const body = requireBody(context);
  const model = str(body.model) ?? defaultModel;
  if (model === undefined) throw new UpstreamError({ status: 400, message: 'model: Field required' });
  if (arr(body.messages).length === 0) throw new UpstreamError({ status: 400, message: 'messages: Field required' });
  const answer = plan(anthropicIntent(body, model), context.script, context.limits);
  return body.stream === true ? streamAnthropic(context, answer, model) : jsonResponse(200, anthropicJson(context, answer, model));
}

function usageOf(answer: Answer) {
  return {
    input_tokens: answer.usage.input,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: answer.usage.output,
    service_tier: 'standard',
  };
}

/** The JSON body of a Messages answer. */
export function anthropicJson(context: CallContext, answer: Answer, model: string): Record<string, unknown> {
  return {
    id: responseId('msg_', context),
    type: 'message',
    role: 'assistant',
    model,
    content:
      answer.kind === 'text'
        ? [{ type: 'text', text: answer.text }]
        : [{ type: 'tool_use', id: toolCallId(answer, 'toolu_'), name: answer.name, input: answer.args }],
    stop_reason: stopReasons[answer.finishReason],
    stop_sequence: null,
    usage: usageOf(answer),
  };
}

/** The stream events of a Messages answer, as `[eventType, data]` pairs. */
export function anthropicStreamEvents(context: CallContext, answer: Answer, model: string): [string, Record<string, unknown>][] {
  const events: [string, Record<string, unknown>][] = [];
  const push = (type: string, data: Record<string, unknown> = {}) => events.push([type, { type, ...data }]);
  push('message_start', {
    message: {
      id: responseId('msg_', context),
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...usageOf(answer), output_tokens: 1 },
    },
  });
  push('ping');
  if (answer.kind === 'text') {
    push('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
    for (const piece of answer.pieces) push('content_block_delta', { index: 0, delta: { type: 'text_delta', text: piece } });
  } else {
    push('content_block_start', {
      index: 0,
      content_block: { type: 'tool_use', id: toolCallId(answer, 'toolu_'), name: answer.name, input: {} },
    });
    for (const piece of answer.pieces) push('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: piece } });
  }
  push('content_block_stop', { index: 0 });
  push('message_delta', {
    delta: { stop_reason: stopReasons[answer.finishReason], stop_sequence: null },
    usage: { output_tokens: answer.usage.output },
  });
  push('message_stop');
  return events;
}

function streamAnthropic(context: CallContext, answer: Answer, model: string): UpstreamResponse {
  return streamResponse({
    events: anthropicStreamEvents(context, answer, model).map(([event, data]) => sseEvent(data, { event })),
    delayMs: context.script.chunkDelayMs ?? 0,
    signal: context.signal,
  });
}
