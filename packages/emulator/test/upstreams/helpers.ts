import { createUpstreams, type UpstreamOptions, type UpstreamResponse } from '../../src/upstreams/index.js';

export interface CallOptions {
  provider: string;
  endpoint: string;
  body?: unknown;
  rawBody?: Uint8Array;
  headers?: Record<string, string>;
  method?: string;
  byok?: boolean;
  signal?: AbortSignal;
  options?: UpstreamOptions;
}

/** Default credentials per provider so tests exercise the auth check. */
export const AUTH: Record<string, Record<string, string>> = {
  anthropic: { 'x-api-key': 'sk-ant' },
  'google-ai-studio': { 'x-goog-api-key': 'g-key' },
  'google-vertex-ai': { authorization: 'Bearer ya29.token' },
  'azure-openai': { 'api-key': 'az-key' },
  'aws-bedrock': { authorization: 'AWS4-HMAC-SHA256 Credential=AK/20260101/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=abc' },
};

export async function call(options: CallOptions): Promise<UpstreamResponse> {
  const upstreams = createUpstreams(options.options);
  const body =
    options.rawBody ?? (options.body === undefined ? new Uint8Array(0) : new TextEncoder().encode(JSON.stringify(options.body)));
  return upstreams.handle({
    provider: options.provider,
    endpoint: options.endpoint,
    method: options.method ?? 'POST',
    headers: {
      'content-type': 'application/json',
      ...(AUTH[options.provider] ?? { authorization: 'Bearer test-key' }),
      ...options.headers,
    },
    body,
    byok: options.byok ?? false,
    signal: options.signal ?? new AbortController().signal,
  });
}

function isIterable(body: UpstreamResponse['body']): body is AsyncIterable<Uint8Array | string> {
  return typeof body === 'object' && Symbol.asyncIterator in body;
}

/** The stream items, decoded as text. */
export async function events(response: UpstreamResponse): Promise<string[]> {
  if (!isIterable(response.body)) throw new Error('not a stream');
  const out: string[] = [];
  for await (const item of response.body) out.push(typeof item === 'string' ? item : new TextDecoder().decode(item));
  return out;
}

/** The raw binary stream items. */
export async function binaryEvents(response: UpstreamResponse): Promise<Uint8Array[]> {
  if (!isIterable(response.body)) throw new Error('not a stream');
  const out: Uint8Array[] = [];
  for await (const item of response.body) out.push(typeof item === 'string' ? new TextEncoder().encode(item) : item);
  return out;
}

export function text(response: UpstreamResponse): string {
  if (typeof response.body === 'string') return response.body;
  if (response.body instanceof Uint8Array) return new TextDecoder().decode(response.body);
  throw new Error('streamed body');
}

export function json(response: UpstreamResponse): any {
  return JSON.parse(text(response));
}

/** Parses SSE items into `{event, data}`; each item must be exactly one event. */
export function parseSse(items: string[]): { event: string | undefined; data: string }[] {
  return items.map((item) => {
    const match = /^(?:event: ([^\r\n]+)\r?\n)?data: ([^\r\n]*)(\r?\n)\3$/.exec(item);
    if (match === null) throw new Error(`bad SSE framing: ${JSON.stringify(item)}`);
    return { event: match[1], data: match[2]! };
  });
}

export function sseJson(items: string[]): any[] {
  return parseSse(items)
    .filter((e) => e.data !== '[DONE]')
    .map((e) => JSON.parse(e.data));
}

export const weatherTool = {
  type: 'object',
  properties: {
    city: { type: 'string' },
    days: { type: 'integer' },
    unit: { type: 'string', enum: ['c', 'f'] },
    tags: { type: 'array', items: { type: 'string' } },
    nested: { type: 'object', properties: { ok: { type: 'boolean' } } },
  },
  required: ['city'],
};

export const weatherArgs = (city: string) => ({ city, days: 1, unit: 'c', tags: [city], nested: { ok: true } });
