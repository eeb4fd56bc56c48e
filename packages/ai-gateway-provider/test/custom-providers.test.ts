import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { EmulatorOptions } from '@aigw/emulator';
import { generateText, streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayMetadata } from '../src';
import { fault, useEmulator } from './helpers';
import { startLocalServer, type LocalServer } from './local-server';

// The custom provider's own server: an OpenAI-compatible service the emulated gateway forwards to.
let llm: LocalServer;
const options: EmulatorOptions & { customProviders: NonNullable<EmulatorOptions['customProviders']> } = { customProviders: {} };
beforeAll(async () => {
  llm = await startLocalServer((request, response, body) => {
    const { model, stream, messages } = JSON.parse(body) as { model: string; stream?: boolean; messages: { content: string }[] };
    const text = `my-llm says: ${messages.at(-1)!.content}`;
    if (stream === true) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = (delta: object, finish: string | null) => JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta, finish_reason: finish }] });
      for (const word of text.split(' ')) response.write(`data: ${chunk({ content: `${word} ` }, null)}\n\n`);
      response.end(`data: ${chunk({}, 'stop')}\n\ndata: [DONE]\n\n`);
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ id: 'c1', object: 'chat.completion', created: 1, model, choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }], usage: { prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 } }));
  });
  options.customProviders['my-llm'] = { baseURL: `${llm.url}/v1` };
});
afterAll(() => llm.close());
const t = useEmulator(options);

const myLlm = createOpenAICompatible({ name: 'my-llm', baseURL: 'https://llm.example.com/v1', apiKey: 'my-llm-key' }).chatModel('house-model');
const route = [{ provider: 'custom-my-llm', url: /^https:\/\/llm\.example\.com\/v1\// }];

describe('a custom provider the gateway is configured with', () => {
  it('answers an OpenAI-compatible model alone, through the provider route', async () => {
    const result = await generateText({ model: t.gateway({ providers: route })(myLlm), prompt: 'hello' });
    expect(result.text).toBe('my-llm says: hello');
    expect(gatewayMetadata(result)).toMatchObject({ step: 0, provider: 'custom-my-llm', modelId: 'house-model' });
    const received = llm.requests.at(-1)!;
    expect(received.url).toBe('/v1/chat/completions');
    expect(received.headers.authorization).toBe('Bearer my-llm-key');
    expect(JSON.parse(received.body).model).toBe('house-model');
    expect(t.emulator.calls.at(-1)!.attempts[0]).toMatchObject({ provider: 'custom-my-llm', endpoint: 'chat/completions', status: 200 });

    const streamed = streamText({ model: t.gateway({ providers: route })(myLlm), prompt: 'stream it' });
    expect((await streamed.text).trim()).toBe('my-llm says: stream it');
  });

  it('answers inside a fallback list, as a leg’s forced provider too', async () => {
    const failing = createOpenAI({ apiKey: 'sk-openai', headers: fault({ status: 500 }) }).chat('gpt-5-mini');
    const result = await generateText({ model: t.gateway({ providers: route })([failing, myLlm]), prompt: 'fall back' });
    expect(result.text).toBe('my-llm says: fall back');
    expect(gatewayMetadata(result)).toMatchObject({ step: 1, steps: 2, provider: 'custom-my-llm', modelId: 'house-model' });
    // Without a route, the leg names its provider.
    const forced = await generateText({ model: t.gateway()([failing, { model: myLlm, provider: 'custom-my-llm' }]), prompt: 'forced' });
    expect(forced.text).toBe('my-llm says: forced');
    expect(gatewayMetadata(forced)).toMatchObject({ step: 1, provider: 'custom-my-llm' });
  });

  it('is refused by the gateway when it is not configured', async () => {
    const other = createOpenAICompatible({ name: 'other', baseURL: 'https://other.example.com/v1', apiKey: 'k' }).chatModel('m');
    const call = generateText({ model: t.gateway()({ model: other, provider: 'custom-other' }), prompt: 'x', maxRetries: 0 });
    await expect(call).rejects.toMatchObject({ statusCode: 400 });
    expect(t.emulator.calls.at(-1)!.gatewayError).toBe(2008);
  });
});
