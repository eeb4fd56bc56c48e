import { describe, expect, it } from 'vitest';
import { call, events, json, parseSse, weatherArgs, weatherTool } from './helpers.js';

const messages = (body: Record<string, unknown>, headers?: Record<string, string>) =>
  call({ provider: 'anthropic', endpoint: 'v1/messages', body: { model: 'claude-sonnet-4-5', max_tokens: 100, ...body }, headers });

describe('anthropic messages', () => {
  it('answers JSON with text content and usage', async () => {
    const body = json(await messages({ system: 'sys', messages: [{ role: 'user', content: 'hello' }] }));
    expect(body).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [{ type: 'text', text: 'Echo: hello' }],
      stop_reason: 'end_turn',
      usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number) },
    });
    expect(body.id).toMatch(/^msg_/);
  });

  it('streams message_start … message_stop with event: lines', async () => {
    const items = await events(await messages({ messages: [{ role: 'user', content: [{ type: 'text', text: 'a b' }] }], stream: true }));
    const parsed = parseSse(items);
    expect(parsed.map((e) => e.event)).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const data = parsed.map((e) => JSON.parse(e.data));
    expect(data.map((d) => d.type)).toEqual(parsed.map((e) => e.event));
    expect(data.filter((d) => d.type === 'content_block_delta').map((d) => d.delta.text).join('')).toBe('Echo: a b');
    expect(data[7]).toMatchObject({ delta: { stop_reason: 'end_turn' }, usage: { output_tokens: expect.any(Number) } });
  });

  it('answers with tool_use and streams input_json_delta', async () => {
    const tools = [{ name: 'weather', description: 'w', input_schema: weatherTool }];
    const body = json(await messages({ messages: [{ role: 'user', content: 'Oslo' }], tools }));
    expect(body.stop_reason).toBe('tool_use');
    expect(body.content[0]).toMatchObject({ type: 'tool_use', name: 'weather', input: weatherArgs('Oslo') });
    expect(body.content[0].id).toMatch(/^toolu_/);
    const data = parseSse(await events(await messages({ messages: [{ role: 'user', content: 'Oslo' }], tools, stream: true }))).map((e) => JSON.parse(e.data));
    expect(data[2].content_block).toMatchObject({ type: 'tool_use', name: 'weather', input: {} });
    const partial = data.filter((d) => d.delta?.type === 'input_json_delta').map((d) => d.delta.partial_json).join('');
    expect(JSON.parse(partial)).toEqual(weatherArgs('Oslo'));
  });

  it('answers a tool_result with its text', async () => {
    const body = json(
      await messages({
        messages: [
          { role: 'user', content: 'Oslo' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'weather', input: {} }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'cold' }] }] },
        ],
        tools: [{ name: 'weather', input_schema: weatherTool }],
      }),
    );
    expect(body.content).toEqual([{ type: 'text', text: 'Tool result: cold' }]);
  });

  it('honours tool_choice none and tool', async () => {
    const tools = [
      { name: 'weather', input_schema: weatherTool },
      { name: 'other', input_schema: { type: 'object', properties: { q: { type: 'string' } } } },
    ];
    const none = json(await messages({ messages: [{ role: 'user', content: 'q' }], tools, tool_choice: { type: 'none' } }));
    expect(none.content[0].text).toBe('Echo: q');
    const other = json(await messages({ messages: [{ role: 'user', content: 'q' }], tools, tool_choice: { type: 'tool', name: 'other' } }));
    expect(other.content[0]).toMatchObject({ name: 'other', input: { q: 'q' } });
  });

  it('answers output_config.format (and the older output_format) with JSON text', async () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    const config = json(await messages({ messages: [{ role: 'user', content: 'Rome' }], output_config: { format: { type: 'json_schema', schema } } }));
    expect(JSON.parse(config.content[0].text)).toEqual({ city: 'Rome' });
    const legacy = json(await messages({ messages: [{ role: 'user', content: 'Rome' }], output_format: { type: 'json_schema', schema } }));
    expect(JSON.parse(legacy.content[0].text)).toEqual({ city: 'Rome' });
  });

  it('answers the json tool after a tool result', async () => {
    const body = json(
      await messages({
        messages: [
          { role: 'user', content: 'Rome' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'weather', input: {} }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'hot' }] },
        ],
        tools: [
          { name: 'weather', input_schema: weatherTool },
          { name: 'json', input_schema: { type: 'object', properties: { v: { type: 'string' } } } },
        ],
        tool_choice: { type: 'any' },
      }),
    );
    expect(body.content[0]).toMatchObject({ type: 'tool_use', name: 'json', input: { v: 'Rome' } });
  });

  it('counts tokens', async () => {
    const body = json(await call({ provider: 'anthropic', endpoint: 'v1/messages/count_tokens', body: { model: 'm', messages: [{ role: 'user', content: 'abcdefgh' }] } }));
    expect(body.input_tokens).toBeGreaterThan(0);
  });

  it('answers errors in its own format', async () => {
    const response = await messages({ messages: [{ role: 'user', content: 'x' }] }, { 'x-emulator-reply': '{"status":529}' });
    expect(response.status).toBe(529);
    expect(json(response)).toMatchObject({ type: 'error', error: { type: 'overloaded_error', message: 'Scripted error 529' } });
    const missing = await messages({});
    expect(json(missing)).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });
});
