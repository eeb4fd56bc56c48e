import { describe, expect, it } from 'vitest';
import { embeddingFor, imageBase64For } from '../../src/upstreams/index.js';
import { call, events, json, parseSse, weatherArgs, weatherTool } from './helpers.js';

const contents = (text: string) => [{ role: 'user', parts: [{ text }] }];
const studio = (method: string, body: unknown, model = 'gemini-2.5-flash') =>
  call({ provider: 'google-ai-studio', endpoint: `v1beta/models/${model}:${method}`, body });

describe('google ai studio', () => {
  it('generateContent answers with a model candidate, usageMetadata and modelVersion', async () => {
    const body = json(await studio('generateContent', { contents: contents('hi'), systemInstruction: { parts: [{ text: 's' }] } }));
    expect(body).toMatchObject({
      candidates: [{ content: { role: 'model', parts: [{ text: 'Echo: hi' }] }, finishReason: 'STOP', index: 0 }],
      usageMetadata: { promptTokenCount: expect.any(Number), candidatesTokenCount: expect.any(Number) },
      modelVersion: 'gemini-2.5-flash',
    });
  });

  it('streams with alt=sse, CRLF framing, one chunk per word', async () => {
    const items = await events(
      await call({ provider: 'google-ai-studio', endpoint: 'v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse', body: { contents: contents('a b') } }),
    );
    expect(items.every((item) => item.endsWith('\r\n\r\n'))).toBe(true);
    const chunks = parseSse(items).map((e) => JSON.parse(e.data));
    expect(chunks.map((c) => c.candidates[0].content.parts[0].text)).toEqual(['Echo: ', 'a ', 'b']);
    expect(chunks.at(-1).candidates[0].finishReason).toBe('STOP');
    expect(chunks[0].candidates[0].finishReason).toBeUndefined();
  });

  it('answers a JSON array without alt=sse', async () => {
    const body = json(await studio('streamGenerateContent', { contents: contents('a') }));
    expect(Array.isArray(body)).toBe(true);
    expect(body.map((c: any) => c.candidates[0].content.parts[0].text).join('')).toBe('Echo: a');
  });

  it('calls functions and reads functionResponse', async () => {
    const tools = [{ functionDeclarations: [{ name: 'weather', parametersJsonSchema: weatherTool }] }];
    const body = json(await studio('generateContent', { contents: contents('Lima'), tools }));
    expect(body.candidates[0].content.parts[0]).toEqual({ functionCall: { name: 'weather', args: weatherArgs('Lima') } });
    const after = json(
      await studio('generateContent', {
        contents: [
          ...contents('Lima'),
          { role: 'model', parts: [{ functionCall: { name: 'weather', args: {} } }] },
          { role: 'user', parts: [{ functionResponse: { name: 'weather', response: { name: 'weather', content: { t: 20 } } } }] },
        ],
        tools,
      }),
    );
    expect(after.candidates[0].content.parts[0].text).toBe('Tool result: {"t":20}');
    const none = json(await studio('generateContent', { contents: contents('Lima'), tools, toolConfig: { functionCallingConfig: { mode: 'NONE' } } }));
    expect(none.candidates[0].content.parts[0].text).toBe('Echo: Lima');
  });

  it('answers responseSchema / responseJsonSchema with JSON', async () => {
    const legacy = json(
      await studio('generateContent', {
        contents: contents('Ann'),
        generationConfig: { responseMimeType: 'application/json', responseSchema: { type: 'OBJECT', properties: { name: { type: 'STRING' } } } },
      }),
    );
    expect(JSON.parse(legacy.candidates[0].content.parts[0].text)).toEqual({ name: 'Ann' });
    const modern = json(
      await studio('generateContent', {
        contents: contents('Ann'),
        generationConfig: { responseMimeType: 'application/json', responseJsonSchema: { type: 'object', properties: { n: { type: 'integer' } } } },
      }),
    );
    expect(JSON.parse(modern.candidates[0].content.parts[0].text)).toEqual({ n: 1 });
  });

  it('embedContent and batchEmbedContents', async () => {
    const single = json(await studio('embedContent', { content: { parts: [{ text: 'x' }] }, outputDimensionality: 4 }, 'gemini-embedding-001'));
    expect(single.embedding.values).toEqual(embeddingFor('x', 4));
    const batch = json(
      await studio('batchEmbedContents', { requests: [{ model: 'models/gemini-embedding-001', content: { parts: [{ text: 'a' }] } }, { content: { parts: [{ text: 'b' }] } }] }, 'gemini-embedding-001'),
    );
    expect(batch.embeddings).toEqual([{ values: embeddingFor('a') }, { values: embeddingFor('b') }]);
  });

  it('accepts the key query parameter and answers Google errors', async () => {
    const byQuery = await call({ provider: 'google-ai-studio', endpoint: 'v1beta/models/m:generateContent?key=abc', body: { contents: contents('q') }, headers: { 'x-goog-api-key': '' } });
    expect(byQuery.status).toBe(200);
    const bad = await studio('generateContent', {});
    expect(bad.status).toBe(400);
    expect(json(bad)).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });
  });
});

describe('google vertex ai', () => {
  it('serves generateContent on the project path and the express path', async () => {
    for (const endpoint of [
      'v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent',
      'v1beta1/projects/p/locations/global/publishers/google/models/gemini-2.5-flash:generateContent',
      'v1/publishers/google/models/gemini-2.5-flash:generateContent',
    ]) {
      const body = json(await call({ provider: 'google-vertex-ai', endpoint, body: { contents: contents('v') } }));
      expect(body.candidates[0].content.parts[0].text).toBe('Echo: v');
      expect(body.modelVersion).toBe('gemini-2.5-flash');
    }
  });

  it('streams on streamGenerateContent?alt=sse', async () => {
    const items = await events(
      await call({ provider: 'google-vertex-ai', endpoint: 'v1/projects/p/locations/l/publishers/google/models/g:streamGenerateContent?alt=sse', body: { contents: contents('v') } }),
    );
    expect(items.length).toBe(2);
  });

  it('predict: text embeddings and Imagen images', async () => {
    const base = 'v1/projects/p/locations/l/publishers/google/models';
    const emb = json(await call({ provider: 'google-vertex-ai', endpoint: `${base}/text-embedding-005:predict`, body: { instances: [{ content: 'a' }], parameters: { outputDimensionality: 3 } } }));
    expect(emb.predictions[0].embeddings).toMatchObject({ values: embeddingFor('a', 3), statistics: { token_count: 1 } });
    const img = json(await call({ provider: 'google-vertex-ai', endpoint: `${base}/imagen-3.0:predict`, body: { instances: [{ prompt: 'sky' }], parameters: { sampleCount: 2 } } }));
    expect(img.predictions.map((p: any) => p.bytesBase64Encoded)).toEqual([imageBase64For('sky', 0), imageBase64For('sky', 1)]);
  });

  it('answers Anthropic models in Anthropic format (rawPredict / streamRawPredict)', async () => {
    const endpoint = 'v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict';
    const body = json(await call({ provider: 'google-vertex-ai', endpoint, body: { anthropic_version: 'vertex-2023-10-16', max_tokens: 10, messages: [{ role: 'user', content: 'c' }] } }));
    expect(body).toMatchObject({ type: 'message', model: 'claude-sonnet-4-5@20250929', content: [{ text: 'Echo: c' }] });
    const stream = await call({
      provider: 'google-vertex-ai',
      endpoint: endpoint.replace(':rawPredict', ':streamRawPredict'),
      body: { anthropic_version: 'vertex-2023-10-16', max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'c' }] },
    });
    expect(parseSse(await events(stream))[0]!.event).toBe('message_start');
  });

  it('accepts a Bearer token or an API key, and rejects neither', async () => {
    const endpoint = 'v1/publishers/google/models/g:generateContent';
    const apiKey = await call({ provider: 'google-vertex-ai', endpoint, body: { contents: contents('v') }, headers: { authorization: '', 'x-goog-api-key': 'k' } });
    expect(apiKey.status).toBe(200);
    const none = await call({ provider: 'google-vertex-ai', endpoint, body: { contents: contents('v') }, headers: { authorization: '' } });
    expect(none.status).toBe(401);
    expect(json(none).error.status).toBe('UNAUTHENTICATED');
  });
});
