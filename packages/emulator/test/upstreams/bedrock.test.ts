import { describe, expect, it } from 'vitest';
import { decodeEventStream, encodeEventStreamMessage } from '../../src/upstreams/index.js';
import { crc32 } from '../../src/upstreams/binary.js';
import { binaryEvents, call, json, weatherArgs, weatherTool } from './helpers.js';

const model = 'anthropic.claude-3-haiku-20240307-v1:0';
const converse = (op: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
  call({ provider: 'aws-bedrock', endpoint: `bedrock-runtime/us-east-1/model/${encodeURIComponent(model)}/${op}`, body, headers });
const user = (text: string) => ({ role: 'user', content: [{ text }] });

function decodeAll(items: Uint8Array[]) {
  return items.map((item) => {
    const messages = decodeEventStream(item);
    expect(messages).toHaveLength(1);
    const message = messages[0]!;
    expect(message.headers[':message-type']).toBe('event');
    expect(message.headers[':content-type']).toBe('application/json');
    return { type: message.headers[':event-type'], data: JSON.parse(new TextDecoder().decode(message.payload)) };
  });
}

describe('aws bedrock converse', () => {
  it('answers JSON with output.message, stopReason and usage', async () => {
    const response = await converse('converse', { messages: [user('hi')], system: [{ text: 's' }] });
    expect(json(response)).toMatchObject({
      output: { message: { role: 'assistant', content: [{ text: 'Echo: hi' }] } },
      stopReason: 'end_turn',
      usage: { inputTokens: expect.any(Number), outputTokens: expect.any(Number), totalTokens: expect.any(Number) },
    });
  });

  it('streams AWS event-stream messages, one per item, with valid CRCs', async () => {
    const response = await converse('converse-stream', { messages: [user('a b')] });
    expect(response.headers['content-type']).toBe('application/vnd.amazon.eventstream');
    const decoded = decodeAll(await binaryEvents(response));
    expect(decoded.map((e) => e.type)).toEqual([
      'messageStart',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockStop',
      'messageStop',
      'metadata',
    ]);
    expect(decoded.filter((e) => e.type === 'contentBlockDelta').map((e) => e.data.delta.text).join('')).toBe('Echo: a b');
    expect(decoded[5]!.data).toEqual({ stopReason: 'end_turn' });
    expect(decoded[6]!.data.usage.outputTokens).toBeGreaterThan(0);
  });

  it('calls tools (JSON and stream) and reads toolResult', async () => {
    const toolConfig = { tools: [{ toolSpec: { name: 'weather', inputSchema: { json: weatherTool } } }] };
    const body = json(await converse('converse', { messages: [user('Kyiv')], toolConfig }));
    expect(body.stopReason).toBe('tool_use');
    expect(body.output.message.content[0].toolUse).toMatchObject({ name: 'weather', input: weatherArgs('Kyiv') });
    const decoded = decodeAll(await binaryEvents(await converse('converse-stream', { messages: [user('Kyiv')], toolConfig })));
    expect(decoded[1]).toMatchObject({ type: 'contentBlockStart', data: { start: { toolUse: { name: 'weather' } } } });
    const input = decoded.filter((e) => e.type === 'contentBlockDelta').map((e) => e.data.delta.toolUse.input).join('');
    expect(JSON.parse(input)).toEqual(weatherArgs('Kyiv'));
    const after = json(
      await converse('converse', {
        messages: [
          user('Kyiv'),
          { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'weather', input: {} } }] },
          { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ json: { t: 3 } }] } }] },
        ],
        toolConfig,
      }),
    );
    expect(after.output.message.content[0].text).toBe('Tool result: {"t":3}');
  });

  it('answers output_config.format with JSON', async () => {
    const body = json(
      await converse('converse', {
        messages: [user('Eve')],
        additionalModelRequestFields: { output_config: { format: { type: 'json_schema', schema: { type: 'object', properties: { n: { type: 'string' } } } } } },
      }),
    );
    expect(JSON.parse(body.output.message.content[0].text)).toEqual({ n: 'Eve' });
  });

  it('invoke and invoke-with-response-stream speak Anthropic for Claude models', async () => {
    const body = { anthropic_version: 'bedrock-2023-05-31', max_tokens: 10, messages: [{ role: 'user', content: 'c' }] };
    expect(json(await converse('invoke', body))).toMatchObject({ type: 'message', model, content: [{ text: 'Echo: c' }] });
    const decoded = decodeEventStream((await binaryEvents(await converse('invoke-with-response-stream', body))).reduce((a, b) => new Uint8Array([...a, ...b])));
    const chunks = decoded.map((m) => JSON.parse(atob(JSON.parse(new TextDecoder().decode(m.payload)).bytes)));
    expect(decoded[0]!.headers[':event-type']).toBe('chunk');
    expect(chunks[0].type).toBe('message_start');
    expect(chunks.at(-1).type).toBe('message_stop');
  });

  it('serves bedrock-mantle Anthropic messages', async () => {
    const response = await call({ provider: 'aws-bedrock', endpoint: 'bedrock-mantle/us-east-1/anthropic/v1/messages', body: { model: 'claude', max_tokens: 5, messages: [{ role: 'user', content: 'm' }] } });
    expect(json(response).content[0].text).toBe('Echo: m');
  });

  it('accepts SigV4 or Bearer API keys and answers Bedrock errors', async () => {
    expect((await converse('converse', { messages: [user('x')] }, { authorization: 'Bearer bedrock-key' })).status).toBe(200);
    const denied = await converse('converse', { messages: [user('x')] }, { authorization: '' });
    expect(denied.status).toBe(401);
    expect(json(denied)).toEqual({ message: 'Missing Authentication Token' });
    expect(denied.headers['x-amzn-errortype']).toMatch(/^UnrecognizedClientException/);
    const throttled = await converse('converse', { messages: [user('x')] }, { 'x-emulator-reply': '{"status":429,"error":"Too many requests"}' });
    expect(throttled.headers['x-amzn-errortype']).toMatch(/^ThrottlingException/);
  });

  it('round-trips the event-stream encoding', () => {
    const message = encodeEventStreamMessage({ ':event-type': 'x' }, new Uint8Array([1, 2, 3]));
    const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
    expect(view.getUint32(0)).toBe(message.length);
    // Both CRCs, checked with zlib's CRC-32 rather than the codec's own.
    expect(view.getUint32(8)).toBe(crc32(message.subarray(0, 8)));
    expect(view.getUint32(message.length - 4)).toBe(crc32(message.subarray(0, message.length - 4)));
    expect(decodeEventStream(message)).toEqual([{ headers: { ':event-type': 'x' }, payload: new Uint8Array([1, 2, 3]) }]);
    const corrupt = message.slice();
    corrupt[corrupt.length - 5] = corrupt[corrupt.length - 5]! ^ 0xff;
    expect(() => decodeEventStream(corrupt)).toThrow(/checksum/);
  });
});
