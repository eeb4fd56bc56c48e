import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROUTING_REASONS } from '../src/index.js';
import { OPENAI_KEY, post, startHarness, step, type Harness } from './helpers/harness.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const POOL = ['workers-ai/@cf/meta/llama-3.1-8b-instruct', 'openai/gpt-5-mini', 'anthropic/claude-sonnet-4-5', 'anthropic/claude-opus-4-1'];

let emu: Harness;
let clock = 1_800_000_000_000;
let received: { url: string; headers: IncomingMessage['headers']; body: string }[] = [];
let customServer: Server;
let customURL: string;

beforeAll(async () => {
  // A custom provider's own server: an OpenAI-compatible answer naming what it received.
  customServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      received.push({ url: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json', 'x-custom-server': 'yes' });
      res.end(JSON.stringify({ id: 'c1', object: 'chat.completion', model: (JSON.parse(body) as { model: string }).model, choices: [] }));
    });
  });
  await new Promise<void>((resolve) => customServer.listen(0, '127.0.0.1', resolve));
  customURL = `http://127.0.0.1:${(customServer.address() as AddressInfo).port}/api/v1`;
  emu = await startHarness({
    now: () => clock,
    gateways: {
      gw: { autoRouter: { pool: POOL, fallbackModel: 'openai/gpt-5-mini' } },
      down: { autoRouter: { pool: POOL, unavailable: ['workers-ai/@cf/meta/llama-3.1-8b-instruct'] } },
      plain: {},
      cached: { cacheTtl: 10 },
    },
    customProviders: { acme: {}, remote: { baseURL: customURL } },
  });
});
afterAll(async () => {
  await emu.close();
  await new Promise((resolve) => customServer.close(resolve));
});
beforeEach(() => {
  emu.reset();
  emu.fake.seen.length = 0;
  received = [];
});

const auto = (messages: unknown[] = [{ role: 'user', content: 'hi' }]) => ({ model: 'cloudflare/auto', messages });
const compat = (gateway: string, body: unknown, headers: Record<string, string> = {}) => post(`${emu.gatewayURL(gateway)}/compat/chat/completions`, body, { ...OPENAI_KEY, ...headers });
const routing = (res: Response) => ({ model: res.headers.get('cf-aig-routed-model'), reason: res.headers.get('cf-aig-routing-reason') });

describe('ids', () => {
  it('sends one UUIDv7 as the log, event and request id of a single step', async () => {
    const res = await post(emu.gatewayURL('plain'), [step()]);
    const logId = res.headers.get('cf-aig-log-id');
    expect(logId).toMatch(UUID_V7);
    expect(res.headers.get('cf-aig-event-id')).toBe(logId);
    expect(res.headers.get('cf-aig-request-id')).toBe(logId);
    expect(emu.logs[0]!.id).toBe(logId);
    // The time is in the first 48 bits.
    expect(parseInt(logId!.replace(/-/g, '').slice(0, 12), 16)).toBe(clock);
  });

  it('keeps the caller’s event id, and sends ULIDs when asked', async () => {
    const own = await post(emu.gatewayURL('plain'), [step()], { 'cf-aig-event-id': 'my-event' });
    expect(own.headers.get('cf-aig-event-id')).toBe('my-event');
    expect(own.headers.get('cf-aig-request-id')).toBe(own.headers.get('cf-aig-log-id'));
    const old = await post(emu.gatewayURL('plain'), [step()], { 'x-emulator-ids': 'ulid' });
    expect(old.headers.get('cf-aig-log-id')).toMatch(ULID);
    expect(old.headers.get('cf-aig-request-id')).not.toBe(old.headers.get('cf-aig-log-id'));
    // The log API finds both kinds.
    for (const res of [own, old]) expect((await fetch(`${emu.gatewayURL('plain')}/logs/${res.headers.get('cf-aig-log-id')}`)).status).toBe(200);
    const bad = await post(emu.gatewayURL('plain'), [step()], { 'x-emulator-ids': 'uuidv4' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('x-emulator-ids');
  });
});

describe('Auto Router', () => {
  it('routes cloudflare/auto to the cheapest candidate, deterministically, and says why', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await compat('gw', auto());
      expect(res.status).toBe(200);
      expect(routing(res)).toEqual({ model: 'workers-ai/@cf/meta/llama-3.1-8b-instruct', reason: 'cost_optimal_within_pool' });
      expect(res.headers.get('cf-aig-routing-decision-id')).toMatch(UUID_V7);
    }
    const seen = emu.fake.seen.at(-1)!;
    expect(seen.provider).toBe('compat');
    expect(seen.headers['x-emulator-compat-provider']).toBe('workers-ai');
    expect(JSON.parse(seen.body).model).toBe('@cf/meta/llama-3.1-8b-instruct');
    expect(emu.calls.at(-1)!.routing).toMatchObject([{ step: 0, model: 'workers-ai/@cf/meta/llama-3.1-8b-instruct', reason: 'cost_optimal_within_pool', candidates: POOL }]);
    expect(emu.logs.at(-1)!.model).toBe('@cf/meta/llama-3.1-8b-instruct');
  });

  it('narrows the candidates with cf-aig-allowed-models and cf-aig-allowed-providers', async () => {
    expect(routing(await compat('gw', auto(), { 'cf-aig-allowed-providers': 'openai,anthropic' }))).toEqual({ model: 'openai/gpt-5-mini', reason: 'cost_optimal_within_pool' });
    expect(routing(await compat('gw', auto(), { 'cf-aig-allowed-models': 'anthropic/*' }))).toEqual({ model: 'anthropic/claude-sonnet-4-5', reason: 'cost_optimal_within_pool' });
    expect(routing(await compat('gw', auto(), { 'cf-aig-allowed-models': 'anthropic/*-opus-*' }))).toEqual({ model: 'anthropic/claude-opus-4-1', reason: 'forced_by_candidate_pool' });
    // With both headers a model must match both.
    expect(routing(await compat('gw', auto(), { 'cf-aig-allowed-models': 'openai/*,anthropic/claude-opus-4-1', 'cf-aig-allowed-providers': 'anthropic' }))).toEqual({
      model: 'anthropic/claude-opus-4-1',
      reason: 'forced_by_candidate_pool',
    });
  });

  it('answers 400 for an entry that matches no model; * does not match /', async () => {
    const refused: Record<string, string>[] = [
      { 'cf-aig-allowed-models': 'workers-ai/*' },
      { 'cf-aig-allowed-models': 'openai/gpt-5-mini,mistral/*' },
      { 'cf-aig-allowed-providers': 'groq' },
      { 'cf-aig-allowed-models': 'openai/*,' },
      { 'cf-aig-allowed-models': 'openai/*', 'cf-aig-allowed-providers': 'anthropic' },
    ];
    for (const headers of refused) {
      const res = await compat('gw', auto(), headers);
      expect(res.status, JSON.stringify(headers)).toBe(400);
      expect(await res.text()).toContain('Auto Router');
    }
    expect(routing(await compat('gw', auto(), { 'cf-aig-allowed-models': 'workers-ai/@cf/*/*' })).model).toBe('workers-ai/@cf/meta/llama-3.1-8b-instruct');
    expect(emu.fake.seen).toHaveLength(1);
  });

  it('keeps a session on its model for the whole turn', async () => {
    const session = { 'cf-aig-session-id': 's-1' };
    const first = [{ role: 'user', content: 'plan a trip' }];
    expect(routing(await compat('gw', auto(first), { ...session, 'x-emulator-auto-router': '{"pick":"anthropic/claude-sonnet-4-5"}' }))).toEqual({
      model: 'anthropic/claude-sonnet-4-5',
      reason: 'cost_optimal_within_pool',
    });
    // A tool loop stays in the turn (one user message): pinned.
    const loop = [...first, { role: 'assistant', content: null, tool_calls: [] }, { role: 'tool', content: 'x', tool_call_id: 't' }];
    expect(routing(await compat('gw', auto(loop), session))).toEqual({ model: 'anthropic/claude-sonnet-4-5', reason: 'pinned_by_turn' });
    // Another session, or no affinity, is routed anew.
    expect(routing(await compat('gw', auto(loop), { 'cf-aig-session-id': 's-2' })).reason).toBe('cost_optimal_within_pool');
    expect(routing(await compat('gw', auto(loop), { ...session, 'cf-aig-no-session-affinity': 'true' })).reason).toBe('cost_optimal_within_pool');
    // A new user message is a new turn.
    const next = [...loop, { role: 'user', content: 'and hotels?' }];
    expect(routing(await compat('gw', auto(next), session))).toEqual({ model: 'workers-ai/@cf/meta/llama-3.1-8b-instruct', reason: 'cost_optimal_within_pool' });
    // cf-aig-turn-id overrides the detection.
    await compat('gw', auto(first), { ...session, 'cf-aig-turn-id': 't-9', 'x-emulator-auto-router': '{"pick":"openai/gpt-5-mini"}' });
    expect(routing(await compat('gw', auto(next), { ...session, 'cf-aig-turn-id': 't-9' }))).toEqual({ model: 'openai/gpt-5-mini', reason: 'pinned_by_turn' });
  });

  it('reaches every fallback reason', async () => {
    const control = (value: object) => ({ 'x-emulator-auto-router': JSON.stringify(value) });
    const image = [{ role: 'user', content: [{ type: 'text', text: 'what is it?' }, { type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }];
    const cases: [Response, string, string][] = [
      [await compat('down', auto()), 'openai/gpt-5-mini', 'fallback_candidate_unavailable'],
      [await compat('gw', auto(), control({ unavailable: ['workers-ai/@cf/meta/llama-3.1-8b-instruct', 'openai/gpt-5-mini'] })), 'anthropic/claude-sonnet-4-5', 'fallback_candidate_unavailable'],
      [await compat('gw', auto(), control({ pick: 'groq/llama-3' })), 'openai/gpt-5-mini', 'fallback_key_not_in_candidates'],
      [await compat('gw', auto(), control({ routerError: true })), 'openai/gpt-5-mini', 'fallback_router_error'],
      [await compat('gw', auto(), control({ routerTimeout: true })), 'openai/gpt-5-mini', 'fallback_router_timeout'],
      [await compat('gw', auto(image)), 'openai/gpt-5-mini', 'fallback_unsupported_input'],
    ];
    for (const [res, model, reason] of cases) expect(routing(res)).toEqual({ model, reason });
    const reached = new Set(emu.calls.flatMap((c) => c.routing ?? []).map((r) => r.reason));
    expect(ROUTING_REASONS.filter((r) => r.startsWith('fallback_')).every((r) => reached.has(r))).toBe(true);
    expect((await compat('gw', auto(), control({ bogus: 1 }))).status).toBe(400);
  });

  it('routes a cloudflare/auto step of a fallback chain', async () => {
    const failing = step({}, { 'x-fake-status': '503' });
    const autoStep = { provider: 'compat', endpoint: 'chat/completions', headers: { ...OPENAI_KEY, 'cf-aig-allowed-providers': 'anthropic' }, query: auto() };
    const res = await post(emu.gatewayURL('gw'), [failing, autoStep]);
    expect(res.headers.get('cf-aig-step')).toBe('1');
    expect(routing(res)).toEqual({ model: 'anthropic/claude-sonnet-4-5', reason: 'cost_optimal_within_pool' });
    expect(emu.calls[0]!.routing).toMatchObject([{ step: 1, model: 'anthropic/claude-sonnet-4-5' }]);
    // A router step the chain never reached decides nothing: no record, no session pin.
    const session = { 'cf-aig-session-id': 'never-reached' };
    const unreached = { ...autoStep, headers: { ...OPENAI_KEY, ...session, 'x-emulator-auto-router': '{"pick":"anthropic/claude-opus-4-1"}' } };
    expect((await post(emu.gatewayURL('gw'), [step(), unreached])).headers.get('cf-aig-step')).toBe('0');
    expect(emu.calls[1]!.routing).toBeUndefined();
    expect(routing(await compat('gw', auto(), session)).reason).toBe('cost_optimal_within_pool');
  });

  it('uses a default pool on a gateway that configures none', async () => {
    expect(routing(await compat('plain', auto())).model).toBe('google-ai-studio/gemini-2.5-flash');
  });
});

describe('SSE padding', () => {
  const streamed = { ...step(), query: { model: 'gpt-5-mini', messages: [], stream: true, events: 2 } };
  it('adds a "p" field to each event’s JSON when asked, and nothing otherwise', async () => {
    const plain = await (await post(emu.gatewayURL('plain'), [streamed])).text();
    expect(plain).toBe('data: {"n":0}\n\ndata: {"n":1}\n\ndata: [DONE]\n\n');
    const padded = await post(emu.gatewayURL('plain'), [streamed], { 'x-emulator-sse-padding': '6' });
    expect(await padded.text()).toBe('data: {"n":0,"p":"pppppp"}\n\ndata: {"n":1,"p":"pppppp"}\n\ndata: [DONE]\n\n');
    expect(emu.calls.at(-1)!.ssePadding).toBe(6);
    expect((await post(emu.gatewayURL('plain'), [streamed], { 'x-emulator-sse-padding': 'lots' })).status).toBe(400);
  });

  it('pads the resumable streams of the binding too', async () => {
    const res = await emu.binding('plain').run([streamed], { extraHeaders: { 'x-emulator-sse-padding': '3' } });
    expect(res.headers.get('cf-aig-run-id')).not.toBeNull();
    expect(await res.text()).toBe('data: {"n":0,"p":"ppp"}\n\ndata: {"n":1,"p":"ppp"}\n\ndata: [DONE]\n\n');
  });
});

describe('cache TTL bounds', () => {
  const cachedStatus = async (headers: Record<string, string>) => (await post(emu.gatewayURL('plain'), [step()], headers)).headers.get('cf-aig-cache-status');
  it('raises a TTL under 60 s to 60 s by default', async () => {
    const ttl = { 'cf-aig-cache-ttl': '10' };
    expect(await cachedStatus(ttl)).toBe('MISS');
    clock += 30_000;
    expect(await cachedStatus(ttl)).toBe('HIT');
    clock += 31_000;
    expect(await cachedStatus(ttl)).toBe('MISS');
    // The gateway's own setting is bounded too.
    const first = await post(emu.gatewayURL('cached'), [step()]);
    expect(first.headers.get('cf-aig-cache-status')).toBe('MISS');
    clock += 30_000;
    expect((await post(emu.gatewayURL('cached'), [step()])).headers.get('cf-aig-cache-status')).toBe('HIT');
  });

  it('lowers a TTL over a month to a month', async () => {
    const ttl = { 'cf-aig-cache-ttl': '9999999' };
    expect(await cachedStatus(ttl)).toBe('MISS');
    clock += 2_592_000_000 - 1000;
    expect(await cachedStatus(ttl)).toBe('HIT');
    clock += 2000;
    expect(await cachedStatus(ttl)).toBe('MISS');
  });

  it('refuses out-of-bounds TTLs, or takes them as given, when asked', async () => {
    const refused = await post(emu.gatewayURL('plain'), [step()], { 'cf-aig-cache-ttl': '10', 'x-emulator-cache-ttl-bounds': 'reject' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('cf-aig-cache-ttl must be from 60 to 2592000');
    expect(emu.fake.seen).toHaveLength(0);
    const off = { 'cf-aig-cache-ttl': '10', 'x-emulator-cache-ttl-bounds': 'off' };
    expect(await cachedStatus(off)).toBe('MISS');
    clock += 11_000;
    expect(await cachedStatus(off)).toBe('MISS');
  });
});

describe('OTLP spans of linked traces', () => {
  const link = { 'cf-aig-otel-trace-id': '4bf92f3577b34da6a3ce929d0e0e4736', 'cf-aig-otel-parent-span-id': '00f067aa0ba902b7' };
  it('records the gateway’s spans as children of the caller’s span', async () => {
    const failing = step({}, { 'x-fake-status': '503' });
    await post(emu.gatewayURL('plain'), [failing, step()], { ...link, 'cf-aig-metadata': '{"user":"u-1"}', 'cf-aig-custom-cost': '{"total_cost":0.25}' });
    const spans = emu.calls[0]!.spans!;
    expect(spans).toHaveLength(3);
    const [root, ...attempts] = spans;
    expect(root).toMatchObject({ traceId: link['cf-aig-otel-trace-id'], parentSpanId: link['cf-aig-otel-parent-span-id'], name: 'ai_gateway.request', kind: 2, status: { code: 1 } });
    expect(root!.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(root!.attributes).toEqual(
      expect.arrayContaining([
        { key: 'gen_ai.request.model', value: { stringValue: 'gpt-5-mini' } },
        { key: 'gen_ai.model.provider', value: { stringValue: 'openai' } },
        { key: 'gen_ai.usage.input_tokens', value: { intValue: '3' } },
        { key: 'gen_ai.usage.output_tokens', value: { intValue: '5' } },
        { key: 'gen_ai.usage.cost', value: { doubleValue: 0.25 } },
        { key: 'metadata.user', value: { stringValue: 'u-1' } },
        { key: 'cloudflare.ai_gateway.step', value: { intValue: '1' } },
      ]),
    );
    expect(attempts.map((s) => [s.parentSpanId, s.kind, s.status.code])).toEqual([
      [root!.spanId, 3, 2],
      [root!.spanId, 3, 1],
    ]);
    expect(BigInt(root!.endTimeUnixNano)).toBeGreaterThanOrEqual(BigInt(root!.startTimeUnixNano));
  });

  it('records none without a valid pair, or when turned off', async () => {
    await post(emu.gatewayURL('plain'), [step()]);
    await post(emu.gatewayURL('plain'), [step()], { ...link, 'cf-aig-otel-parent-span-id': 'XYZ' });
    await post(emu.gatewayURL('plain'), [step()], { ...link, 'x-emulator-otel-spans': 'false' });
    expect(emu.calls.map((c) => c.spans)).toEqual([undefined, undefined, undefined]);
    // The headers are the gateway's: never sent upstream.
    expect(emu.fake.seen.every((s) => s.headers['cf-aig-otel-trace-id'] === undefined && s.headers['x-emulator-otel-spans'] === undefined)).toBe(true);
  });
});

describe('custom providers from the config', () => {
  it('serves configured slugs only', async () => {
    const ok = await post(`${emu.gatewayURL('plain')}/custom-acme/chat/completions`, { model: 'm', messages: [] }, OPENAI_KEY);
    expect(ok.status).toBe(200);
    const unknown = await post(`${emu.gatewayURL('plain')}/custom-other/chat/completions`, { model: 'm', messages: [] }, OPENAI_KEY);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('2008');
  });

  it('forwards to the base URL of a custom provider, on its path, through compat and in a chain', async () => {
    const native = await post(`${emu.gatewayURL('plain')}/custom-remote/chat/completions`, { model: 'my-model', messages: [] }, { authorization: 'Bearer custom-key' });
    expect(native.status).toBe(200);
    expect(native.headers.get('x-custom-server')).toBe('yes');
    expect(received[0]).toMatchObject({ url: '/api/v1/chat/completions', headers: { authorization: 'Bearer custom-key' } });
    const viaCompat = await compat('plain', { model: 'custom-remote/my-model', messages: [] });
    expect((await viaCompat.json()).model).toBe('my-model');
    expect(received[1]!.headers['x-emulator-compat-provider']).toBeUndefined();
    const chain = await post(emu.gatewayURL('plain'), [step({}, { 'x-fake-status': '500' }), { provider: 'custom-remote', endpoint: 'chat/completions', headers: OPENAI_KEY, query: { model: 'm2', messages: [] } }]);
    expect(chain.headers.get('cf-aig-step')).toBe('1');
    expect(JSON.parse(received[2]!.body).model).toBe('m2');
    expect(emu.fake.seen.filter((s) => s.provider.startsWith('custom-'))).toHaveLength(0);
  });

  it('refuses a bad configuration', async () => {
    const { startEmulator } = await import('../src/index.js');
    await expect(startEmulator({ customProviders: { 'Bad Slug': {} } })).rejects.toThrow(/slug/);
    await expect(startEmulator({ gateways: { g: { autoRouter: { pool: ['no-slash'] } } } })).rejects.toThrow(/provider\/model/);
    await expect(startEmulator({ ssePadding: -1 })).rejects.toThrow(/ssePadding/);
  });
});
