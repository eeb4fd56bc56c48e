import { describe, expect, it } from 'vitest';
import type { ReplyScript } from '../../src/upstreams/index.js';
import { call, events, json, parseSse, sseJson } from './helpers.js';

const reply = (script: ReplyScript | string) => ({ 'x-emulator-reply': typeof script === 'string' ? script : JSON.stringify(script) });
const chat = (headers: Record<string, string>, body: Record<string, unknown> = {}) =>
  call({ provider: 'openai', endpoint: 'v1/chat/completions', body: { model: 'm', messages: [{ role: 'user', content: 'hi' }], ...body }, headers });

describe('x-emulator-reply', () => {
  it('text replaces the echo', async () => {
    expect(json(await chat(reply({ text: 'fixed answer' }))).choices[0].message.content).toBe('fixed answer');
  });

  it('chunks streams exactly N deltas (padding short texts with dots)', async () => {
    const chunks = sseJson(await events(await chat(reply({ chunks: 1000 }), { stream: true })));
    const deltas = chunks.filter((c) => typeof c.choices[0]?.delta?.content === 'string');
    expect(deltas).toHaveLength(1000);
    expect(deltas.map((c) => c.choices[0].delta.content).join('')).toBe(`Echo: hi${'.'.repeat(992)}`);
    const anthropic = await call({
      provider: 'anthropic',
      endpoint: 'v1/messages',
      body: { model: 'c', max_tokens: 5, stream: true, messages: [{ role: 'user', content: 'hi' }] },
      headers: reply({ chunks: 3 }),
    });
    expect(parseSse(await events(anthropic)).filter((e) => e.event === 'content_block_delta')).toHaveLength(3);
  });

  it('toolCall forces a call with the given arguments and id', async () => {
    const body = json(await chat(reply({ toolCall: { name: 'lookup', arguments: { q: 1 }, id: 'call_fixed' } })));
    expect(body.choices[0].message.tool_calls[0]).toEqual({ id: 'call_fixed', type: 'function', function: { name: 'lookup', arguments: '{"q":1}' } });
  });

  it('finishReason maps to each provider', async () => {
    expect(json(await chat(reply({ finishReason: 'length' }))).choices[0].finish_reason).toBe('length');
    const anthropic = await call({ provider: 'anthropic', endpoint: 'v1/messages', body: { model: 'c', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }, headers: reply({ finishReason: 'length' }) });
    expect(json(anthropic).stop_reason).toBe('max_tokens');
    const google = await call({ provider: 'google-ai-studio', endpoint: 'v1beta/models/g:generateContent', body: { contents: [{ parts: [{ text: 'x' }] }] }, headers: reply({ finishReason: 'content_filter' }) });
    expect(json(google).candidates[0].finishReason).toBe('SAFETY');
  });

  it('status + error answers a provider-format error; errorBody is sent verbatim', async () => {
    const response = await chat(reply({ status: 400, error: { message: 'nope', type: 'invalid_request_error', code: 'bad' } }));
    expect(response.status).toBe(400);
    expect(json(response)).toEqual({ error: { message: 'nope', type: 'invalid_request_error', param: null, code: 'bad' } });
    const raw = await chat(reply({ status: 503, errorBody: { custom: true } }));
    expect(raw.status).toBe(503);
    expect(json(raw)).toEqual({ custom: true });
  });

  it('scripted errors come before the auth check', async () => {
    const response = await chat({ ...reply({ status: 500 }), authorization: '' });
    expect(response.status).toBe(500);
  });

  it('json, usage and headers', async () => {
    const response = await chat(reply({ json: { a: 1 }, usage: { input: 7, output: 9 }, headers: { 'x-custom': 'yes' } }));
    const body = json(response);
    expect(body.choices[0].message.content).toBe('{"a":1}');
    expect(body.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 9, total_tokens: 16 });
    expect(response.headers['x-custom']).toBe('yes');
  });

  it('latencyMs delays the answer and honours abort', async () => {
    const started = Date.now();
    await chat(reply({ latencyMs: 60 }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
    const controller = new AbortController();
    const pending = call({ provider: 'openai', endpoint: 'chat/completions', body: { model: 'm', messages: [] }, headers: reply({ latencyMs: 10_000 }), signal: controller.signal });
    controller.abort(new Error('gone'));
    await expect(pending).rejects.toThrow('gone');
  });

  it('chunkDelayMs paces stream events; abort ends the stream', async () => {
    const controller = new AbortController();
    const response = await call({
      provider: 'openai',
      endpoint: 'chat/completions',
      body: { model: 'm', stream: true, messages: [{ role: 'user', content: 'a b c d e f' }] },
      headers: reply({ chunkDelayMs: 20 }),
      signal: controller.signal,
    });
    const seen: string[] = [];
    const started = Date.now();
    for await (const item of response.body as AsyncIterable<string>) {
      seen.push(item);
      if (seen.length === 2) controller.abort();
    }
    expect(seen).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  });

  it('rejects an invalid header with a 400', async () => {
    for (const bad of ['not json', '[1]', '{"chunks":0}', '{"finishReason":"nope"}', '{"toolCall":{}}']) {
      const response = await chat(reply(bad));
      expect(response.status).toBe(400);
      expect(json(response).error.message).toMatch(/x-emulator-reply/);
    }
  });
});

describe('programmatic replies', () => {
  it('options.reply scripts calls, and the header overrides it', async () => {
    const seen: unknown[] = [];
    const options = {
      reply: (context: { provider: string; path: string; model: string | undefined }) => {
        seen.push({ provider: context.provider, path: context.path, model: context.model });
        return context.model === 'scripted' ? { text: 'from options' } : undefined;
      },
    };
    const scripted = await call({ provider: 'openai', endpoint: 'v1/chat/completions', body: { model: 'scripted', messages: [{ role: 'user', content: 'x' }] }, options });
    expect(json(scripted).choices[0].message.content).toBe('from options');
    const plain = await call({ provider: 'openai', endpoint: 'v1/chat/completions', body: { model: 'other', messages: [{ role: 'user', content: 'x' }] }, options });
    expect(json(plain).choices[0].message.content).toBe('Echo: x');
    const both = await call({ provider: 'openai', endpoint: 'v1/chat/completions', body: { model: 'scripted', messages: [{ role: 'user', content: 'x' }] }, options, headers: reply({ text: 'header' }) });
    expect(json(both).choices[0].message.content).toBe('header');
    const google = await call({ provider: 'google-ai-studio', endpoint: 'v1beta/models/gemini-x:generateContent', body: { contents: [] }, options });
    expect(google.status).toBe(400);
    expect(seen).toContainEqual({ provider: 'google-ai-studio', path: 'v1beta/models/gemini-x:generateContent', model: 'gemini-x' });
  });
});
