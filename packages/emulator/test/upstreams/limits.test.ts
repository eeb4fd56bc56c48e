import { describe, expect, it } from 'vitest';
import { createUpstreams, DEFAULT_UPSTREAM_LIMITS, schemaInstance, splitReply, startEmulator, UpstreamLimitError, type UpstreamLimits } from '../../src/index.js';
import { fnv1a } from '../../src/upstreams/binary.js';
import { embeddingFor, embeddingsFor, MAX_WORD_DELTAS } from '../../src/upstreams/deterministic.js';

const limits = (overrides: Partial<UpstreamLimits>): UpstreamLimits => ({ ...DEFAULT_UPSTREAM_LIMITS, ...overrides });

/** The limit error `run` throws (fails when it throws something else, or nothing). */
function limitError(run: () => unknown): UpstreamLimitError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UpstreamLimitError);
    return error as UpstreamLimitError;
  }
  throw new Error('expected an UpstreamLimitError');
}

describe('schemaInstance bounds', () => {
  it('builds an array up to arrayItems, and refuses one item more', () => {
    const schema = { type: 'array', items: { type: 'integer' }, minItems: 5 };
    expect(schemaInstance(schema, 't', limits({ arrayItems: 5 }))).toEqual([1, 1, 1, 1, 1]);
    const error = limitError(() => schemaInstance({ ...schema, minItems: 6 }, 't', limits({ arrayItems: 5 })));
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/array of 6 items.*arrayItems 5/);
    expect(limitError(() => schemaInstance({ type: 'array', prefixItems: [{}, {}, {}] }, 't', limits({ arrayItems: 2 }))).status).toBe(413);
  });

  it('counts the size of every copy of a repeated element', () => {
    const schema = { type: 'array', items: { type: 'string' }, minItems: 100 };
    expect(schemaInstance(schema, 'x'.repeat(100), limits({ generatedChars: 20_000 }))).toHaveLength(100);
    expect(limitError(() => schemaInstance(schema, 'x'.repeat(100), limits({ generatedChars: 10_000 }))).message).toMatch(/larger than 10000 characters/);
  });

  it('refuses minLength past stringLength before padding', () => {
    expect(schemaInstance({ type: 'string', minLength: 10 }, 'ab', limits({ stringLength: 10 }))).toBe('ab........');
    expect(limitError(() => schemaInstance({ type: 'string', minLength: 11 }, 'ab', limits({ stringLength: 10 }))).status).toBe(413);
  });

  it('charges const and enum values copied from the schema', () => {
    const big = { const: { list: Array.from({ length: 1000 }, () => 'value') } };
    const schema = { type: 'object', properties: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`p${i}`, { $ref: '#/$defs/big' }])), $defs: { big } };
    expect(limitError(() => schemaInstance(schema, 't', limits({ generatedChars: 50_000 }))).status).toBe(413);
    expect(Object.keys(schemaInstance(schema, 't', limits({ generatedChars: 200_000 })) as object)).toHaveLength(10);
  });

  it('refuses a $ref cycle that never reaches an object or array (400), and cuts a recursive object short', () => {
    for (const schema of [{ $ref: '#' }, { allOf: [{ $ref: '#' }, { $ref: '#' }] }, { anyOf: [{ $ref: '#/$defs/a' }], $defs: { a: { $ref: '#' } } }]) {
      const error = limitError(() => schemaInstance(schema, 't'));
      expect(error.status).toBe(400);
      expect(error.message).toMatch(/leads back to itself/);
    }
    const tree = { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#' } } } };
    expect(JSON.stringify(schemaInstance(tree, 't'))).toMatch(/^\{"name":"t","children":\[\{"name":"t"/);
  });

  it('bounds nodes, $refs and nesting', () => {
    // Four children per level, about six levels before the depth cut: some 4⁶ objects.
    const fanOut = { $ref: '#/$defs/n', $defs: { n: { type: 'object', properties: Object.fromEntries(['a', 'b', 'c', 'd'].map((k) => [k, { $ref: '#/$defs/n' }])) } } };
    expect(() => schemaInstance(fanOut, 't')).not.toThrow();
    expect(limitError(() => schemaInstance(fanOut, 't', limits({ schemaNodes: 1000 }))).message).toMatch(/more than 1000 schema nodes/);
    expect(limitError(() => schemaInstance(fanOut, 't', limits({ schemaRefs: 100 }))).message).toMatch(/more than 100 \$refs/);
    let nested: unknown = { type: 'string' };
    for (let i = 0; i < 20; i++) nested = { anyOf: [nested] };
    expect(schemaInstance(nested, 't', limits({ schemaNesting: 21 }))).toBe('t');
    const deep = limitError(() => schemaInstance(nested, 't', limits({ schemaNesting: 20 })));
    expect(deep.status).toBe(400);
    expect(deep.message).toMatch(/nested more than 20 levels/);
  });
});

describe('embedding bounds', () => {
  it('embeddingFor hashes `${text}:${i}`, the text once', () => {
    const raw = Array.from({ length: 3 }, (_, i) => (fnv1a(`héllo:${i}`) / 0xffffffff) * 2 - 1);
    const norm = Math.sqrt(raw.reduce((sum, v) => sum + v * v, 0));
    expect(embeddingFor('héllo', 3)).toEqual(raw.map((v) => v / norm));
  });

  it('refuses more inputs, or more values in all, than the limits', () => {
    const inputs = (n: number, dimensions?: number) => Array.from({ length: n }, (_, i) => ({ text: `t${i}`, dimensions }));
    expect(embeddingsFor(inputs(4, 16), limits({ embeddingInputs: 4, embeddingValues: 64 }))).toHaveLength(4);
    expect(limitError(() => embeddingsFor(inputs(5, 1), limits({ embeddingInputs: 4 }))).message).toMatch(/5 embeddings.*embeddingInputs/);
    expect(limitError(() => embeddingsFor(inputs(4, 17), limits({ embeddingValues: 64 }))).message).toMatch(/68 embedding values.*embeddingValues/);
  });
});

describe('limits as options', () => {
  it('refuses a limit that is not a positive integer, or unknown, naming it', async () => {
    expect(() => createUpstreams({ limits: { arrayItems: 0 } })).toThrow(/upstreamOptions\.limits\.arrayItems must be a positive integer, got 0/);
    expect(() => createUpstreams({ limits: { schemaNodes: 1.5 } })).toThrow(RangeError);
    await expect(startEmulator({ upstreamOptions: { limits: { nope: 1 } as Partial<UpstreamLimits> } })).rejects.toThrow(/upstreamOptions\.limits\.nope: unknown limit; known: schemaNodes/);
  });

  it('a raised limit lets a larger answer through the gateway', async () => {
    const tool = { type: 'object', properties: { list: { type: 'array', items: { type: 'integer' }, minItems: 20_000 } } };
    const body = JSON.stringify([
      { provider: 'openai', endpoint: 'chat/completions', headers: { authorization: 'Bearer sk-limits' }, query: { model: 'gpt-5-mini', messages: [{ role: 'user', content: 'hi' }], tools: [{ type: 'function', function: { name: 'f', parameters: tool } }] } },
    ]);
    for (const [arrayItems, status] of [[undefined, 413], [20_000, 200]] as const) {
      const emu = await startEmulator(arrayItems === undefined ? {} : { upstreamOptions: { limits: { arrayItems } } });
      try {
        const res = await fetch(emu.gatewayURL(), { method: 'POST', body });
        expect(res.status).toBe(status);
        const answer = (await res.json()) as { choices?: { message: { tool_calls: { function: { arguments: string } }[] } }[] };
        if (status === 200) expect((JSON.parse(answer.choices![0]!.message.tool_calls[0]!.function.arguments) as { list: number[] }).list).toHaveLength(20_000);
        expect(emu.calls[0]).toMatchObject({ status, step: 0, stepsTried: [0] });
      } finally {
        await emu.close();
      }
    }
  });
});

describe('reply deltas', () => {
  it(`cuts a text of more than ${MAX_WORD_DELTAS} words into ${MAX_WORD_DELTAS} pieces`, () => {
    expect(splitReply('a '.repeat(MAX_WORD_DELTAS))).toHaveLength(MAX_WORD_DELTAS);
    const long = 'ab '.repeat(MAX_WORD_DELTAS + 1);
    const pieces = splitReply(long);
    expect(pieces).toHaveLength(MAX_WORD_DELTAS);
    expect(pieces.join('')).toBe(long);
  });
});
