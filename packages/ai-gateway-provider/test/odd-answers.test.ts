import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { AiGatewayNetworkError, AiGatewayResponseError, AiGatewayUnauthorizedError } from '@aigw/errors';
import { generateText, streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAiGateway } from '../src';
import { startLocalServer, type LocalServer } from './local-server';

/**
 * Answers no gateway sends but a proxy in front of it may: each becomes a typed error (never a
 * runtime's RangeError, never an empty result), retryable only when sending again can help.
 * The answer is chosen by the gateway URL's last path segment (`/gw/<kind>`).
 */
const ENVELOPE = JSON.stringify({ success: false, error: [{ code: 2009, message: 'Unauthorized' }] });
const OPENAI_ANSWER = JSON.stringify({
  id: 'x',
  object: 'chat.completion',
  created: 0,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: 'a whole answer' }, finish_reason: 'stop' }],
});

let server: LocalServer;
/** Called when a request reaches the `hang` answer. */
let hanging: (() => void) | undefined;
beforeAll(async () => {
  server = await startLocalServer((request, response) => {
    const kind = /\/gw\/([\w-]+)/.exec(request.url ?? '')?.[1] ?? '';
    const status = /^status-(\d+)$/.exec(kind)?.[1];
    if (status !== undefined) {
      response.writeHead(Number(status), { 'content-type': 'application/json', 'cf-aig-step': '0' });
      response.end('{"error":{"message":"odd status"}}');
    } else if (kind === 'json') {
      response.writeHead(200, { 'content-type': 'application/json', 'cf-aig-step': '0' });
      response.end(OPENAI_ANSWER);
    } else if (kind === 'text-envelope') {
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(ENVELOPE);
    } else if (kind === 'html') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html><body>Welcome to the proxy</body></html>');
    } else if (kind === 'sse-as-text') {
      // Events, labelled as plain text by a server that gets its content type wrong.
      response.writeHead(200, { 'content-type': 'text/plain', 'cf-aig-step': '0' });
      const chunk = (delta: object, finish: string | null) =>
        `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      response.write('\n');
      response.write(chunk({ role: 'assistant', content: 'events ' }, null));
      response.end(`${chunk({ content: 'as text' }, 'stop')}data: [DONE]\n\n`);
    } else if (kind === 'hang') {
      // Never answers: the caller aborts.
      hanging?.();
    } else if (kind === 'big-header') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'x-padding': 'a'.repeat(100 * 1024) });
      response.end('data: [DONE]\n\n');
    } else {
      response.writeHead(404);
      response.end();
    }
  });
});
afterAll(async () => {
  await server?.close();
});

const gatewayAt = (kind: string) => createAiGateway({ gatewayURL: `${server.url}/gw/${kind}`, apiKey: 'cf-gateway-token-123456' });
const openai = createOpenAI({ apiKey: 'sk-provider-key-123456' });
const anthropic = createAnthropic({ apiKey: 'sk-ant-provider-key-123456' });

async function streamed(model: LanguageModelV4): Promise<{ error: unknown; text: string }> {
  const result = streamText({ model, prompt: 'hi', maxRetries: 0, onError: () => {} });
  let error: unknown;
  let text = '';
  for await (const part of result.fullStream) {
    if (part.type === 'error') error = part.error;
    if (part.type === 'text-delta') text += part.text;
  }
  return { error, text };
}

const requestsTo = (kind: string) => server.requests.filter((r) => r.url.startsWith(`/gw/${kind}/`)).length;

describe('a streamed call answered with a whole body', () => {
  it.each([
    ['openai', () => openai.chat('gpt-5-mini')],
    ['anthropic', () => anthropic('claude-sonnet-4-5')],
  ])('a JSON answer to %s fails with a response error naming the content type, not empty text', async (_name, model) => {
    const { error, text } = await streamed(gatewayAt('json')(model()));
    expect(text).toBe('');
    expect(AiGatewayResponseError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 200, isRetryable: false });
    expect((error as Error).message).toMatch(/a "application\/json" body instead of an event stream/);
    expect((error as AiGatewayResponseError).responseBody).toContain('a whole answer');
  });

  it('an HTML page fails with a response error naming text/html', async () => {
    const { error } = await streamed(gatewayAt('html')(openai.chat('gpt-5-mini')));
    expect(AiGatewayResponseError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/a "text\/html" body instead of an event stream/);
  });

  it('events labelled text/plain still stream', async () => {
    const { error, text } = await streamed(gatewayAt('sse-as-text')(openai.chat('gpt-5-mini')));
    expect(error).toBeUndefined();
    expect(text).toBe('events as text');
  });

  it('a gateway error envelope sent as text/plain becomes its typed gateway error', async () => {
    const { error } = await streamed(gatewayAt('text-envelope')(openai.chat('gpt-5-mini')));
    expect(AiGatewayUnauthorizedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 2009 });
  });
});

describe('a one-shot call', () => {
  it('a gateway error envelope sent as text/plain becomes its typed gateway error', async () => {
    const error = await generateText({ model: gatewayAt('text-envelope')(openai.chat('gpt-5-mini')), prompt: 'hi', maxRetries: 0 }).catch((e: unknown) => e);
    expect(AiGatewayUnauthorizedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 2009 });
  });

  it('a whole JSON answer still works', async () => {
    const { text } = await generateText({ model: gatewayAt('json')(openai.chat('gpt-5-mini')), prompt: 'hi', maxRetries: 0 });
    expect(text).toBe('a whole answer');
  });
});

describe('an answer status above 599', () => {
  it.each([600, 799, 999])('HTTP %i is a typed, non-retryable response error (not a RangeError), streamed or not', async (status) => {
    const model = gatewayAt(`status-${status}`)(openai.chat('gpt-5-mini'));
    const before = requestsTo(`status-${status}`);
    const error = await generateText({ model, prompt: 'hi', maxRetries: 2 }).catch((e: unknown) => e);
    expect(AiGatewayResponseError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: status, isRetryable: false });
    expect((error as Error).message).toMatch(new RegExp(`HTTP status ${status}, which is not an HTTP status`));
    // maxRetries did not send it again.
    expect(requestsTo(`status-${status}`) - before).toBe(1);
    const { error: streamError } = await streamed(model);
    expect(AiGatewayResponseError.isInstance(streamError)).toBe(true);
    expect(streamError).toMatchObject({ statusCode: status, isRetryable: false });
  });
});

describe('answer headers larger than the fetch accepts', () => {
  it('are a typed network error that is not retried', async () => {
    const before = requestsTo('big-header');
    const error = await generateText({ model: gatewayAt('big-header')(openai.chat('gpt-5-mini')), prompt: 'hi', maxRetries: 2 }).catch((e: unknown) => e);
    expect(AiGatewayNetworkError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ isRetryable: false });
    expect((error as Error).message).toMatch(/headers are larger than the fetch in use accepts/);
    expect(requestsTo('big-header') - before).toBe(1);
  });
});

describe('an abort', () => {
  it("passes the caller's own reason on untouched", async () => {
    const controller = new AbortController();
    const reason = new Error('stopped by Bearer callers-own-text-123456');
    const arrived = new Promise<void>((resolve) => (hanging = resolve));
    const pending = generateText({ model: gatewayAt('hang')(openai.chat('gpt-5-mini')), prompt: 'hi', maxRetries: 0, abortSignal: controller.signal }).catch((e: unknown) => e);
    await arrived;
    controller.abort(reason);
    const error = await pending;
    expect(error).toBe(reason);
    expect(reason.message).toBe('stopped by Bearer callers-own-text-123456');
  });
});
