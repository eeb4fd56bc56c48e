import { describe, expect, it } from 'vitest';
import { echoText, embeddingFor, imageBase64For, speechFor, transcriptFor } from '../../src/upstreams/index.js';
import { call, events, json, parseSse, sseJson, text, weatherArgs, weatherTool } from './helpers.js';

const chat = (body: Record<string, unknown>, extra: { headers?: Record<string, string>; provider?: string; endpoint?: string } = {}) =>
  call({ provider: extra.provider ?? 'openai', endpoint: extra.endpoint ?? 'v1/chat/completions', body: { model: 'gpt-4o-mini', ...body }, headers: extra.headers });

describe('openai chat completions', () => {
  it('echoes the last user message with the requested model and usage', async () => {
    const response = await chat({ messages: [{ role: 'system', content: 'be nice' }, { role: 'user', content: 'hello' }] });
    expect(response.status).toBe(200);
    const body = json(response);
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Echo: hello' }, finish_reason: 'stop' }],
    });
    expect(body.usage.prompt_tokens).toBeGreaterThan(0);
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
  });

  it('accepts the path without v1/ and text content parts', async () => {
    const response = await chat({ messages: [{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }] }, { endpoint: 'chat/completions' });
    expect(json(response).choices[0].message.content).toBe(echoText('a\nb'));
  });

  it('streams one SSE event per word, then finish, usage and [DONE]', async () => {
    const response = await chat({ messages: [{ role: 'user', content: 'one two' }], stream: true, stream_options: { include_usage: true } });
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    const items = await events(response);
    expect(items.at(-1)).toBe('data: [DONE]\n\n');
    const chunks = sseJson(items);
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? null)).toEqual(['Echo: ', 'one ', 'two', null, null]);
    expect(chunks[0].choices[0].delta.role).toBe('assistant');
    expect(chunks[3].choices[0].finish_reason).toBe('stop');
    expect(chunks[4]).toMatchObject({ choices: [], usage: { prompt_tokens: expect.any(Number) } });
    expect(chunks.every((c) => c.model === 'gpt-4o-mini' && c.object === 'chat.completion.chunk')).toBe(true);
  });

  it('omits stream usage unless include_usage is set', async () => {
    const chunks = sseJson(await events(await chat({ messages: [{ role: 'user', content: 'x' }], stream: true })));
    expect(chunks.some((c) => c.usage !== undefined)).toBe(false);
  });

  it('calls the first tool with a schema instance, streamed as argument deltas', async () => {
    const body = {
      messages: [{ role: 'user', content: 'Paris' }],
      tools: [
        { type: 'function', function: { name: 'weather', parameters: weatherTool } },
        { type: 'function', function: { name: 'other', parameters: { type: 'object', properties: { q: { type: 'string' } } } } },
      ],
    };
    const whole = json(await chat(body));
    expect(whole.choices[0].finish_reason).toBe('tool_calls');
    expect(whole.choices[0].message.content).toBeNull();
    const call0 = whole.choices[0].message.tool_calls[0];
    expect(call0).toMatchObject({ type: 'function', function: { name: 'weather' } });
    expect(call0.id).toMatch(/^call_/);
    expect(JSON.parse(call0.function.arguments)).toEqual(weatherArgs('Paris'));

    const chunks = sseJson(await events(await chat({ ...body, stream: true })));
    const deltas = chunks.flatMap((c) => c.choices[0]?.delta?.tool_calls ?? []);
    expect(deltas[0]).toMatchObject({ index: 0, id: call0.id, function: { name: 'weather' } });
    expect(JSON.parse(deltas.map((d: any) => d.function.arguments).join(''))).toEqual(weatherArgs('Paris'));
    expect(deltas.length).toBeGreaterThan(1);

    const specific = json(await chat({ ...body, tool_choice: { type: 'function', function: { name: 'other' } } }));
    expect(specific.choices[0].message.tool_calls[0].function).toEqual({ name: 'other', arguments: '{"q":"Paris"}' });
    const none = json(await chat({ ...body, tool_choice: 'none' }));
    expect(none.choices[0].message.content).toBe('Echo: Paris');
  });

  it('answers a tool result with its content', async () => {
    const response = await chat({
      messages: [
        { role: 'user', content: 'Paris' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: '{"temp":21}' },
      ],
      tools: [{ type: 'function', function: { name: 'weather', parameters: weatherTool } }],
    });
    expect(json(response).choices[0].message.content).toBe('Tool result: {"temp":21}');
  });

  it('answers json_schema and json_object response formats with JSON', async () => {
    const schema = { type: 'object', properties: { name: { type: 'string' }, n: { type: 'number' }, ok: { type: 'boolean' } } };
    const structured = json(await chat({ messages: [{ role: 'user', content: 'Bob' }], response_format: { type: 'json_schema', json_schema: { name: 'x', schema } } }));
    expect(JSON.parse(structured.choices[0].message.content)).toEqual({ name: 'Bob', n: 1, ok: true });
    const object = json(await chat({ messages: [{ role: 'user', content: 'Bob' }], response_format: { type: 'json_object' } }));
    expect(JSON.parse(object.choices[0].message.content)).toEqual({ text: 'Echo: Bob' });
  });

  it('uses a schema injected into the prompt for json_object', async () => {
    const body = json(
      await chat({
        messages: [
          { role: 'system', content: 'Return JSON that conforms to the following schema: {"type":"object","properties":{"a":{"type":"string"}}}' },
          { role: 'user', content: 'hi' },
        ],
        response_format: { type: 'json_object' },
      }),
    );
    expect(JSON.parse(body.choices[0].message.content)).toEqual({ a: 'hi' });
  });

  it('rejects a body without messages in OpenAI error format', async () => {
    const response = await chat({});
    expect(response.status).toBe(400);
    expect(json(response).error).toMatchObject({ message: expect.any(String), type: 'invalid_request_error' });
  });
});

describe('openai responses API', () => {
  const responses = (body: Record<string, unknown>) => call({ provider: 'openai', endpoint: 'v1/responses', body: { model: 'gpt-5-mini', ...body } });

  it('answers a string input with an output_text message', async () => {
    const body = json(await responses({ input: 'hello' }));
    expect(body).toMatchObject({
      object: 'response',
      status: 'completed',
      model: 'gpt-5-mini',
      output: [{ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Echo: hello' }] }],
    });
    expect(body.usage.input_tokens).toBeGreaterThan(0);
  });

  it('streams typed events with event: lines and sequence numbers', async () => {
    const items = await events(await responses({ input: [{ role: 'user', content: [{ type: 'input_text', text: 'a b' }] }], stream: true }));
    const parsed = parseSse(items);
    const types = parsed.map((e) => e.event);
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const data = parsed.map((e) => JSON.parse(e.data));
    expect(data.map((d) => d.type)).toEqual(types);
    expect(data.map((d) => d.sequence_number)).toEqual(types.map((_, i) => i));
    expect(data.filter((d) => d.type === 'response.output_text.delta').map((d) => d.delta).join('')).toBe('Echo: a b');
    expect(data.at(-1).response.usage.output_tokens).toBeGreaterThan(0);
  });

  it('calls a function tool and reads function_call_output', async () => {
    const tools = [{ type: 'function', name: 'weather', parameters: weatherTool }];
    const body = json(await responses({ input: 'Rome', tools }));
    expect(body.output[0]).toMatchObject({ type: 'function_call', name: 'weather', status: 'completed' });
    expect(JSON.parse(body.output[0].arguments)).toEqual(weatherArgs('Rome'));

    const streamed = sseJson(await events(await responses({ input: 'Rome', tools, stream: true })));
    expect(streamed.filter((d) => d.type === 'response.function_call_arguments.delta').map((d) => d.delta).join('')).toBe(body.output[0].arguments);

    const after = json(
      await responses({
        input: [
          { role: 'user', content: 'Rome' },
          { type: 'function_call', call_id: 'c1', name: 'weather', arguments: '{}' },
          { type: 'function_call_output', call_id: 'c1', output: 'sunny' },
        ],
        tools,
      }),
    );
    expect(after.output[0].content[0].text).toBe('Tool result: sunny');
  });

  it('answers text.format json_schema with JSON', async () => {
    const body = json(await responses({ input: 'Zed', text: { format: { type: 'json_schema', name: 'x', schema: { type: 'object', properties: { who: { type: 'string' } } } } } }));
    expect(JSON.parse(body.output[0].content[0].text)).toEqual({ who: 'Zed' });
  });

  it('reports a length finish as an incomplete response', async () => {
    const body = json(await call({ provider: 'openai', endpoint: 'responses', body: { model: 'm', input: 'x' }, headers: { 'x-emulator-reply': '{"finishReason":"length"}' } }));
    expect(body).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } });
  });
});

describe('openai embeddings, images, speech, transcription', () => {
  it('embeds each input, honouring dimensions and base64', async () => {
    const body = json(await call({ provider: 'openai', endpoint: 'v1/embeddings', body: { model: 'text-embedding-3-small', input: ['a', 'b'] } }));
    expect(body.data.map((d: any) => d.embedding)).toEqual([embeddingFor('a'), embeddingFor('b')]);
    expect(body.model).toBe('text-embedding-3-small');
    const sized = json(await call({ provider: 'openai', endpoint: 'embeddings', body: { model: 'm', input: 'a', dimensions: 3 } }));
    expect(sized.data[0].embedding).toEqual(embeddingFor('a', 3));
    const b64 = json(await call({ provider: 'openai', endpoint: 'embeddings', body: { model: 'm', input: 'a', encoding_format: 'base64' } }));
    const bytes = Uint8Array.from(atob(b64.data[0].embedding), (c) => c.charCodeAt(0));
    expect(Array.from(new Float32Array(bytes.buffer))).toEqual(embeddingFor('a').map((v) => Math.fround(v)));
  });

  it('generates n PNG images with revised_prompt', async () => {
    const body = json(await call({ provider: 'openai', endpoint: 'v1/images/generations', body: { model: 'gpt-image-1', prompt: 'a cat', n: 2 } }));
    expect(body.data).toEqual([
      { b64_json: imageBase64For('a cat', 0), revised_prompt: 'a cat' },
      { b64_json: imageBase64For('a cat', 1), revised_prompt: 'a cat' },
    ]);
  });

  it('returns speech bytes with the format content type', async () => {
    const mp3 = await call({ provider: 'openai', endpoint: 'v1/audio/speech', body: { model: 'tts-1', input: 'hi', voice: 'alloy' } });
    expect(mp3.headers['content-type']).toBe('audio/mpeg');
    expect(mp3.body).toEqual(speechFor('hi'));
    const wav = await call({ provider: 'openai', endpoint: 'v1/audio/speech', body: { model: 'tts-1', input: 'hi', response_format: 'wav' } });
    expect(wav.headers['content-type']).toBe('audio/wav');
    expect(new TextDecoder().decode((wav.body as Uint8Array).subarray(0, 4))).toBe('RIFF');
  });

  function multipart(fields: Record<string, string>, file: Uint8Array): { body: Uint8Array; type: string } {
    const boundary = '----emulator-boundary';
    const enc = new TextEncoder();
    const chunks: Uint8Array[] = [];
    for (const [name, value] of Object.entries(fields)) {
      chunks.push(enc.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    }
    chunks.push(enc.encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="audio.wav"\r\nContent-Type: audio/wav\r\n\r\n`));
    chunks.push(file, enc.encode(`\r\n--${boundary}--\r\n`));
    const body = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let offset = 0;
    for (const c of chunks) {
      body.set(c, offset);
      offset += c.length;
    }
    return { body, type: `multipart/form-data; boundary=${boundary}` };
  }

  it('transcribes a multipart upload (json, verbose_json, text)', async () => {
    const upload = (fields: Record<string, string>, file: Uint8Array) => {
      const { body, type } = multipart({ model: 'whisper-1', ...fields }, file);
      return call({ provider: 'openai', endpoint: 'v1/audio/transcriptions', rawBody: body, headers: { 'content-type': type } });
    };
    expect(json(await upload({}, speechFor('hello there', 'wav'))).text).toBe('hello there');
    const verbose = json(await upload({ response_format: 'verbose_json', 'timestamp_granularities[]': 'word' }, speechFor('a b', 'mp3')));
    expect(verbose).toMatchObject({ text: 'a b', words: [{ word: 'a' }, { word: 'b' }], segments: [{ id: 0, text: 'a b' }] });
    const binary = new Uint8Array([0xff, 0x00, 0x81, 0x02]);
    expect(text(await upload({ response_format: 'text' }, binary))).toBe(`${transcriptFor(binary)}\n`);
    expect(transcriptFor(binary)).toMatch(/^Transcript of 4 bytes: [0-9a-f]{16}$/);
  });

  it('rejects a transcription without a file', async () => {
    const response = await call({ provider: 'openai', endpoint: 'v1/audio/transcriptions', rawBody: new Uint8Array(0), headers: { 'content-type': 'multipart/form-data; boundary=x' } });
    expect(response.status).toBe(400);
  });
});

describe('openai-compatible providers', () => {
  const user = { messages: [{ role: 'user', content: 'hey' }] };

  it.each([
    ['groq', 'openai/v1/chat/completions'],
    ['groq', 'chat/completions'],
    ['mistral', 'v1/chat/completions'],
    ['deepseek', 'chat/completions'],
    ['grok', 'v1/chat/completions'],
    ['perplexity-ai', 'chat/completions'],
    ['cerebras', 'v1/chat/completions'],
    ['openrouter', 'v1/chat/completions'],
    ['openrouter', 'api/v1/chat/completions'],
    ['fireworks', 'inference/v1/chat/completions'],
    ['compat', 'chat/completions'],
    ['workers-ai', 'v1/chat/completions'],
  ])('%s %s answers in chat format', async (provider, endpoint) => {
    const body = json(await chat(user, { provider, endpoint }));
    expect(body.choices[0].message.content).toBe('Echo: hey');
    expect(body.model).toBe('gpt-4o-mini');
  });

  it('compat keeps the prefixed model', async () => {
    const body = json(await call({ provider: 'compat', endpoint: 'chat/completions', body: { model: 'anthropic/claude-sonnet-4-5', ...user }, headers: { 'x-emulator-compat-provider': 'anthropic' } }));
    expect(body.model).toBe('anthropic/claude-sonnet-4-5');
  });

  it('groq puts stream usage in x_groq; mistral and perplexity on the finish chunk', async () => {
    const groq = sseJson(await events(await chat({ ...user, stream: true }, { provider: 'groq' })));
    expect(groq.at(-1).x_groq.usage.prompt_tokens).toBeGreaterThan(0);
    const mistral = sseJson(await events(await chat({ ...user, stream: true }, { provider: 'mistral', endpoint: 'v1/chat/completions' })));
    expect(mistral.at(-1)).toMatchObject({ choices: [{ finish_reason: 'stop' }], usage: { completion_tokens: expect.any(Number) } });
    const perplexity = json(await chat(user, { provider: 'perplexity-ai' }));
    expect(perplexity.citations).toEqual([]);
  });

  it('uses each provider\'s error format', async () => {
    const bad = { headers: { 'x-emulator-reply': '{"status":429,"error":"slow down"}' } };
    expect(json(await chat(user, { provider: 'mistral', ...bad }))).toEqual({ object: 'error', message: 'slow down', type: 'rate_limit_exceeded', param: null, code: null });
    expect(json(await chat(user, { provider: 'cerebras', ...bad }))).toMatchObject({ message: 'slow down', type: 'rate_limit_exceeded', code: '429' });
    expect(json(await chat(user, { provider: 'perplexity-ai', ...bad }))).toEqual({ error: { code: 429, message: 'slow down', type: 'rate_limit_exceeded' } });
    expect(json(await chat(user, { provider: 'groq', ...bad })).error).toMatchObject({ message: 'slow down', type: 'rate_limit_exceeded' });
  });

  it('mistral embeddings', async () => {
    const body = json(await call({ provider: 'mistral', endpoint: 'v1/embeddings', body: { model: 'mistral-embed', input: ['x'] } }));
    expect(body.data[0].embedding).toEqual(embeddingFor('x'));
  });
});

describe('azure openai', () => {
  it.each([
    ['myres/my-deploy/chat/completions?api-version=2024-10-21', 'my-deploy'],
    ['myres/openai/deployments/my-deploy/chat/completions?api-version=2024-10-21', 'my-deploy'],
    ['myres/v1/chat/completions', 'body-model'],
    ['myres/openai/v1/chat/completions?api-version=v1', 'body-model'],
  ])('%s', async (endpoint, model) => {
    const body = { messages: [{ role: 'user', content: 'az' }], ...(model === 'body-model' ? { model } : {}) };
    const response = json(await call({ provider: 'azure-openai', endpoint, body }));
    expect(response).toMatchObject({ model, choices: [{ message: { content: 'Echo: az' } }] });
  });

  it('serves the Responses API on the v1 form', async () => {
    const response = json(await call({ provider: 'azure-openai', endpoint: 'myres/openai/v1/responses', body: { model: 'dep', input: 'az' } }));
    expect(response.output[0].content[0].text).toBe('Echo: az');
  });
});

describe('workers ai run form', () => {
  it('answers prompt and messages in the Cloudflare envelope', async () => {
    const byPrompt = json(await call({ provider: 'workers-ai', endpoint: '@cf/meta/llama-3.1-8b-instruct', body: { prompt: 'hi' } }));
    expect(byPrompt).toMatchObject({ success: true, errors: [], result: { response: 'Echo: hi' } });
    const byMessages = json(await call({ provider: 'workers-ai', endpoint: 'run/@cf/meta/llama-3.1-8b-instruct', body: { messages: [{ role: 'user', content: 'yo' }] } }));
    expect(byMessages.result.response).toBe('Echo: yo');
  });

  it('streams response deltas and ends with [DONE]', async () => {
    const items = await events(await call({ provider: 'workers-ai', endpoint: '@cf/meta/llama-3.1-8b-instruct', body: { prompt: 'a b', stream: true } }));
    expect(items.at(-1)).toBe('data: [DONE]\n\n');
    expect(sseJson(items).map((d) => d.response).join('')).toBe('Echo: a b');
  });

  it('embeds with bge models and errors in the v4 envelope', async () => {
    const body = json(await call({ provider: 'workers-ai', endpoint: '@cf/baai/bge-base-en-v1.5', body: { text: ['a', 'b'] } }));
    expect(body.result).toEqual({ shape: [2, 8], data: [embeddingFor('a'), embeddingFor('b')], pooling: 'mean' });
    const unauth = await call({ provider: 'workers-ai', endpoint: '@cf/meta/llama-3.1-8b-instruct', body: { prompt: 'x' }, headers: { authorization: '' } });
    expect(unauth.status).toBe(401);
    expect(json(unauth)).toEqual({ result: null, success: false, errors: [{ code: 10000, message: 'Authentication error' }], messages: [] });
  });
});
