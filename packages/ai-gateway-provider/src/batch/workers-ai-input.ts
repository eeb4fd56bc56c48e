import type { Experimental_TextBatchV4Request as TextBatchV4Request, SharedV4Warning } from '@ai-sdk/provider';
import { AiGatewayInvalidOptionsError } from '@aigw/errors';

/** `AiGatewayInvalidOptionsError` from positional arguments (the facade's own helper is not imported: this module loads lazily, on its own). */
export const invalidOption = (option: string, problem: string, allowed: string, ...value: [] | [unknown]): AiGatewayInvalidOptionsError =>
  new AiGatewayInvalidOptionsError(value.length === 0 ? { option, problem, allowed } : { option, problem, allowed, value: value[0] });

/** One text request of a batch, as the AI SDK hands it to the batch interface. */
export type WorkersAiBatchRequest = TextBatchV4Request;

/** A Workers AI run input (the chat form: `messages`, sampling options, `tools`, `response_format`). */
export type WorkersAiRunInput = Record<string, unknown>;

const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});

/**
 * The run input of one batch request: its prompt as chat `messages` (text, tool calls and tool
 * results; a file part is refused, a run input has no place for it), its sampling options under
 * Workers AI's names, its function tools and JSON response format. What Workers AI has no
 * field for (stop sequences, provider tools) becomes a warning of that request.
 */
export function workersAiInput(request: WorkersAiBatchRequest, where: string): { input: WorkersAiRunInput; warnings: SharedV4Warning[] } {
  const { options } = request;
  const warnings: SharedV4Warning[] = [];
  const messages: Record<string, unknown>[] = [];
  options.prompt.forEach((message, m) => {
    switch (message.role) {
      case 'system':
        messages.push({ role: 'system', content: message.content });
        break;
      case 'user': {
        const texts: string[] = [];
        message.content.forEach((part, p) => {
          if (part.type !== 'text') throw invalidOption(`${where}.prompt[${m}].content[${p}]`, `is a ${part.type} part, which a Workers AI batch request cannot carry`, 'text parts only', part.type);
          texts.push(part.text);
        });
        messages.push({ role: 'user', content: texts.join('\n') });
        break;
      }
      case 'assistant': {
        let text = '';
        const calls: Record<string, unknown>[] = [];
        for (const part of message.content) {
          if (part.type === 'text') text += part.text;
          else if (part.type === 'tool-call') calls.push({ id: part.toolCallId, type: 'function', function: { name: part.toolName, arguments: typeof part.input === 'string' ? part.input : JSON.stringify(part.input) } });
        }
        messages.push({ role: 'assistant', content: text, ...(calls.length > 0 ? { tool_calls: calls } : {}) });
        break;
      }
      case 'tool':
        for (const part of message.content) {
          if (part.type !== 'tool-result') continue;
          const output = record(part.output);
          const content = output.type === 'text' || output.type === 'error-text' ? String(output.value) : JSON.stringify(output.value ?? output);
          messages.push({ role: 'tool', tool_call_id: part.toolCallId, name: part.toolName, content });
        }
        break;
    }
  });
  const input: WorkersAiRunInput = { messages };
  const put = (name: string, value: unknown) => {
    if (value !== undefined) input[name] = value;
  };
  put('max_tokens', options.maxOutputTokens);
  put('temperature', options.temperature);
  put('top_p', options.topP);
  put('top_k', options.topK);
  put('seed', options.seed);
  put('presence_penalty', options.presencePenalty);
  put('frequency_penalty', options.frequencyPenalty);
  if (options.stopSequences !== undefined && options.stopSequences.length > 0) warnings.push({ type: 'unsupported', feature: 'stopSequences', details: 'Workers AI run inputs have no stop sequences.' });
  if (options.responseFormat?.type === 'json') input.response_format = options.responseFormat.schema === undefined ? { type: 'json_object' } : { type: 'json_schema', json_schema: options.responseFormat.schema };
  const tools: Record<string, unknown>[] = [];
  for (const tool of options.tools ?? []) {
    if (tool.type === 'function') tools.push({ type: 'function', function: { name: tool.name, ...(tool.description !== undefined ? { description: tool.description } : {}), parameters: tool.inputSchema } });
    else warnings.push({ type: 'unsupported', feature: `provider tool ${tool.name}`, details: 'Workers AI runs function tools only.' });
  }
  if (tools.length > 0) input.tools = tools;
  return { input, warnings };
}
