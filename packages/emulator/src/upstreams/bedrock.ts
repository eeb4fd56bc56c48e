/**
 * AWS Bedrock runtime: `converse` (JSON), `converse-stream` (binary AWS event-stream), and
 * `invoke` / `invoke-with-response-stream` for Anthropic models (Anthropic JSON; stream events
 * wrapped as base64 `chunk` events). `bedrock-mantle/{region}/anthropic/v1/messages` speaks the
 * Anthropic Messages API.
 */
import { anthropicError, anthropicJson, anthropicMessages, anthropicIntent, anthropicStreamEvents } from './anthropic.js';
import { toBase64, utf8 } from './binary.js';
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
import { eventStreamEvent } from './event-stream.js';
import type { ProviderFamily } from './family.js';
import { jsonResponse, streamResponse } from './sse.js';
import type { ScriptFinishReason, UpstreamResponse } from './types.js';
import { UpstreamError, type UpstreamErrorKind } from './upstream-error.js';

const errorTypes: Record<UpstreamErrorKind, string> = {
  invalid_request: 'ValidationException',
  authentication: 'UnrecognizedClientException',
  permission: 'AccessDeniedException',
  not_found: 'ResourceNotFoundException',
  rate_limit: 'ThrottlingException',
  server: 'InternalServerException',
  overloaded: 'ServiceUnavailableException',
};

/** Bedrock's error response: `{message}` plus the `x-amzn-errortype` header. */
export function bedrockError(error: UpstreamError): UpstreamResponse {
  const type = error.type ?? errorTypes[error.kind];
  const headers = { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/` };
  if (error.body !== undefined) return jsonResponse(error.status, error.body, headers);
  return jsonResponse(error.status, { message: error.message }, headers);
}

const runtimePath = /^(?:bedrock-runtime\/[^/]+\/)?model\/([^/]+)\/(converse|converse-stream|invoke|invoke-with-response-stream)$/;
const mantlePath = /^bedrock-mantle\/[^/]+\/anthropic\/v1\/messages$/;

/** The AWS Bedrock provider. */
export function bedrockFamily(): ProviderFamily {
  return {
    auth: 'bedrock',
    unauthorizedMessage: 'Missing Authentication Token',
    error: bedrockError,
    model: (path, json) => {
      const match = runtimePath.exec(path);
      if (match?.[1] !== undefined) return decodeURIComponent(match[1]);
      return isRecord(json) ? str(json.model) : undefined;
    },
    route(context) {
      if (mantlePath.test(context.path)) {
        try {
          return anthropicMessages(context);
        } catch (error) {
          if (error instanceof UpstreamError) return anthropicError(error);
          throw error;
        }
      }
      const match = runtimePath.exec(context.path);
      if (match === null) return undefined;
      const model = decodeURIComponent(match[1] ?? '');
      switch (match[2]) {
        case 'converse':
          return converse(context, model, false);
        case 'converse-stream':
          return converse(context, model, true);
        case 'invoke':
          return invoke(context, model, false);
        default:
          return invoke(context, model, true);
      }
    },
  };
}

function requireBody(context: CallContext): Record<string, unknown> {
  if (!isRecord(context.json)) throw new UpstreamError({ status: 400, message: 'Malformed input request, please reformat your input and try again.' });
  return context.json;
}

function blocksText(content: unknown): string {
  return arr(content)
    .map((block) => (isRecord(block) ? str(block.text) : undefined))
    .filter((text): text is string => text !== undefined)
    .join('\n');
}

function toolResultText(result: Record<string, unknown>): string {
  return arr(result.content)
    .map((block) => (isRecord(block) ? (str(block.text) ?? ('json' in block ? asText(block.json) : undefined)) : undefined))
    .filter((text): text is string => text !== undefined)
    .join('\n');
}

function toolChoiceOf(value: unknown): ToolChoice {
  if (!isRecord(value)) return { type: 'auto' };
  if (isRecord(value.any)) return { type: 'required' };
  if (isRecord(value.tool) && typeof value.tool.name === 'string') return { type: 'tool', name: value.tool.name };
  return { type: 'auto' };
}

/** The neutral intent of a Converse body. */
export function converseIntent(body: Record<string, unknown>, model: string): Intent {
  const messages = arr(body.messages).filter(isRecord);
  const prompt: string[] = [blocksText(body.system)];
  let lastUserText = '';
  for (const message of messages) {
    const text = blocksText(message.content);
    prompt.push(text);
    if (message.role === 'user' && text.length > 0) lastUserText = text;
    for (const block of arr(message.content).filter(isRecord)) {
      if (isRecord(block.toolUse)) prompt.push(asText(block.toolUse.input));
      if (isRecord(block.toolResult)) prompt.push(toolResultText(block.toolResult));
    }
  }
  const last = messages.at(-1);
  const results =
    last?.role === 'user'
      ? arr(last.content)
          .filter(isRecord)
          .map((block) => block.toolResult)
          .filter(isRecord)
      : [];
  const toolConfig = isRecord(body.toolConfig) ? body.toolConfig : {};
  const tools: ToolSpec[] = [];
  for (const tool of arr(toolConfig.tools).filter(isRecord)) {
    const spec = isRecord(tool.toolSpec) ? tool.toolSpec : undefined;
    const name = str(spec?.name);
    if (spec !== undefined && name !== undefined) tools.push({ name, schema: isRecord(spec.inputSchema) ? spec.inputSchema.json : undefined });
  }
  const extra = isRecord(body.additionalModelRequestFields) ? body.additionalModelRequestFields : {};
  const format = isRecord(extra.output_config) && isRecord(extra.output_config.format) ? extra.output_config.format : undefined;
  return {
    model,
    lastUserText,
    toolResult: results.length > 0 ? results.map(toolResultText).join('\n') : undefined,
    tools,
    toolChoice: toolChoiceOf(toolConfig.toolChoice),
    json: format?.type === 'json_schema' ? { schema: format.schema } : undefined,
    jsonToolName: tools.some((tool) => tool.name === 'json') ? 'json' : undefined,
    promptText: prompt.join('\n'),
  };
}

const stopReasons: Record<ScriptFinishReason, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  content_filter: 'content_filtered',
};

function usageOf(answer: Answer) {
  return { inputTokens: answer.usage.input, outputTokens: answer.usage.output, totalTokens: answer.usage.input + answer.usage.output };
}

function converse(context: CallContext, model: string, stream: boolean): UpstreamResponse {
  const body = requireBody(context);
  if (arr(body.messages).length === 0) throw new UpstreamError({ status: 400, message: 'A conversation must start with a user message.' });
  const answer = plan(converseIntent(body, model), context.script, context.limits);
  const stopReason = stopReasons[answer.finishReason];
  const requestId = responseId('', context);
  if (!stream) {
    return jsonResponse(
      200,
      {
        output: {
          message: {
            role: 'assistant',
            content:
              answer.kind === 'text'
                ? [{ text: answer.text }]
                : [{ toolUse: { toolUseId: toolCallId(answer, 'tooluse_'), name: answer.name, input: answer.args } }],
          },
        },
        stopReason,
        usage: usageOf(answer),
        metrics: { latencyMs: 1 },
      },
      { 'x-amzn-requestid': requestId },
    );
  }
  const events: Uint8Array[] = [eventStreamEvent('messageStart', { role: 'assistant' })];
  if (answer.kind === 'text') {
    for (const piece of answer.pieces) events.push(eventStreamEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: piece } }));
  } else {
    events.push(
      eventStreamEvent('contentBlockStart', {
        contentBlockIndex: 0,
        start: { toolUse: { toolUseId: toolCallId(answer, 'tooluse_'), name: answer.name } },
      }),
    );
    for (const piece of answer.pieces) {
      events.push(eventStreamEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { toolUse: { input: piece } } }));
    }
  }
  events.push(eventStreamEvent('contentBlockStop', { contentBlockIndex: 0 }));
  events.push(eventStreamEvent('messageStop', { stopReason }));
  events.push(eventStreamEvent('metadata', { usage: usageOf(answer), metrics: { latencyMs: 1 } }));
  return streamResponse({
    events,
    contentType: 'application/vnd.amazon.eventstream',
    delayMs: context.script.chunkDelayMs ?? 0,
    signal: context.signal,
    headers: { 'x-amzn-requestid': requestId },
  });
}

function invoke(context: CallContext, model: string, stream: boolean): UpstreamResponse {
  const body = requireBody(context);
  if (!/anthropic|claude/i.test(model) && body.anthropic_version === undefined) {
    throw new UpstreamError({ status: 400, message: `The emulator only simulates InvokeModel for Anthropic models, not ${model}.` });
  }
  if (arr(body.messages).length === 0) throw new UpstreamError({ status: 400, message: 'messages: field required' });
  const answer = plan(anthropicIntent(body, model), context.script, context.limits);
  if (!stream) return jsonResponse(200, anthropicJson(context, answer, model));
  return streamResponse({
    events: anthropicStreamEvents(context, answer, model).map(([, data]) => eventStreamEvent('chunk', { bytes: toBase64(utf8(JSON.stringify(data))) })),
    contentType: 'application/vnd.amazon.eventstream',
    delayMs: context.script.chunkDelayMs ?? 0,
    signal: context.signal,
  });
}
