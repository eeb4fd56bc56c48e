import { APICallError } from '@ai-sdk/provider';
import { pathSegment } from '@aigw/core';

/** What a Workers AI run-format model needs: where to post and with what. */
export interface WorkersAiRunConfig {
  /** Names the model in results and errors, e.g. `workers-ai.image`. */
  readonly provider: string;
  /** `https://api.cloudflare.com/client/v4/accounts/{account}/ai/run`; the gateway takes the path after `run/`. */
  readonly baseURL: string;
  /** Headers of every request (the Cloudflare API token over HTTP; none through the binding). */
  readonly headers: () => Record<string, string>;
  /** Replaced per call by the gateway's capture; the global fetch when the model is used alone. */
  readonly fetch?: typeof globalThis.fetch;
}

export interface WorkersAiRunAnswer {
  /** `result` of the Cloudflare v4 envelope, or the raw bytes of a binary answer (audio, PNG). */
  readonly result: unknown;
  readonly bytes?: Uint8Array;
  readonly headers: Record<string, string>;
  /** Where the request went and what it sent, for an error about the answer. */
  readonly url: string;
  readonly status: number;
  readonly input: Record<string, unknown>;
  /** The answer's JSON text (undefined for a binary answer). */
  readonly text?: string;
}

/**
 * The AI SDK's `APICallError` for a successful answer that lacks what the model needs (an image, the
 * audio): not retryable, since the same request gets the same answer.
 */
export function missingPayload(answer: WorkersAiRunAnswer, what: string): APICallError {
  return new APICallError({
    message: `Workers AI answered without ${what}`,
    url: answer.url,
    requestBodyValues: answer.input,
    statusCode: answer.status,
    responseHeaders: answer.headers,
    ...(answer.text !== undefined ? { responseBody: answer.text } : {}),
    isRetryable: false,
  });
}

/**
 * What every run-format model shares: its id, its config (whose `fetch` slot core's capture fills
 * per call) and one run of the model with the call's headers and abort signal.
 */
export abstract class WorkersAiRunModel {
  readonly specificationVersion = 'v4' as const;

  constructor(
    readonly modelId: string,
    readonly config: WorkersAiRunConfig,
  ) {}

  get provider(): string {
    return this.config.provider;
  }

  protected run(input: Record<string, unknown>, call: { headers?: Record<string, string | undefined>; abortSignal?: AbortSignal }): Promise<WorkersAiRunAnswer> {
    return runWorkersAi({ config: this.config, modelId: this.modelId, input, headers: call.headers, abortSignal: call.abortSignal });
  }
}

/**
 * Posts a Workers AI run request (`POST {baseURL}/{model}` with a JSON input) and reads its answer:
 * the Cloudflare v4 envelope `{ result, success, errors, messages }`, or raw bytes for models that
 * answer with a file. A failed answer becomes the AI SDK's `APICallError`.
 */
export async function runWorkersAi(options: {
  config: WorkersAiRunConfig;
  modelId: string;
  input: Record<string, unknown>;
  headers?: Record<string, string | undefined>;
  abortSignal?: AbortSignal;
}): Promise<WorkersAiRunAnswer> {
  const { config, modelId, input } = options;
  // The id is the run route's path: checked again where it is spliced in (ids are checked when the model is made).
  const url = `${config.baseURL}/${pathSegment(modelId, { option: 'modelId', allowed: 'a Workers AI id such as @cf/black-forest-labs/flux-1-schnell', slashes: true })}`;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...config.headers() };
  for (const [name, value] of Object.entries(options.headers ?? {})) if (value !== undefined) headers[name.toLowerCase()] = value;
  const init: RequestInit = { method: 'POST', headers, body: JSON.stringify(input) };
  if (options.abortSignal) init.signal = options.abortSignal;
  const response = await (config.fetch ?? globalThis.fetch)(url, init);
  const responseHeaders = Object.fromEntries(response.headers);
  const contentType = response.headers.get('content-type') ?? '';
  if (!response.ok) {
    const text = await response.text();
    throw new APICallError({
      message: errorMessage(text) ?? `Workers AI answered ${response.status}`,
      url,
      requestBodyValues: input,
      statusCode: response.status,
      responseHeaders,
      responseBody: text,
      isRetryable: response.status === 408 || response.status === 429 || response.status >= 500,
    });
  }
  if (!contentType.includes('json')) {
    return { result: undefined, bytes: new Uint8Array(await response.arrayBuffer()), headers: responseHeaders, url, status: response.status, input };
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    throw new APICallError({ message: 'Workers AI answered with invalid JSON', url, requestBodyValues: input, statusCode: response.status, responseHeaders, responseBody: text, cause });
  }
  const envelope = body as { result?: unknown; success?: unknown };
  const result = typeof envelope === 'object' && envelope !== null && 'result' in envelope ? envelope.result : body;
  return { result, headers: responseHeaders, url, status: response.status, input, text };
}

/** The first message of a Cloudflare v4 error envelope (`errors: [{ code, message }]`). */
function errorMessage(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { errors?: { code?: unknown; message?: unknown }[] };
    const first = body.errors?.[0];
    return typeof first?.message === 'string' ? `Workers AI error${typeof first.code === 'number' ? ` ${first.code}` : ''}: ${first.message}` : undefined;
  } catch {
    return undefined;
  }
}

/** A record read defensively from a run result. */
export const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});

/** Base64 text to bytes, in every runtime. */
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Bytes to base64 text, in every runtime. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
