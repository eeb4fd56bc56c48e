import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { APICallError, type LanguageModelV4 } from '@ai-sdk/provider';
import {
  AiGatewayByokAliasError,
  AiGatewayCloudflareAuthError,
  AiGatewayContentBlockedError,
  AiGatewayDoesNotExist,
  AiGatewayInsufficientCreditsError,
  AiGatewayModelNotFoundError,
  AiGatewayNetworkError,
  AiGatewayProviderError,
  AiGatewayRateLimitError,
  AiGatewayResponseError,
  AiGatewaySpendLimitError,
  AiGatewayStepError,
  AiGatewayUnauthorizedError,
} from '@aigw/errors';
import { generateText, streamText } from 'ai';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fault, useEmulator } from './helpers';
import { startLocalServer, type LocalServer } from './local-server';

/**
 * The fault and abuse matrix: every way the gateway, a provider or the network can fail, through the
 * AI SDK's own generateText/streamText with official providers. Each row must end in a typed error
 * with the right `isRetryable` (the AI SDK's maxRetries follows it), with no unhandled rejection
 * and no socket left busy.
 */
const t = useEmulator({ gateways: { 'emulator-gateway': { authentication: true } } });

const KEY = 'sk-matrix-provider-key-0123456789';
const openaiWith = (headers: Record<string, string> = {}) => createOpenAI({ apiKey: KEY, headers }).chat('gpt-5-mini');
const anthropicWith = (headers: Record<string, string> = {}) => createAnthropic({ apiKey: KEY, headers })('claude-sonnet-4-5');

const envelope = (code: number, message: string) => JSON.stringify({ success: false, result: [], messages: [], error: [{ code, message }] });

/** What a misbehaving proxy in front of the gateway answers, chosen by the `x-proxy-case` header. */
const PROXY_CASES: Record<string, (response: ServerResponse) => void> = {
  'html-502': (r) => r.writeHead(502, { 'content-type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1></body></html>'),
  'html-503': (r) => r.writeHead(503, { 'content-type': 'text/html' }).end('<html><body>Service Unavailable</body></html>'),
  'html-404': (r) => r.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Not Found</body></html>'),
  'envelope-200-2009': (r) => r.writeHead(200, { 'content-type': 'application/json' }).end(envelope(2009, 'Unauthorized')),
  'envelope-200-2003': (r) => r.writeHead(200, { 'content-type': 'application/json' }).end(envelope(2003, 'Rate limited')),
  'json-500-no-step': (r) => r.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"upstream exploded"}}'),
  'truncated-json': (r) => {
    r.writeHead(200, { 'content-type': 'application/json', 'content-length': '4000', 'cf-aig-step': '0' });
    r.write('{"id":"chatcmpl-1","object":"chat.comp');
    setImmediate(() => r.destroy());
  },
  'truncated-stream': (r) => {
    r.writeHead(200, { 'content-type': 'text/event-stream', 'cf-aig-step': '0' });
    r.write('data: {"id":"c","object":"chat.completion.chunk","created":0,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"}}]}\n\n');
    setImmediate(() => r.destroy());
  },
  'garbage-200': (r) => r.writeHead(200, { 'content-type': 'application/json', 'cf-aig-step': '0' }).end('{"id": not json at all'),
  redirect: (r) => r.writeHead(307, { location: 'http://127.0.0.1:9/elsewhere' }).end(),
};

let proxy: LocalServer;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
/** Answers the servers are still writing: one left once every call settled is a stream nobody read or cancelled. */
const inFlight = new Set<ServerResponse>();
const track = (server: Server) =>
  server.on('request', (_request: IncomingMessage, response: ServerResponse) => {
    inFlight.add(response);
    response.on('close', () => inFlight.delete(response));
  });

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  proxy = await startLocalServer((request, response) => {
    const answer = PROXY_CASES[String(request.headers['x-proxy-case'])];
    if (answer) answer(response);
    else response.writeHead(500).end();
  });
  track(t.emulator.server);
  track(proxy.server);
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await proxy?.close();
});

type ErrorCheck = (error: unknown) => boolean;

interface Row {
  readonly name: string;
  /** The legs; a single model unless the row is about fallback lists. */
  readonly models: () => LanguageModelV4 | LanguageModelV4[];
  /** Sends through the misbehaving proxy with this case instead of straight to the emulator. */
  readonly proxyCase?: string;
  readonly stream?: boolean;
  readonly providerOptions?: Record<string, Record<string, unknown>>;
  /** Aborts the call: `'headers'` while waiting for the answer, `'stream'` after the first text arrived. */
  readonly abort?: 'headers' | 'stream';
  readonly typed: ErrorCheck;
  /** The expected `isRetryable`; `undefined` for errors that are not API call errors (aborts, step errors). */
  readonly retryable: boolean | undefined;
}

const is =
  (...classes: { isInstance(error: unknown): boolean }[]): ErrorCheck =>
  (error) =>
    classes.every((c) => c.isInstance(error));
/** A stream that fails after its headers: the AI SDK wraps the read error in its own APICallError, whose cause is ours. */
const cutOff: ErrorCheck = (error) => APICallError.isInstance(error) && AiGatewayNetworkError.isInstance((error as { cause?: unknown }).cause);
const isAbort: ErrorCheck = (error) => ['AbortError', 'TimeoutError'].includes((error as { name?: string }).name ?? '');

const gatewayCodes: [number, { isInstance(error: unknown): boolean }, boolean][] = [
  [2001, AiGatewayDoesNotExist, false],
  [2003, AiGatewayRateLimitError, true],
  [2005, AiGatewayProviderError, true],
  [2008, AiGatewayProviderError, false],
  [2009, AiGatewayUnauthorizedError, false],
  [2016, AiGatewayContentBlockedError, false],
  [2017, AiGatewayContentBlockedError, false],
  [2021, AiGatewayInsufficientCreditsError, false],
  [2029, AiGatewayContentBlockedError, false],
  [2030, AiGatewayContentBlockedError, false],
  [2040, AiGatewayByokAliasError, false],
  [2041, AiGatewaySpendLimitError, false],
  [2045, AiGatewaySpendLimitError, false],
  [7003, AiGatewayModelNotFoundError, false],
  [7013, AiGatewayResponseError, true],
  [10000, AiGatewayCloudflareAuthError, false],
];

const ROWS: Row[] = [
  ...gatewayCodes.map(
    ([code, typed, retryable]): Row => ({
      name: `gateway error ${code}`,
      models: () => openaiWith(fault({ gatewayError: code })),
      typed: is(typed, AiGatewayResponseError, APICallError),
      retryable,
    }),
  ),
  ...gatewayCodes.slice(0, 4).map(
    ([code, typed, retryable]): Row => ({
      name: `gateway error ${code} while streaming`,
      models: () => anthropicWith(fault({ gatewayError: code })),
      stream: true,
      typed: is(typed),
      retryable,
    }),
  ),
  { name: 'provider 500', models: () => openaiWith(fault({ status: 500 })), typed: is(APICallError), retryable: true },
  { name: 'provider 503 on every leg of a fallback list', models: () => [openaiWith(fault({ status: 503 })), anthropicWith(fault({ status: 503 }))], typed: is(APICallError), retryable: true },
  { name: 'provider 429, streamed', models: () => anthropicWith(fault({ status: 429 })), stream: true, typed: is(APICallError), retryable: true },
  { name: 'connection reset before the headers', models: () => openaiWith(fault({ reset: true })), typed: is(AiGatewayNetworkError, APICallError), retryable: true },
  { name: 'connection reset before the headers, streamed', models: () => anthropicWith(fault({ reset: true })), stream: true, typed: is(AiGatewayNetworkError), retryable: true },
  { name: 'connection dropped mid-stream', models: () => openaiWith(fault({ dropAfterEvents: 2 })), stream: true, typed: cutOff, retryable: true },
  { name: 'connection dropped mid-stream (anthropic)', models: () => anthropicWith(fault({ dropAfterEvents: 3 })), stream: true, typed: cutOff, retryable: true },
  { name: 'malformed 200 body from the provider', models: () => openaiWith(fault({ malformed: true })), typed: is(APICallError), retryable: false },
  { name: 'non-JSON 200 body from a proxy', models: () => openaiWith(), proxyCase: 'garbage-200', typed: is(APICallError), retryable: false },
  { name: 'JSON body truncated by a dropped connection', models: () => openaiWith(), proxyCase: 'truncated-json', typed: is(AiGatewayNetworkError), retryable: true },
  { name: 'stream truncated by a dropped connection', models: () => openaiWith(), proxyCase: 'truncated-stream', stream: true, typed: cutOff, retryable: true },
  { name: '200 answer carrying a 2009 envelope', models: () => openaiWith(), proxyCase: 'envelope-200-2009', typed: is(AiGatewayUnauthorizedError), retryable: false },
  { name: '200 answer carrying a 2003 envelope', models: () => openaiWith(), proxyCase: 'envelope-200-2003', typed: is(AiGatewayRateLimitError), retryable: true },
  { name: "proxy's HTML 502 page to a fallback list", models: () => [openaiWith(), anthropicWith()], proxyCase: 'html-502', typed: is(AiGatewayResponseError), retryable: true },
  { name: "proxy's HTML 503 page to one model", models: () => openaiWith(), proxyCase: 'html-503', typed: is(AiGatewayResponseError), retryable: true },
  { name: "proxy's HTML 404 page", models: () => openaiWith(), proxyCase: 'html-404', typed: is(AiGatewayResponseError), retryable: false },
  { name: 'JSON 500 without cf-aig-step to a fallback list', models: () => [openaiWith(), anthropicWith()], proxyCase: 'json-500-no-step', typed: is(AiGatewayResponseError), retryable: true },
  { name: 'redirect from the gateway URL', models: () => openaiWith(), proxyCase: 'redirect', typed: is(AiGatewayResponseError), retryable: false },
  { name: 'cf-aig-step not a number', models: () => [openaiWith(fault({ stepHeader: 'abc' })), anthropicWith()], typed: is(AiGatewayStepError), retryable: undefined },
  { name: 'cf-aig-step out of range', models: () => [openaiWith(fault({ stepHeader: '9' })), anthropicWith()], typed: is(AiGatewayStepError), retryable: undefined },
  {
    name: 'stalled answer, gateway request timeout, no abort signal',
    models: () => openaiWith(fault({ firstByteDelayMs: 60_000 })),
    providerOptions: { aigateway: { requestTimeoutMs: 300 } },
    typed: is(AiGatewayProviderError),
    retryable: true,
  },
  { name: 'stalled answer, aborted while waiting for the headers', models: () => openaiWith(fault({ firstByteDelayMs: 60_000 })), abort: 'headers', typed: isAbort, retryable: undefined },
  {
    name: 'stalled stream, aborted after the first text',
    models: () => openaiWith(fault({ chunkDelayMs: 60_000 })),
    stream: true,
    abort: 'stream',
    typed: isAbort,
    retryable: undefined,
  },
];

/** Runs one row and returns the error the caller got (or a failure if there was none). */
async function errorOf(row: Row): Promise<unknown> {
  const aigateway = row.proxyCase === undefined ? t.gateway() : t.gateway({ baseURL: `${proxy.url}/v1`, headers: { 'x-proxy-case': row.proxyCase } });
  const model = aigateway(row.models());
  const controller = new AbortController();
  const common = {
    model,
    prompt: 'matrix one two three four five',
    maxRetries: 0,
    abortSignal: controller.signal,
    ...(row.providerOptions ? { providerOptions: row.providerOptions as never } : {}),
  };
  if (row.abort === 'headers') {
    // Aborts once the gateway has the request: an event, not a guess at how long sending takes.
    const started = t.emulator.server;
    started.once('request', () => setImmediate(() => controller.abort()));
  }
  if (!row.stream) {
    const outcome = await generateText(common).then(
      () => undefined,
      (error: unknown) => error,
    );
    return outcome ?? new Error('the call succeeded');
  }
  const result = streamText({ ...common, onError: () => {} });
  try {
    for await (const part of result.fullStream) {
      if (part.type === 'error') return part.error;
      if (part.type === 'text-delta' && row.abort === 'stream') controller.abort();
      if (part.type === 'abort') return controller.signal.reason;
    }
  } catch (error) {
    return error;
  }
  return new Error('the stream ended without an error');
}

describe('fault and abuse matrix', () => {
  it.each(ROWS.map((row) => [row.name, row] as const))('%s → a typed error with the right isRetryable', async (_name, row) => {
    const error = await errorOf(row);
    expect(row.typed(error), `got ${String((error as Error)?.name)}: ${String((error as Error)?.message)}`).toBe(true);
    expect((error as { isRetryable?: unknown }).isRetryable).toBe(row.retryable);
    // No key or token in anything the caller can print.
    const shown = `${String((error as Error).message)} ${String((error as Error).stack)} ${safeJson(error)}`;
    expect(shown).not.toContain(KEY);
    expect(shown).not.toContain(t.emulator.token);
  });

  it('left no unhandled rejection and no answer still being sent on an open socket', async () => {
    expect(unhandled).toEqual([]);
    // Every answer must be finished or its connection closed: a body the library neither read nor
    // cancelled keeps its socket busy for good, and this wait would run out.
    const deadline = performance.now() + 60_000;
    while (inFlight.size > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    const left = inFlight.size;
    expect(left).toBe(0);
  });
});

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}
