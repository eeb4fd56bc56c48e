import { describe, expect, it } from 'vitest';
import { embeddingFor, rerankScores } from '../../src/upstreams/index.js';
import { call, events, json, parseSse, weatherArgs, weatherTool } from './helpers.js';

const cohere = (endpoint: string, body: Record<string, unknown>) => call({ provider: 'cohere', endpoint, body: { model: 'command-r-plus', ...body } });

describe('cohere', () => {
  it('v2/chat answers JSON and SSE', async () => {
    const body = json(await cohere('v2/chat', { messages: [{ role: 'user', content: 'hi' }] }));
    expect(body).toMatchObject({ message: { role: 'assistant', content: [{ type: 'text', text: 'Echo: hi' }] }, finish_reason: 'COMPLETE' });
    expect(body.usage.tokens.input_tokens).toBeGreaterThan(0);
    const parsed = parseSse(await events(await cohere('v2/chat', { messages: [{ role: 'user', content: 'a b' }], stream: true })));
    expect(parsed.map((e) => e.event)).toEqual(['message-start', 'content-start', 'content-delta', 'content-delta', 'content-delta', 'content-end', 'message-end']);
    const data = parsed.map((e) => JSON.parse(e.data));
    expect(data.filter((d) => d.type === 'content-delta').map((d) => d.delta.message.content.text).join('')).toBe('Echo: a b');
  });

  it('v2/chat calls tools and reads tool messages', async () => {
    const tools = [{ type: 'function', function: { name: 'weather', parameters: weatherTool } }];
    const body = json(await cohere('v2/chat', { messages: [{ role: 'user', content: 'Rio' }], tools }));
    expect(body.finish_reason).toBe('TOOL_CALL');
    expect(JSON.parse(body.message.tool_calls[0].function.arguments)).toEqual(weatherArgs('Rio'));
    const stream = parseSse(await events(await cohere('v2/chat', { messages: [{ role: 'user', content: 'Rio' }], tools, stream: true }))).map((e) => JSON.parse(e.data));
    expect(stream.map((d) => d.type)).toContain('tool-call-start');
    const after = json(
      await cohere('v2/chat', {
        messages: [
          { role: 'user', content: 'Rio' },
          { role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'weather', arguments: '{}' } }] },
          { role: 'tool', tool_call_id: 'c', content: [{ type: 'document', document: { data: '{"t":30}' } }] },
        ],
        tools,
      }),
    );
    expect(after.message.content[0].text).toMatch(/^Tool result: /);
  });

  it('v1/chat answers the legacy shape', async () => {
    const body = json(await cohere('v1/chat', { message: 'old' }));
    expect(body).toMatchObject({ text: 'Echo: old', finish_reason: 'COMPLETE' });
  });

  it('v2/embed answers float embeddings', async () => {
    const body = json(await cohere('v2/embed', { texts: ['a', 'b'], input_type: 'search_query', embedding_types: ['float'] }));
    expect(body.embeddings.float).toEqual([embeddingFor('a'), embeddingFor('b')]);
    expect(body.meta.billed_units.input_tokens).toBeGreaterThan(0);
  });

  it('v2/rerank scores by query word overlap, sorted, top_n honoured', async () => {
    const documents = ['green pear', 'red apple pie', 'apple'];
    const body = json(await cohere('v2/rerank', { query: 'Red apple', documents, top_n: 2, return_documents: true }));
    expect(body.results).toEqual([
      { index: 1, relevance_score: 1, document: { text: 'red apple pie' } },
      { index: 2, relevance_score: 0.5, document: { text: 'apple' } },
    ]);
    expect(rerankScores('Red apple', documents)).toEqual([
      { index: 1, relevance_score: 1 },
      { index: 2, relevance_score: 0.5 },
      { index: 0, relevance_score: 0 },
    ]);
  });

  it('answers errors as {message}', async () => {
    const response = await call({ provider: 'cohere', endpoint: 'v2/chat', body: { messages: [] }, headers: { authorization: '' } });
    expect(response.status).toBe(401);
    expect(json(response)).toMatchObject({ message: 'no api key supplied' });
  });
});
