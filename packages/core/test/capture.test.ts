import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { AiGatewayCaptureError } from '@aigw/errors';
import { describe, expect, it } from 'vitest';
import { captureCall, createCaptureFetch, isCapturableModel, registerRoutedModel } from '../src/capture';

const prompt = (text: string) => ({ prompt: [{ role: 'user' as const, content: [{ type: 'text' as const, text }] }] });

const chatCompletion = (text: string) =>
  Response.json({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-test',
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  });

const lastUserText = (body: unknown) => {
  const messages = (JSON.parse(body as string) as { messages: { role: string; content: unknown }[] }).messages;
  const content = messages.at(-1)!.content;
  return typeof content === 'string' ? content : (content as { text: string }[])[0]!.text;
};

describe('captureCall', () => {
  it('captures an OpenAI chat request without touching the network, then replays the answer into the model', async () => {
    const networkCalls: string[] = [];
    const openai = createOpenAI({ apiKey: 'sk-test', fetch: async (url) => (networkCalls.push((url as string)), chatCompletion('direct')) });
    const model = openai.chat('gpt-test');
    const pending = await captureCall<{ content: { type: string; text?: string }[] }>(model, 'doGenerate', prompt('hello'));
    expect(pending.request).toMatchObject({ method: 'POST', url: 'https://api.openai.com/v1/chat/completions' });
    expect(pending.request.headers.authorization).toBe('Bearer sk-test');
    expect(JSON.parse(pending.request.body as string)).toMatchObject({ model: 'gpt-test', messages: [{ role: 'user', content: 'hello' }] });
    const result = await pending.respond(chatCompletion('from the gateway'));
    expect(result.content).toEqual([{ type: 'text', text: 'from the gateway' }]);
    expect(networkCalls).toEqual([]);
  });

  it('leaves the model usable directly, with its own fetch and base URL', async () => {
    const seen: string[] = [];
    const openai = createOpenAI({ apiKey: 'sk-test', baseURL: 'https://proxy.example/v1', fetch: async (url) => (seen.push((url as string)), chatCompletion('direct')) });
    const model = openai.chat('gpt-test');
    const configBefore = (model as unknown as { config: unknown }).config;
    const pending = await captureCall(model, 'doGenerate', prompt('x'));
    pending.discard();
    expect((model as unknown as { config: unknown }).config).toBe(configBefore);
    const direct = await model.doGenerate(prompt('y'));
    expect(direct.content).toEqual([{ type: 'text', text: 'direct' }]);
    expect(seen).toEqual(['https://proxy.example/v1/chat/completions']);
  });

  it('captures a streaming call and passes the stream through', async () => {
    const model = createOpenAI({ apiKey: 'sk-test' }).chat('gpt-test');
    const pending = await captureCall<{ stream: ReadableStream<{ type: string; delta?: string }> }>(model, 'doStream', prompt('stream me'));
    expect(JSON.parse(pending.request.body as string)).toMatchObject({ stream: true });
    let push!: (text: string) => void;
    let close!: () => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (text) => controller.enqueue(new TextEncoder().encode(text));
        close = () => controller.close();
      },
    });
    const responded = pending.respond(new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
    push(`data: ${JSON.stringify({ id: 'c', created: 1, model: 'gpt-test', choices: [{ index: 0, delta: { role: 'assistant', content: 'first' } }] })}\n\n`);
    const { stream } = await responded;
    const reader = stream.getReader();
    // The first delta reaches the caller before the server has sent the rest.
    const parts: { type: string; delta?: string }[] = [];
    while (!parts.some((p) => p.type === 'text-delta')) parts.push((await reader.read()).value!);
    expect(parts.find((p) => p.type === 'text-delta')?.delta).toBe('first');
    push(`data: ${JSON.stringify({ id: 'c', created: 1, model: 'gpt-test', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`);
    close();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
    }
    expect(parts.at(-1)?.type).toBe('finish');
  });

  it('captures Anthropic and Google requests with their own auth headers', async () => {
    const anthropic = await captureCall(createAnthropic({ apiKey: 'ant-key' })('claude-test'), 'doGenerate', prompt('a'));
    expect(anthropic.request.url).toBe('https://api.anthropic.com/v1/messages');
    expect(anthropic.request.headers['x-api-key']).toBe('ant-key');
    anthropic.discard();
    const google = await captureCall(createGoogleGenerativeAI({ apiKey: 'goog-key' })('gemini-test'), 'doStream', prompt('g'));
    expect(google.request.url).toBe('https://generativelanguage.googleapis.com/v1beta/models/gemini-test:streamGenerateContent?alt=sse');
    expect(google.request.headers['x-goog-api-key']).toBe('goog-key');
    google.discard();
  });

  it('captures every model kind OpenAI and Google offer (language models above)', async () => {
    const openai = createOpenAI({ apiKey: 'sk' });
    const google = createGoogleGenerativeAI({ apiKey: 'g' });
    const cases: [object, 'doEmbed' | 'doGenerate', Record<string, unknown>, string][] = [
      [openai.embedding('text-embedding-3-small'), 'doEmbed', { values: ['a', 'b'] }, 'https://api.openai.com/v1/embeddings'],
      [google.embedding('gemini-embedding-001'), 'doEmbed', { values: ['a', 'b'] }, 'https://generativelanguage.googleapis.com/v1beta/models/gemini-embedding-001:batchEmbedContents'],
      [openai.image('gpt-image-1'), 'doGenerate', { prompt: 'cat', n: 1, size: undefined, aspectRatio: undefined, seed: undefined, providerOptions: {} }, 'https://api.openai.com/v1/images/generations'],
      [openai.speech('tts-1'), 'doGenerate', { text: 'hi', providerOptions: {} }, 'https://api.openai.com/v1/audio/speech'],
      [openai.transcription('whisper-1'), 'doGenerate', { audio: new Uint8Array([1, 2, 3]), mediaType: 'audio/wav', providerOptions: {} }, 'https://api.openai.com/v1/audio/transcriptions'],
      [google.image('gemini-2.5-flash-image'), 'doGenerate', { prompt: 'cat', n: 1, size: undefined, aspectRatio: undefined, seed: undefined, providerOptions: {} }, 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash-image:generateContent'],
      [google.speech('gemini-2.5-flash-preview-tts'), 'doGenerate', { text: 'hi', providerOptions: {} }, 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash-preview-tts:generateContent'],
      [google.transcription('gemini-2.5-flash'), 'doGenerate', { audio: new Uint8Array([1, 2, 3]), mediaType: 'audio/wav', providerOptions: {} }, 'https://generativelanguage.googleapis.com/v1beta/interactions'],
    ];
    for (const [model, method, options, url] of cases) {
      const pending = await captureCall(model, method, options);
      expect(pending.request.url).toBe(url);
      pending.discard();
    }
    const transcription = await captureCall(openai.transcription('whisper-1'), 'doGenerate', { audio: new Uint8Array([1, 2, 3]), mediaType: 'audio/wav', providerOptions: {} });
    expect(transcription.request.body).toBeInstanceOf(FormData);
    transcription.discard();
  });

  it('keeps 500 concurrent calls on one model object apart', async () => {
    const model = createOpenAI({ apiKey: 'sk' }).chat('gpt-test');
    const prompts = Array.from({ length: 500 }, (_, i) => `prompt number ${i}`);
    const pendings = await Promise.all(prompts.map((p) => captureCall<{ content: { text: string }[] }>(model, 'doGenerate', prompt(p))));
    // Answer in reverse order, each with an echo of the prompt its own request carried.
    const results = await Promise.all([...pendings].reverse().map((p) => p.respond(chatCompletion(`echo: ${lastUserText(p.request.body)}`))));
    results.reverse();
    results.forEach((result, i) => expect(result.content[0]!.text).toBe(`echo: ${prompts[i]}`));
  });

  it('rejects a discarded call without an unhandled rejection', async () => {
    const pending = await captureCall(createOpenAI({ apiKey: 'sk' }).chat('m'), 'doGenerate', prompt('x'));
    pending.discard();
    await new Promise((r) => setTimeout(r, 10));
  });

  it('tells which models it can capture: official ones and routed ones, not those without config.fetch', () => {
    expect(isCapturableModel(createOpenAI({ apiKey: 'sk' }).chat('m'))).toBe(true);
    expect(isCapturableModel({ config: { apiKey: 'k' } })).toBe(false);
    expect(isCapturableModel({})).toBe(false);
    expect(isCapturableModel(registerRoutedModel({ config: {} }))).toBe(true);
  });

  it('gives a typed error for a model it cannot capture', async () => {
    const custom = { specificationVersion: 'v4', provider: 'custom', modelId: 'no-config', doGenerate: async () => ({}) };
    await expect(captureCall(custom, 'doGenerate', {})).rejects.toSatisfy((e) => AiGatewayCaptureError.isInstance(e) && /config\.fetch/.test((e as Error).message));
    const throwing = createOpenAI({ apiKey: 'sk' }).chat('m');
    await expect(captureCall(throwing, 'doGenerate', { prompt: 'not an array' })).rejects.toSatisfy((e) => AiGatewayCaptureError.isInstance(e));
    await expect(captureCall(custom, 'doEmbed', {})).rejects.toThrow(/no doEmbed method/);
  });

  it('captures a routed model below its provider-level fetch wrapper, by signal', async () => {
    const captureFetch = createCaptureFetch(async () => chatCompletion('direct'));
    // A provider that wraps fetch itself (like Bedrock's SigV4 signer): the capture must see the signed request.
    const signing: typeof fetch = (input, init) => captureFetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), 'x-signature': 'signed' } });
    const model = registerRoutedModel(createOpenAI({ apiKey: 'sk', fetch: signing }).chat('m'));
    const pending = await captureCall<{ content: { text: string }[] }>(model, 'doGenerate', prompt('x'));
    expect(pending.request.headers['x-signature']).toBe('signed');
    expect((await pending.respond(chatCompletion('via gateway'))).content[0]!.text).toBe('via gateway');
    // The same model called directly goes through to the base fetch.
    expect((await model.doGenerate(prompt('y'))).content).toEqual([{ type: 'text', text: 'direct' }]);
  });
});
