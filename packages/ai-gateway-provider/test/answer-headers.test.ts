import { createOpenAI } from '@ai-sdk/openai';
import { generateSpeech, generateText, streamText } from 'ai';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAiGateway } from '../src';
import { startLocalServer, type LocalServer } from './local-server';

/**
 * A successful answer whose headers echo the call's secrets (the gateway token, the provider key,
 * a secret header given per call) in every form: the caller's result (`response.headers`, each
 * step's response, `providerMetadata`, the stream's parts) shows none of them.
 */

const TOKEN = 'gwTok3n-Abcdefghij0123456789';
const KEY = 'sk-proj-Key0123456789abcdefXYZ';
const CALL_SECRET = 'CallSecr3t-0123456789abcdef';
const SECRETS = [TOKEN, KEY, CALL_SECRET];

const base64 = (text: string) => Buffer.from(text).toString('base64');
const unicode = (text: string) => [...text].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
/** Every form a header may echo a secret in. */
const FORMS: Record<string, (secret: string) => string> = {
  raw: (secret) => secret,
  url: (secret) => [...secret].map((char) => `%${char.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
  'json-part': (secret) => `${unicode(secret.slice(0, 1))}${secret.slice(1)}`,
  'json-whole': unicode,
  base64: (secret) => base64(secret),
  'base64-bearer': (secret) => base64(`Bearer ${secret}`),
};

/** What must never be shown: each secret, nearly all of it, and its encoded forms' secret-only parts. */
function giveaways(): string[] {
  const out: string[] = [];
  for (const secret of SECRETS) {
    out.push(secret, secret.slice(1), secret.slice(0, -1), FORMS.url!(secret), FORMS['json-whole']!(secret));
    // The base64 characters that depend on the secret's bytes only.
    out.push(base64(secret).slice(0, Math.floor((secret.length * 8) / 6)));
    out.push(base64(`Bearer ${secret}`).slice(Math.ceil((7 * 8) / 6), Math.floor(((7 + secret.length) * 8) / 6)));
  }
  return out;
}

/** The answer's echo headers: every secret in every form, and gateway headers that hold one too. */
function echoHeaders(): Record<string, string> {
  const headers: Record<string, string> = { 'cf-aig-step': '0', 'cf-aig-log-id': FORMS.url!(TOKEN), 'cf-aig-event-id': `evt-${KEY}`, 'x-harmless': 'a value that holds no secret at all' };
  for (const [form, encode] of Object.entries(FORMS)) {
    for (const [i, secret] of SECRETS.entries()) headers[`x-echo-${form}-${i}`] = `seen: ${encode(secret)}; end`;
  }
  return headers;
}

const COMPLETION = JSON.stringify({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-5-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello.' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
});
const chunk = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-5-mini', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
const EVENTS = chunk({ role: 'assistant', content: 'Hel' }) + chunk({ content: 'lo.' }) + chunk({}, 'stop') + 'data: [DONE]\n\n';
const AUDIO = Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x01, 0x02, 0x03]);

/** A gateway that answers 200 with the echo headers; `x-answer` says with what body. */
function answer(request: IncomingMessage, response: ServerResponse): void {
  const kind = request.headers['x-answer'];
  if (kind === 'events') {
    response.writeHead(200, { 'content-type': 'text/event-stream', ...echoHeaders() });
    response.end(EVENTS);
  } else if (kind === 'events-as-text') {
    // Events labelled as plain text: passed on as a stream all the same.
    response.writeHead(200, { 'content-type': 'text/plain', ...echoHeaders() });
    response.end(EVENTS);
  } else if (kind === 'audio') {
    response.writeHead(200, { 'content-type': 'audio/mpeg', ...echoHeaders() });
    response.end(AUDIO);
  } else {
    response.writeHead(200, { 'content-type': 'application/json', ...echoHeaders() });
    response.end(COMPLETION);
  }
}

let gateway: LocalServer;
beforeAll(async () => {
  gateway = await startLocalServer((request, response) => answer(request, response));
});
afterAll(async () => {
  await gateway?.close();
});

function model(kind: string) {
  const aigateway = createAiGateway({ gatewayURL: `${gateway.url}/v1/acct/gw`, apiKey: TOKEN, headers: { 'x-answer': kind } });
  return { aigateway, openai: createOpenAI({ apiKey: KEY }) };
}

/** Everything printed, with unlimited depth. */
const shown = (...values: unknown[]) => values.map((value) => `${inspect(value, { depth: Infinity, showHidden: true })}\n${JSON.stringify(value)}`).join('\n');

function expectNoSecret(text: string): void {
  const leaks = giveaways().filter((giveaway) => text.includes(giveaway));
  expect(leaks).toEqual([]);
}

describe('the headers of a successful answer reach the caller scrubbed', () => {
  it('generateText: response headers, steps and provider metadata', async () => {
    const { aigateway, openai } = model('json');
    const result = await generateText({ model: aigateway(openai.chat('gpt-5-mini')), prompt: 'hi', maxRetries: 0, headers: { 'x-call-secret': CALL_SECRET } });
    expect(result.text).toBe('Hello.');
    const headers = result.response.headers!;
    // The echo headers are all there, scrubbed; the others as they came.
    expect(headers['x-harmless']).toBe('a value that holds no secret at all');
    expect(headers['x-echo-raw-0']).toBe('seen: [REDACTED]; end');
    expect(Object.keys(headers).filter((name) => name.startsWith('x-echo-'))).toHaveLength(Object.keys(FORMS).length * SECRETS.length);
    for (const [name, value] of Object.entries(headers)) if (name.startsWith('x-echo-')) expect(value, name).toContain('[REDACTED]');
    expect(result.providerMetadata?.aigateway).toMatchObject({ step: 0, logId: '[REDACTED]', eventId: 'evt-[REDACTED]' });
    expectNoSecret(shown(result.response, result.steps, result.providerMetadata, result.request));
  });

  it('streamText: response headers, the stream parts, steps and provider metadata', async () => {
    for (const kind of ['events', 'events-as-text']) {
      const { aigateway, openai } = model(kind);
      const result = streamText({ model: aigateway(openai.chat('gpt-5-mini')), prompt: 'hi', maxRetries: 0, headers: { 'x-call-secret': CALL_SECRET }, onError: () => {} });
      const parts: unknown[] = [];
      for await (const part of result.fullStream) parts.push(part);
      expect(await result.text).toBe('Hello.');
      const response = await result.response;
      expect(response.headers?.['x-echo-base64-bearer-0'], kind).toContain('[REDACTED]');
      expect((await result.providerMetadata)?.aigateway).toMatchObject({ logId: '[REDACTED]' });
      expectNoSecret(shown(parts, response, await result.steps, await result.providerMetadata));
    }
  });

  it('a binary answer (speech)', async () => {
    const { aigateway, openai } = model('audio');
    const result = await generateSpeech({ model: aigateway.speechModel(openai.speech('gpt-4o-mini-tts')), text: 'hi', maxRetries: 0, headers: { 'x-call-secret': CALL_SECRET } });
    expect(Buffer.from(result.audio.uint8Array)).toEqual(AUDIO);
    expect(result.responses[0]?.headers?.['x-echo-url-1']).toBe('seen: [REDACTED]; end');
    expectNoSecret(shown(result.responses, result.providerMetadata));
  });
});
