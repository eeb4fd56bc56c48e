import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createUpstreams,
  echoText,
  embeddingFor,
  imagePngFor,
  parseMultipart,
  schemaInstance,
  speechFor,
  splitReply,
  tokenCount,
  transcriptFor,
} from '../../src/upstreams/index.js';
import { crc32, tableCrc32 } from '../../src/upstreams/binary.js';
import { call, json, text } from './helpers.js';

describe('deterministic helpers', () => {
  it('echoText and splitReply', () => {
    expect(echoText('hi')).toBe('Echo: hi');
    expect(splitReply('Echo: hello  world ')).toEqual(['Echo: ', 'hello  ', 'world ']);
    expect(splitReply('')).toEqual([]);
    expect(splitReply('abcdef', 4)).toEqual(['a', 'bc', 'd', 'ef']);
    expect(splitReply('ab', 4)).toEqual(['a', 'b', '.', '.']);
    expect(tokenCount('')).toBe(1);
    expect(tokenCount('12345678')).toBe(2);
  });

  it('embeddingFor is deterministic, distinct per text and unit length', () => {
    expect(embeddingFor('a')).toEqual(embeddingFor('a'));
    expect(embeddingFor('a')).not.toEqual(embeddingFor('b'));
    expect(embeddingFor('a')).toHaveLength(8);
    expect(embeddingFor('a', 1536)).toHaveLength(1536);
    const norm = Math.sqrt(embeddingFor('x', 32).reduce((s, v) => s + v * v, 0));
    expect(norm).toBeCloseTo(1, 10);
  });

  it('schemaInstance follows types, enums, formats, refs and bounds', () => {
    const schema = {
      type: 'object',
      properties: {
        s: { type: 'string' },
        n: { type: 'number', minimum: 5 },
        i: { type: 'integer', maximum: 0 },
        b: { type: 'boolean' },
        e: { enum: ['x', 'y'] },
        c: { const: 42 },
        d: { type: 'string', format: 'date-time' },
        short: { type: 'string', maxLength: 2 },
        nullable: { type: ['null', 'string'] },
        any: { anyOf: [{ type: 'null' }, { type: 'number' }] },
        arr: { type: 'array', items: { $ref: '#/$defs/item' }, minItems: 2 },
        tuple: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }] },
        all: { allOf: [{ type: 'object', properties: { p: { type: 'string' } } }, { type: 'object', properties: { q: { type: 'boolean' } } }] },
      },
      $defs: { item: { type: 'object', properties: { k: { type: 'string' } } } },
    };
    expect(schemaInstance(schema, 'hey')).toEqual({
      s: 'hey',
      n: 5,
      i: 0,
      b: true,
      e: 'x',
      c: 42,
      d: '2026-01-01T00:00:00Z',
      short: 'he',
      nullable: 'hey',
      any: 1,
      arr: [{ k: 'hey' }, { k: 'hey' }],
      tuple: ['hey', 1],
      all: { p: 'hey', q: true },
    });
    const recursive = { type: 'object', properties: { child: { $ref: '#' } } };
    expect(JSON.stringify(schemaInstance(recursive, 't')).length).toBeLessThan(1000);
  });

  it('imagePngFor is a valid PNG with correct chunk CRCs', () => {
    const png = imagePngFor('cat');
    expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset);
    const types: string[] = [];
    for (let offset = 8; offset < png.length; ) {
      const length = view.getUint32(offset);
      const type = new TextDecoder().decode(png.subarray(offset + 4, offset + 8));
      types.push(type);
      expect(view.getUint32(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
      offset += 12 + length;
    }
    expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(imagePngFor('cat')).toEqual(png);
    expect(imagePngFor('dog')).not.toEqual(png);
  });

  it('speech and transcription round-trip; other bytes get a digest', () => {
    for (const format of ['mp3', 'wav', 'pcm', 'opus']) expect(transcriptFor(speechFor('héllo wörld', format))).toBe('héllo wörld');
    expect(transcriptFor(new TextEncoder().encode('  plain text  '))).toBe('plain text');
    expect(transcriptFor(new Uint8Array([0, 1, 2]))).toMatch(/^Transcript of 3 bytes: [0-9a-f]{16}$/);
  });

  it('crc32 (zlib) and the table fallback give the CRC-32 check value and agree on any bytes', () => {
    const check = new TextEncoder().encode('123456789');
    expect([crc32(check), tableCrc32(check)]).toEqual([0xcbf43926, 0xcbf43926]);
    for (const size of [0, 1, 255, 4096]) {
      const bytes = randomBytes(size);
      expect(crc32(bytes), `size ${size}`).toBe(tableCrc32(bytes));
    }
  });

  it('parseMultipart reads fields and binary files', async () => {
    const enc = new TextEncoder();
    const file = new Uint8Array([0x0d, 0x0a, 0x2d, 0x2d, 0xff]);
    const body = new Uint8Array([
      ...enc.encode('--b\r\nContent-Disposition: form-data; name="model"\r\n\r\nwhisper-1\r\n'),
      ...enc.encode('--b\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'),
      ...file,
      ...enc.encode('\r\n--b--\r\n'),
    ]);
    const parts = await parseMultipart(body, 'multipart/form-data; boundary=b');
    expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
      ['model', undefined, undefined],
      ['file', 'a.bin', 'application/octet-stream'],
    ]);
    expect(parts[1]!.data).toEqual(file);
  });
});

describe('determinism under load', () => {
  it('1000 concurrent calls with distinct prompts each get their own echo', async () => {
    const upstreams = createUpstreams();
    const providers = ['openai', 'anthropic', 'google-ai-studio', 'groq'] as const;
    const responses = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => {
        const provider = providers[i % providers.length]!;
        const prompt = `prompt number ${i}`;
        const request: { endpoint: string; headers: Record<string, string>; body: unknown } =
          provider === 'anthropic'
            ? { endpoint: 'v1/messages', headers: { 'x-api-key': 'k' }, body: { model: 'c', max_tokens: 5, messages: [{ role: 'user', content: prompt }] } }
            : provider === 'google-ai-studio'
              ? { endpoint: 'v1beta/models/g:generateContent', headers: { 'x-goog-api-key': 'k' }, body: { contents: [{ role: 'user', parts: [{ text: prompt }] }] } }
              : { endpoint: 'chat/completions', headers: { authorization: 'Bearer k' }, body: { model: 'm', messages: [{ role: 'user', content: prompt }] } };
        return upstreams
          .handle({ provider, endpoint: request.endpoint, method: 'POST', headers: request.headers, body: new TextEncoder().encode(JSON.stringify(request.body)), byok: false, signal: new AbortController().signal })
          .then((response) => ({ i, provider, body: JSON.parse(text(response)) }));
      }),
    );
    for (const { i, provider, body } of responses) {
      const answer = provider === 'anthropic' ? body.content[0].text : provider === 'google-ai-studio' ? body.candidates[0].content.parts[0].text : body.choices[0].message.content;
      expect(answer).toBe(echoText(`prompt number ${i}`));
    }
  });

  it('identical requests get identical bodies', async () => {
    const request = { provider: 'openai', endpoint: 'v1/chat/completions', body: { model: 'm', messages: [{ role: 'user', content: 'same' }], tools: [{ type: 'function', function: { name: 't', parameters: {} } }] } };
    expect(json(await call(request))).toEqual(json(await call(request)));
  });
});

describe('custom providers', () => {
  it('answer custom-{slug} as an OpenAI-compatible service', async () => {
    const upstreams = createUpstreams();
    expect(upstreams.knows('custom-my-llm')).toBe(true);
    expect(upstreams.knows('custom-')).toBe(false);
    const response = await upstreams.handle({
      provider: 'custom-my-llm',
      endpoint: 'v1/chat/completions',
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: new TextEncoder().encode(JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'custom' }] })),
      byok: false,
      signal: new AbortController().signal,
    });
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body instanceof Uint8Array ? new TextDecoder().decode(response.body) : response.body)).toContain('Echo: custom');
  });
});
