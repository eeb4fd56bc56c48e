import {
  APICallError,
  type Experimental_BatchV4 as BatchV4,
  type Experimental_BatchV4Error as BatchV4Error,
  type Experimental_BatchV4ItemResult as BatchV4ItemResult,
  type Experimental_BatchV4OperationOptions as BatchV4OperationOptions,
  type Experimental_BatchV4StartOptions as BatchV4StartOptions,
  type Experimental_BatchV4StartResult as BatchV4StartResult,
  type Experimental_BatchV4Status as BatchV4Status,
  type LanguageModelV4GenerateResult,
  type SharedV4Warning,
} from '@ai-sdk/provider';
import { pathSegment } from '@aigw/core';
import { AiGatewayBatchError, AiGatewayInvalidOptionsError } from '@aigw/errors';
import type { BatchContext } from './batch-context';
import type { BatchAnswers, gatewayFetch, gatewayMetadata, operationOptions } from './gateway-fetch';
import { invalidOption, workersAiInput, type WorkersAiBatchRequest } from './workers-ai-input';

/**
 * What this module takes from the facade's shared code, handed over by its loader rather than
 * imported: so that the module is a chunk of its own that an app without batches never loads, and
 * that shares no chunk with the package's entry.
 */
export interface WorkersAiBatchTools {
  readonly gatewayFetch: typeof gatewayFetch;
  readonly gatewayMetadata: typeof gatewayMetadata;
  readonly operationOptions: typeof operationOptions;
}

const WORKERS_AI_ID = /^@(?:cf|hf)\/[^\s]+$/;
const TOKEN = /^[\x21-\x7e]+$/;

/** A Workers AI id (`@cf/...`, `@hf/...`) whose parts are safe path segments; anything else is refused naming `option`. */
function checkWorkersAiId(id: unknown, option: string, problem: string, allowed: string): string {
  if (typeof id !== 'string' || !WORKERS_AI_ID.test(id)) throw invalidOption(option, problem, allowed, id);
  return pathSegment(id, { option, allowed: 'a model id whose parts between "/" are non-empty, are not "." or "..", and hold only letters, digits and -._~!$&\'()*+,;=:@', slashes: true });
}

/** The AI SDK provider name of a Workers AI batch (`experimental_startBatch`'s reference names it). */
export const WORKERS_AI_BATCH_PROVIDER = 'workers-ai.batch';

/** Workers AI's request ids, as the emulator and the service give them (a UUID, or letters, digits, `-`, `_`). */
const REQUEST_ID = /^[A-Za-z0-9_-]{1,128}$/;
const MODEL_ID = { allowed: 'a Workers AI id such as @cf/meta/llama-3.1-8b-instruct', slashes: true } as const;

/** What a Workers AI batch poll answers (the `result` of the v4 envelope). */
interface PollResult {
  readonly status?: unknown;
  readonly request_id?: unknown;
  readonly error?: unknown;
  readonly responses?: unknown;
}

/**
 * Workers AI's asynchronous batch (its Batch API) as the AI SDK's batch interface: `doStartBatch`
 * sends one run request with `?queueRequest=true` and `{ requests }` to the model of the batch's
 * requests (all of one Workers AI text model), each request carrying its id as
 * `external_reference`; `doGetBatchStatus` and `doGetBatchResults` poll the same run route with
 * `{ request_id }`. Every request goes through the gateway's `workers-ai` provider path, over
 * HTTPS (with the Cloudflare API token) or through the binding (pre-authenticated). The batch id is
 * `{model}:{request_id}`, so that a poll knows its route. Workers AI has no cancel or list.
 */
export class WorkersAiBatch implements BatchV4<{ text: string }> {
  readonly specificationVersion = 'v4' as const;
  readonly provider = WORKERS_AI_BATCH_PROVIDER;
  readonly supportedUrls: Record<string, RegExp[]> = {};

  constructor(
    private readonly context: BatchContext,
    private readonly tools: WorkersAiBatchTools,
  ) {}

  async doStartBatch(options: BatchV4StartOptions<{ text: string }>): Promise<BatchV4StartResult> {
    const { requests } = options;
    const model = batchModel(requests);
    const warnings: BatchV4StartResult['warnings'] = [];
    if (options.webhookUrl !== undefined) warnings.push({ warning: { type: 'unsupported', feature: 'webhookUrl', details: 'Workers AI batches do not call a webhook; poll experimental_getBatchStatus.' } });
    const inputs = requests.map((request, i) => {
      const prepared = workersAiInput(request as WorkersAiBatchRequest, `requests[${i}]`);
      for (const warning of prepared.warnings) warnings.push({ requestId: request.id, warning });
      return { ...prepared.input, external_reference: request.id };
    });
    const answers: BatchAnswers = [];
    const answer = await this.run({ model, body: { requests: inputs }, queue: true, options, answers });
    const result = record(answer.result);
    const requestId = result.request_id;
    if (typeof requestId !== 'string' || !REQUEST_ID.test(requestId)) {
      throw new APICallError({ message: 'Workers AI answered a queued batch without a usable request_id', url: answer.url, requestBodyValues: { requests: inputs.length }, statusCode: answer.status, responseBody: answer.text, isRetryable: false });
    }
    return {
      batchId: `${model}:${requestId}`,
      status: 'pending',
      rawStatus: typeof result.status === 'string' ? result.status : 'queued',
      requestCounts: { total: requests.length, pending: requests.length, completed: 0, failed: 0 },
      providerMetadata: this.tools.gatewayMetadata(answers, undefined) as BatchV4StartResult['providerMetadata'],
      warnings,
    };
  }

  async doGetBatchStatus(options: BatchV4OperationOptions): Promise<BatchV4Status> {
    const answers: BatchAnswers = [];
    const poll = await this.poll(options, answers);
    return { ...statusOf(poll), providerMetadata: this.tools.gatewayMetadata(answers, undefined) as BatchV4Status['providerMetadata'] };
  }

  async doGetBatchResults(options: BatchV4OperationOptions): Promise<ReadableStream<BatchV4ItemResult>> {
    const poll = await this.poll(options, []);
    const status = statusOf(poll);
    if (status.status !== 'completed') {
      const error = status.error;
      const raw = status.rawStatus;
      throw new AiGatewayBatchError({
        batchId: options.batchId,
        provider: this.provider,
        state: status.status === 'pending' ? 'pending' : raw === 'expired' ? 'expired' : raw === 'cancelled' ? 'cancelled' : 'failed',
        ...(raw !== undefined ? { rawStatus: raw } : {}),
        ...(error?.message !== undefined ? { reason: error.message } : {}),
        ...(error?.code !== undefined ? { code: error.code } : {}),
      });
    }
    const items = (poll.responses as unknown[]).map(itemResult);
    return new ReadableStream<BatchV4ItemResult>({
      start(controller) {
        for (const item of items) controller.enqueue(item);
        controller.close();
      },
    });
  }

  /** Reads the batch (`{ request_id }` to its model's run route), checking the id first. */
  private async poll(options: BatchV4OperationOptions, answers: BatchAnswers): Promise<PollResult> {
    const { model, requestId } = parseBatchId(options.batchId);
    const answer = await this.run({ model, body: { request_id: requestId }, queue: false, options, answers });
    return record(answer.result);
  }

  private async run(args: {
    model: string;
    body: Record<string, unknown>;
    queue: boolean;
    options: { headers?: Record<string, string | undefined>; abortSignal?: AbortSignal; providerOptions?: unknown };
    answers: BatchAnswers;
  }): Promise<{ result: unknown; url: string; status: number; text: string }> {
    const { context } = this;
    const { gatewayFetch, operationOptions } = this.tools;
    const gatewayOptions = operationOptions(context, args.options.providerOptions);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (context.tokenRequired && context.cloudflareApiToken === undefined) {
      throw invalidOption(
        'cloudflareApiToken',
        'is missing, and a Workers AI batch needs a Cloudflare API token (Workers AI Read and Edit) over HTTP',
        'a Cloudflare API token, in the settings or in CLOUDFLARE_API_TOKEN (or use the Workers binding, which needs none)',
      );
    }
    if (context.cloudflareApiToken !== undefined) {
      if (!TOKEN.test(context.cloudflareApiToken)) throw invalidOption('cloudflareApiToken', 'contains a space, control or non-ASCII character, or is empty', 'a Cloudflare API token (printable ASCII characters, no spaces)');
      headers.authorization = `Bearer ${context.cloudflareApiToken}`;
    }
    for (const [name, value] of Object.entries(args.options.headers ?? {})) if (value !== undefined) headers[name.toLowerCase()] = value;
    const account = pathSegment(context.accountId, { option: 'accountId', allowed: 'your Cloudflare account id (letters, digits, "-" or "_")', pattern: /^[A-Za-z0-9_-]{1,64}$/ });
    const url = `https://api.cloudflare.com/client/v4/accounts/${account}/ai/run/${pathSegment(args.model, { option: 'model', ...MODEL_ID })}${args.queue ? '?queueRequest=true' : ''}`;
    const fetch = gatewayFetch(context, gatewayOptions, args.answers);
    const init: RequestInit = { method: 'POST', headers, body: JSON.stringify(args.body) };
    if (args.options.abortSignal) init.signal = args.options.abortSignal;
    const response = await fetch(url, init);
    const text = await response.text();
    if (!response.ok) {
      throw new APICallError({
        message: cloudflareMessage(text) ?? `Workers AI answered ${response.status}`,
        url,
        requestBodyValues: args.queue ? { requests: (args.body.requests as unknown[]).length } : args.body,
        statusCode: response.status,
        responseHeaders: Object.fromEntries(response.headers),
        responseBody: text,
        isRetryable: response.status === 408 || response.status === 429 || response.status >= 500,
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (cause) {
      throw new APICallError({ message: 'Workers AI answered a batch request with invalid JSON', url, requestBodyValues: {}, statusCode: response.status, responseBody: text, cause, isRetryable: false });
    }
    const envelope = record(body);
    return { result: 'result' in envelope ? envelope.result : body, url, status: response.status, text };
  }
}

/** The one model of a batch's requests: a Workers AI text id (`@cf/...`). */
function batchModel(requests: BatchV4StartOptions<{ text: string }>['requests']): string {
  if (requests.length === 0) throw invalidOption('requests', 'is an empty list', 'at least one request', requests);
  const model = requests[0]!.modelId;
  for (let i = 0; i < requests.length; i++) {
    const request = requests[i]!;
    if (request.type !== 'text') throw invalidOption(`requests[${i}].type`, `is "${String(request.type)}", which a Workers AI batch does not take`, '"text" (a Workers AI batch runs text generation)', request.type);
    checkWorkersAiId(request.modelId, `requests[${i}].model`, 'is not a Workers AI id', 'a Workers AI text id ("@cf/meta/llama-3.1-8b-instruct"); batch a vendor model with aigateway.batch(openai) and the like');
    if (request.modelId !== model) throw invalidOption(`requests[${i}].model`, `differs from requests[0].model "${model}": a Workers AI batch runs one model`, `"${model}", or one batch per model`, request.modelId);
  }
  return model;
}

/** `{model}:{request_id}` split and checked: the model becomes the run route's path, the id goes in the body. */
function parseBatchId(batchId: unknown): { model: string; requestId: string } {
  const refuse = (problem: string) => new AiGatewayInvalidOptionsError({ option: 'batch.id', value: batchId, problem, allowed: 'the id experimental_startBatch gave for a Workers AI batch, "{model}:{request_id}"' });
  if (typeof batchId !== 'string') throw refuse('is not a string');
  const at = batchId.lastIndexOf(':');
  if (at <= 0) throw refuse('has no ":" between the model and the request id');
  const model = batchId.slice(0, at);
  const requestId = batchId.slice(at + 1);
  if (!REQUEST_ID.test(requestId)) throw refuse('has a request id that is not 1 to 128 letters, digits, "-" or "_"');
  pathSegment(model, { option: 'batch.id', ...MODEL_ID });
  if (!WORKERS_AI_ID.test(model)) throw refuse('does not start with a Workers AI model id');
  return { model, requestId };
}

function statusOf(poll: PollResult): BatchV4Status {
  if (Array.isArray(poll.responses)) {
    const responses = poll.responses as unknown[];
    const failed = responses.filter((r) => record(r).success !== true).length;
    return { status: 'completed', rawStatus: 'completed', requestCounts: { total: responses.length, pending: 0, completed: responses.length - failed, failed } };
  }
  const raw = typeof poll.status === 'string' ? poll.status : 'unknown';
  if (raw === 'queued' || raw === 'running') return { status: 'pending', rawStatus: raw };
  const error = batchError(poll.error, `Workers AI batch ${raw}`);
  return { status: 'failed', rawStatus: raw, error };
}

function batchError(value: unknown, fallback: string): BatchV4Error {
  const error = record(value);
  const message = typeof error.message === 'string' ? error.message : typeof value === 'string' ? value : fallback;
  return { message, ...(typeof error.code === 'number' || typeof error.code === 'string' ? { code: String(error.code) } : {}) };
}

/** One answered request as the AI SDK's batch item: its own id (its `external_reference`), its text and tool calls, or its error. */
function itemResult(value: unknown, index: number): BatchV4ItemResult {
  const item = record(value);
  const id = typeof item.external_reference === 'string' ? item.external_reference : String(typeof item.id === 'number' ? item.id : index);
  if (item.success !== true) return { type: 'text', id, status: 'failed', error: batchError(item.error, 'Workers AI failed this request') };
  const result = record(item.result);
  const content: LanguageModelV4GenerateResult['content'] = [];
  const text = typeof result.response === 'string' ? result.response : result.response !== undefined && result.response !== null ? JSON.stringify(result.response) : '';
  if (text !== '') content.push({ type: 'text', text });
  const calls = Array.isArray(result.tool_calls) ? result.tool_calls : [];
  calls.forEach((call, i) => {
    const c = record(call);
    const fn = record(c.function);
    const name = typeof c.name === 'string' ? c.name : typeof fn.name === 'string' ? fn.name : 'unknown';
    const args = c.arguments ?? fn.arguments ?? {};
    content.push({ type: 'tool-call', toolCallId: typeof c.id === 'string' ? c.id : `${id}-call-${i}`, toolName: name, input: typeof args === 'string' ? args : JSON.stringify(args) });
  });
  const usage = record(result.usage);
  const input = typeof usage.prompt_tokens === 'number' ? usage.prompt_tokens : undefined;
  const output = typeof usage.completion_tokens === 'number' ? usage.completion_tokens : undefined;
  return {
    type: 'text',
    id,
    status: 'succeeded',
    result: {
      content,
      finishReason: { unified: calls.length > 0 ? 'tool-calls' : 'stop', raw: calls.length > 0 ? 'tool_calls' : 'stop' },
      usage: { inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: output, text: output, reasoning: undefined } },
      warnings: [] as SharedV4Warning[],
    },
  };
}

/** The first message of a Cloudflare v4 error envelope (`errors: [{ code, message }]`). */
function cloudflareMessage(text: string): string | undefined {
  try {
    const first = (JSON.parse(text) as { errors?: { code?: unknown; message?: unknown }[] }).errors?.[0];
    return typeof first?.message === 'string' ? `Workers AI error${typeof first.code === 'number' ? ` ${first.code}` : ''}: ${first.message}` : undefined;
  } catch {
    return undefined;
  }
}

const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});
