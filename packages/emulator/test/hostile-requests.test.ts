import { afterEach, describe, expect, it } from 'vitest';
import { startCliChild, type CliChild } from './helpers/cli-child.js';

/**
 * One request must not take the emulator down: each hostile request below is sent to a CLI
 * emulator in its own child process with a small heap (an unbounded case would crash it with
 * "heap out of memory" rather than eat the machine). It gets the gateway's envelope (400/413,
 * code 2005) or, when the work is cheap anyway or within the default limits, its usual answer;
 * afterwards the same child is alive and answers a plain chat completion.
 */
const HEAP_MB = 256;
const GATEWAY = 'hostile-gw';
let emu: CliChild | undefined;

afterEach(() => {
  emu?.kill();
  emu = undefined;
});

type Json = Record<string, unknown>;

const chatQuery = (extra: Json = {}, content = 'hostile') => ({ model: 'gpt-5-mini', messages: [{ role: 'user', content }], ...extra });
const withTool = (parameters: unknown) => ({ tools: [{ type: 'function', function: { name: 'f', parameters } }], tool_choice: 'required' });
const withSchema = (schema: unknown) => ({ response_format: { type: 'json_schema', json_schema: { name: 'out', schema } } });
const openai = (endpoint: string, query: unknown) => ({ path: '', body: [{ provider: 'openai', endpoint, headers: { authorization: 'Bearer sk-hostile' }, query }] });

/**
 * A chat request whose tool schema is `{ anyOf: [{ anyOf: [ ... { type: 'string' } ] }] }` (or
 * arrays of arrays), `depth` levels, for the universal endpoint or (`native`) the provider's own
 * path: written as JSON text, since JSON.stringify itself overflows the stack on such nesting.
 */
function nestedToolRequest(key: 'anyOf' | 'items', depth: number, native = false): string {
  const open = key === 'anyOf' ? '{"anyOf":[' : '{"type":"array","items":';
  const close = key === 'anyOf' ? ']}' : '}';
  const schema = `${open.repeat(depth)}{"type":"string"}${close.repeat(depth)}`;
  const parameters = key === 'anyOf' ? schema : `{"type":"object","properties":{"a":${schema}}}`;
  const request = openai('chat/completions', chatQuery(withTool('NESTED')));
  return JSON.stringify(native ? request.body[0]!.query : request.body).replace('"NESTED"', parameters);
}

/** A self-referencing definition whose every property refers back to it: 10 children per level. */
const fanOut = {
  $ref: '#/$defs/node',
  $defs: { node: { type: 'object', properties: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`p${i}`, { $ref: '#/$defs/node' }])) } },
};

interface Case {
  name: string;
  /** `body` is sent as JSON, or as it is when it is a string. */
  request: { path: string; body: unknown; headers?: Record<string, string> };
  status: number;
  /** The envelope's message (for 400/413), or a check of the answer's text (for 200). */
  expect: RegExp;
}

const refused: Case[] = [
  { name: 'a tool schema with minItems: 1e9', request: openai('chat/completions', chatQuery(withTool({ type: 'object', properties: { list: { type: 'array', items: { type: 'string' }, minItems: 1e9 } } }))), status: 413, expect: /array of 1000000000 items.*arrayItems/ },
  { name: "{ allOf: [10 × { $ref: '#' }] }", request: openai('chat/completions', chatQuery(withTool({ allOf: Array.from({ length: 10 }, () => ({ $ref: '#' })) }))), status: 400, expect: /\$ref '#' leads back to itself/ },
  {
    name: "an object whose property is { allOf: [10 × { $ref: '#' }] }",
    request: openai('chat/completions', chatQuery(withTool({ type: 'object', properties: { next: { allOf: Array.from({ length: 10 }, () => ({ $ref: '#' })) } } }))),
    status: 413,
    expect: /more than \d+ (schema nodes|\$refs)/,
  },
  { name: 'a fan-out of $ref properties (structured output)', request: openai('chat/completions', chatQuery(withSchema(fanOut))), status: 413, expect: /more than \d+ (schema nodes|\$refs)/ },
  { name: 'a string with minLength: 1e9', request: openai('chat/completions', chatQuery(withTool({ type: 'object', properties: { s: { type: 'string', minLength: 1e9 } } }))), status: 413, expect: /string of at least 1000000000 characters/ },
  { name: 'a universal body nested 10 000 levels deep', request: { path: '', body: nestedToolRequest('anyOf', 10_000) }, status: 400, expect: /request body is nested more than 512 levels deep/ },
  {
    name: 'a provider-native body nested 10 000 levels deep',
    request: { path: '/openai/v1/chat/completions', headers: { authorization: 'Bearer sk-hostile' }, body: nestedToolRequest('items', 10_000, true) },
    status: 400,
    expect: /request body is nested more than 512 levels deep/,
  },
  { name: 'anyOf nested 200 levels deep', request: { path: '', body: nestedToolRequest('anyOf', 200) }, status: 400, expect: /schema is nested more than 128 levels deep/ },
  {
    name: 'a 2 MB prompt copied into 100 string properties',
    request: openai('chat/completions', chatQuery(withTool({ type: 'object', properties: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`s${i}`, { type: 'string' }])) }), 'x'.repeat(2 * 1024 * 1024))),
    status: 413,
    expect: /larger than \d+ characters of JSON/,
  },
  { name: '10⁶ embedding inputs at 8192 dimensions', request: openai('embeddings', { model: 'text-embedding-3-small', input: Array.from({ length: 1_000_000 }, () => 'x'), dimensions: 8192 }), status: 413, expect: /1000000 embeddings.*embeddingInputs/ },
  { name: '2048 embedding inputs at 8192 dimensions', request: openai('embeddings', { model: 'text-embedding-3-small', input: Array.from({ length: 2048 }, (_, i) => `t${i}`), dimensions: 8192 }), status: 413, expect: /16777216 embedding values.*embeddingValues/ },
  {
    name: 'Gemini structured output with minItems: 1e9 (provider-native path)',
    request: {
      path: '/google-ai-studio/v1beta/models/gemini-2.5-flash:generateContent',
      headers: { 'x-goog-api-key': 'g-hostile' },
      body: { contents: [{ role: 'user', parts: [{ text: 'hi' }] }], generationConfig: { responseMimeType: 'application/json', responseSchema: { type: 'ARRAY', items: { type: 'STRING' }, minItems: 1e9 } } },
    },
    status: 413,
    expect: /array of 1000000000 items/,
  },
  {
    name: '5000 Gemini batch embedding requests',
    request: {
      path: '/google-ai-studio/v1beta/models/gemini-embedding-001:batchEmbedContents',
      headers: { 'x-goog-api-key': 'g-hostile' },
      body: { requests: Array.from({ length: 5000 }, (_, i) => ({ model: 'models/gemini-embedding-001', content: { parts: [{ text: `t${i}` }] } })) },
    },
    status: 413,
    expect: /5000 embeddings/,
  },
];

const cheap: Case[] = [
  {
    name: 'embeddings at the default limit (2048 inputs × 1024 dimensions)',
    request: openai('embeddings', { model: 'text-embedding-3-small', input: Array.from({ length: 2048 }, (_, i) => `t${i}`), dimensions: 1024 }),
    status: 200,
    expect: /"index":2047/,
  },
  {
    name: 'tool arguments at the default size limit (10 000 copies of an 800-character prompt)',
    request: openai('chat/completions', chatQuery(withTool({ type: 'object', properties: { l: { type: 'array', items: { type: 'string' }, minItems: 10_000 } } }), 'x'.repeat(800))),
    status: 200,
    expect: /tool_calls/,
  },
  {
    name: 'a multipart upload whose 30 000-dash boundary almost matches 5 MB of dashes',
    request: {
      path: '/openai/v1/audio/transcriptions',
      headers: { authorization: 'Bearer sk-hostile', 'content-type': `multipart/form-data; boundary=${'-'.repeat(30_000)}x` },
      body: '-'.repeat(5 * 1024 * 1024),
    },
    status: 400,
    expect: /Missing required parameter: 'file'/,
  },
  {
    name: 'a prompt of 5·10⁵ injected-schema markers',
    request: openai('chat/completions', chatQuery({}, `${'JSON schema: {'.repeat(500_000)} You MUST answer with JSON.`)),
    status: 200,
    expect: /\{\\"text\\":\\"Echo: JSON schema: \{/,
  },
  { name: 'a streamed 20 MB prompt of 7·10⁶ words', request: openai('chat/completions', chatQuery({ stream: true }, 'ab '.repeat(7_000_000))), status: 200, expect: /data: \[DONE\]/ },
  { name: 'an enum of 10⁶ values', request: openai('chat/completions', chatQuery(withTool({ type: 'object', properties: { e: { enum: Array.from({ length: 1_000_000 }, (_, i) => `v${i}`) } } }))), status: 200, expect: /\\"e\\":\\"v0\\"/ },
  { name: 'items nested 500 levels deep', request: { path: '', body: nestedToolRequest('items', 500) }, status: 200, expect: /tool_calls/ },
  {
    name: '10⁴ patternProperties',
    request: openai('chat/completions', chatQuery(withTool({ type: 'object', patternProperties: Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`^p${i}$`, fanOut])) }))),
    status: 200,
    expect: /"arguments":"\{\}"/,
  },
];

async function send(base: string, request: Case['request']): Promise<Response> {
  return fetch(`${base}/emulator-account/${GATEWAY}${request.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...request.headers },
    body: typeof request.body === 'string' ? request.body : JSON.stringify(request.body),
  });
}

async function expectAlive(child: CliChild): Promise<void> {
  const res = await send(child.baseURL, openai('chat/completions', chatQuery({}, 'still alive')));
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('Echo: still alive');
  expect(child.child.exitCode, child.stderr()).toBeNull();
  expect(child.child.signalCode, child.stderr()).toBeNull();
}

describe(`hostile requests to a CLI emulator with a ${HEAP_MB} MB heap`, () => {
  it.each(refused)('$name → $status with the gateway envelope, and the emulator lives on', async ({ request, status, expect: message }) => {
    emu = await startCliChild({ nodeArgs: [`--max-old-space-size=${HEAP_MB}`], args: ['--gateway', GATEWAY] });
    const crashed = emu.exited.then((code) => new Error(`the emulator exited (${String(code)}): ${emu?.stderr() ?? ''}`));
    const res = await Promise.race([send(emu.baseURL, request), crashed.then((error) => Promise.reject(error))]);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cf-aig-step')).toBe('0');
    const body = (await res.json()) as { success: boolean; error: { code: number; message: string }[]; name: string; httpCode: number; internalCode: number };
    expect(body).toMatchObject({ success: false, name: 'AiGatewayError', httpCode: status, internalCode: 2005 });
    expect(body.error[0]!.code).toBe(2005);
    expect(body.error[0]!.message).toMatch(message);
    expect(await emu.waitForLine(new RegExp(`status=${status} .* error=2005$`))).toMatch(/^POST \/v1\/emulator-account\/hostile-gw/);
    await expectAlive(emu);
  });

  it.each(cheap)('$name is answered as usual, and the emulator lives on', async ({ request, status, expect: pattern }) => {
    emu = await startCliChild({ nodeArgs: [`--max-old-space-size=${HEAP_MB}`], args: ['--gateway', GATEWAY] });
    const crashed = emu.exited.then((code) => new Error(`the emulator exited (${String(code)}): ${emu?.stderr() ?? ''}`));
    const res = await Promise.race([send(emu.baseURL, request), crashed.then((error) => Promise.reject(error))]);
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBe(status);
    expect(text).toMatch(pattern);
    await expectAlive(emu);
  });
});

describe('the CLI --limit option', () => {
  const list = (minItems: number) => openai('chat/completions', chatQuery(withTool({ type: 'object', properties: { l: { type: 'array', items: { type: 'integer' }, minItems } } })));

  it('sets a bound', async () => {
    emu = await startCliChild({ args: ['--gateway', GATEWAY, '--limit', 'arrayItems=5'] });
    const within = await send(emu.baseURL, list(5));
    expect(within.status).toBe(200);
    expect(await within.text()).toContain('[1,1,1,1,1]');
    const past = await send(emu.baseURL, list(6));
    expect(past.status).toBe(413);
    expect(await past.text()).toMatch(/array of 6 items .*limit arrayItems 5/);
  });

  it('refuses a limit that is not a positive integer, naming it', async () => {
    await expect(startCliChild({ args: ['--limit', 'arrayItems=0'] })).rejects.toThrow(/limits\.arrayItems must be a positive integer, got 0/);
    await expect(startCliChild({ args: ['--limit', 'arrayItems'] })).rejects.toThrow(/--limit: expected name=value, got arrayItems/);
  });
});
