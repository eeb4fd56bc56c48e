/**
 * Google AI Studio (Gemini API) and Vertex AI: `generateContent`, `streamGenerateContent`
 * (`?alt=sse`, or a JSON array without it), `countTokens`, `embedContent`, `batchEmbedContents`,
 * and Vertex `predict` (text embeddings, Imagen images). Vertex `publishers/anthropic` models
 * answer in Anthropic's format (`rawPredict`, `streamRawPredict`).
 */
import { anthropicError, anthropicMessages } from './anthropic.js';
import {
  arr,
  asText,
  isRecord,
  num,
  plan,
  responseId,
  str,
  type Answer,
  type CallContext,
  type Intent,
  type ToolChoice,
  type ToolSpec,
} from './conversation.js';
import { embeddingsFor, tokenCount } from './deterministic.js';
import type { ProviderFamily } from './family.js';
import { imageBase64For } from './media.js';
import { jsonResponse, sseEvent, streamResponse } from './sse.js';
import type { ScriptFinishReason, UpstreamResponse } from './types.js';
import { UpstreamError, type UpstreamErrorKind } from './upstream-error.js';

const statuses: Record<UpstreamErrorKind, string> = {
  invalid_request: 'INVALID_ARGUMENT',
  authentication: 'UNAUTHENTICATED',
  permission: 'PERMISSION_DENIED',
  not_found: 'NOT_FOUND',
  rate_limit: 'RESOURCE_EXHAUSTED',
  server: 'INTERNAL',
  overloaded: 'UNAVAILABLE',
};

/** Google's error response: `{error:{code, message, status}}`. */
export function googleError(error: UpstreamError): UpstreamResponse {
  if (error.body !== undefined) return jsonResponse(error.status, error.body);
  return jsonResponse(error.status, {
    error: { code: typeof error.code === 'number' ? error.code : error.status, message: error.message, status: error.type ?? statuses[error.kind] },
  });
}

const modelCall = /(?:^|\/)(?:publishers\/([^/]+)\/)?models\/([^/:]+):([A-Za-z]+)$/;

/** The Google AI Studio (`vertex: false`) or Vertex AI (`vertex: true`) provider. */
export function googleFamily(options: { vertex: boolean }): ProviderFamily {
  return {
    auth: options.vertex ? 'vertex' : 'google',
    unauthorizedMessage: options.vertex
      ? 'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.'
      : 'Method doesn\'t allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.',
    error: googleError,
    model: (path) => (modelCall.exec(path)?.[2] === undefined ? undefined : decodeURIComponent(modelCall.exec(path)![2]!)),
    route: (context) => routeGoogle(context, options.vertex),
  };
}

function routeGoogle(context: CallContext, vertex: boolean): UpstreamResponse | undefined {
  const match = modelCall.exec(context.path);
  if (match === null) return undefined;
  const [, publisher, rawModel, method] = match;
  const model = decodeURIComponent(rawModel ?? '');
  if (vertex && publisher === 'anthropic') {
    if (method !== 'rawPredict' && method !== 'streamRawPredict') return undefined;
    try {
      return anthropicMessages(context, model);
    } catch (error) {
      if (error instanceof UpstreamError) return anthropicError(error);
      throw error;
    }
  }
  switch (method) {
    case 'generateContent':
      return generate(context, model, 'json');
    case 'streamGenerateContent':
      return generate(context, model, context.query.get('alt') === 'sse' ? 'sse' : 'array');
    case 'countTokens':
      return jsonResponse(200, { totalTokens: plan(googleIntent(requireBody(context), model), {}, context.limits).usage.input });
    case 'embedContent':
      return embedContent(context);
    case 'batchEmbedContents':
      return batchEmbedContents(context);
    case 'predict':
      return vertex ? predict(context) : undefined;
    default:
      return undefined;
  }
}

function requireBody(context: CallContext): Record<string, unknown> {
  if (!isRecord(context.json)) throw new UpstreamError({ status: 400, message: 'Invalid JSON payload received.' });
  return context.json;
}

function partsText(content: unknown): string {
  if (!isRecord(content)) return '';
  return arr(content.parts)
    .map((part) => (isRecord(part) && part.thought !== true ? str(part.text) : undefined))
    .filter((text): text is string => text !== undefined)
    .join('');
}

function functionResponseText(part: Record<string, unknown>): string | undefined {
  if (!isRecord(part.functionResponse)) return undefined;
  const response = part.functionResponse.response;
  if (isRecord(response) && 'content' in response) return asText(response.content);
  if (isRecord(response) && 'error' in response) return asText(response.error);
  return asText(response);
}

function toolChoiceOf(body: Record<string, unknown>): ToolChoice {
  const config = isRecord(body.toolConfig) && isRecord(body.toolConfig.functionCallingConfig) ? body.toolConfig.functionCallingConfig : {};
  if (config.mode === 'NONE') return { type: 'none' };
  if (config.mode === 'ANY' || config.mode === 'VALIDATED') {
    const allowed = arr(config.allowedFunctionNames).filter((name): name is string => typeof name === 'string');
    return allowed.length === 1 ? { type: 'tool', name: allowed[0]! } : { type: 'required' };
  }
  return { type: 'auto' };
}

/** The neutral intent of a `generateContent` body. */
export function googleIntent(body: Record<string, unknown>, model: string): Intent {
  const contents = arr(body.contents).filter(isRecord);
  const prompt: string[] = [partsText(body.systemInstruction)];
  let lastUserText = '';
  for (const content of contents) {
    const text = partsText(content);
    prompt.push(text);
    if (content.role !== 'model' && text.length > 0) lastUserText = text;
    for (const part of arr(content.parts).filter(isRecord)) {
      if (isRecord(part.functionCall)) prompt.push(asText(part.functionCall.args));
      const result = functionResponseText(part);
      if (result !== undefined) prompt.push(result);
    }
  }
  const last = contents.at(-1);
  const results =
    last !== undefined && last.role !== 'model'
      ? arr(last.parts)
          .filter(isRecord)
          .map(functionResponseText)
          .filter((text): text is string => text !== undefined)
      : [];
  const tools: ToolSpec[] = [];
  for (const tool of arr(body.tools).filter(isRecord)) {
    for (const declaration of arr(tool.functionDeclarations ?? tool.function_declarations).filter(isRecord)) {
      const name = str(declaration.name);
      if (name !== undefined) tools.push({ name, schema: declaration.parametersJsonSchema ?? declaration.parameters ?? { type: 'object' } });
    }
  }
  const config = isRecord(body.generationConfig) ? body.generationConfig : {};
  const schema = config.responseJsonSchema ?? config.responseSchema ?? config.response_json_schema ?? config.response_schema;
  const json = config.responseMimeType === 'application/json' || config.response_mime_type === 'application/json' || schema !== undefined ? { schema } : undefined;
  return {
    model,
    lastUserText,
    toolResult: results.length > 0 ? results.join('\n') : undefined,
    tools,
    toolChoice: toolChoiceOf(body),
    json,
    promptText: prompt.join('\n'),
  };
}

const finishReasons: Record<ScriptFinishReason, string> = {
  stop: 'STOP',
  length: 'MAX_TOKENS',
  tool_calls: 'STOP',
  content_filter: 'SAFETY',
};

function usageMetadata(answer: Answer) {
  return {
    promptTokenCount: answer.usage.input,
    candidatesTokenCount: answer.usage.output,
    totalTokenCount: answer.usage.input + answer.usage.output,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: answer.usage.input }],
  };
}

function generate(context: CallContext, model: string, mode: 'json' | 'sse' | 'array'): UpstreamResponse {
  const body = requireBody(context);
  if (arr(body.contents).length === 0) throw new UpstreamError({ status: 400, message: '* GenerateContentRequest.contents: contents is not specified' });
  const answer = plan(googleIntent(body, model), context.script, context.limits);
  const id = responseId('', context);
  const finishReason = finishReasons[answer.finishReason];
  const candidate = (parts: unknown[], finish: boolean) => ({
    content: { parts, role: 'model' },
    ...(finish ? { finishReason } : {}),
    index: 0,
  });
  const envelope = (parts: unknown[], finish: boolean) => ({
    candidates: [candidate(parts, finish)],
    usageMetadata: finish ? usageMetadata(answer) : { promptTokenCount: answer.usage.input, totalTokenCount: answer.usage.input },
    modelVersion: model,
    responseId: id,
  });
  const callPart = answer.kind === 'tool' ? { functionCall: { name: answer.name, args: answer.args } } : undefined;
  if (mode === 'json') return jsonResponse(200, envelope(callPart === undefined ? [{ text: answer.kind === 'text' ? answer.text : '' }] : [callPart], true));
  let chunks: unknown[];
  if (callPart !== undefined) chunks = [envelope([callPart], true)];
  else if (answer.kind === 'text' && answer.pieces.length > 0) chunks = answer.pieces.map((piece, i, all) => envelope([{ text: piece }], i === all.length - 1));
  else chunks = [envelope([{ text: '' }], true)];
  if (mode === 'array') return jsonResponse(200, chunks);
  return streamResponse({
    events: chunks.map((chunk) => sseEvent(chunk, { eol: '\r\n' })),
    delayMs: context.script.chunkDelayMs ?? 0,
    signal: context.signal,
  });
}

function embedContent(context: CallContext): UpstreamResponse {
  const body = requireBody(context);
  const text = partsText(body.content);
  const [values] = embeddingsFor([{ text, dimensions: num(body.outputDimensionality) }], context.limits);
  return jsonResponse(200, { embedding: { values } });
}

function batchEmbedContents(context: CallContext): UpstreamResponse {
  const body = requireBody(context);
  const requests = arr(body.requests).filter(isRecord);
  if (requests.length === 0) throw new UpstreamError({ status: 400, message: '* BatchEmbedContentsRequest.requests: requests is not specified' });
  const vectors = embeddingsFor(requests.map((request) => ({ text: partsText(request.content), dimensions: num(request.outputDimensionality) })), context.limits);
  return jsonResponse(200, { embeddings: vectors.map((values) => ({ values })) });
}

function predict(context: CallContext): UpstreamResponse {
  const body = requireBody(context);
  const instances = arr(body.instances).filter(isRecord);
  const parameters = isRecord(body.parameters) ? body.parameters : {};
  const first = instances[0];
  if (first !== undefined && typeof first.prompt === 'string') {
    const prompt = first.prompt;
    const count = Math.max(1, Math.min(8, num(parameters.sampleCount) ?? 1));
    return jsonResponse(200, {
      predictions: Array.from({ length: count }, (_, index) => ({ bytesBase64Encoded: imageBase64For(prompt, index), mimeType: 'image/png', prompt })),
    });
  }
  if (instances.length === 0) throw new UpstreamError({ status: 400, message: 'instances is required' });
  const texts = instances.map((instance) => asText(instance.content ?? ''));
  const vectors = embeddingsFor(texts.map((text) => ({ text, dimensions: num(parameters.outputDimensionality) })), context.limits);
  return jsonResponse(200, {
    predictions: texts.map((text, i) => ({ embeddings: { values: vectors[i], statistics: { token_count: tokenCount(text), truncated: false } } })),
  });
}
