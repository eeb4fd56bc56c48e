import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PRICES, startEmulator, type Emulator, type ViewerRow } from '../src/index.js';
import { ViewerFeed } from '../src/viewer/viewer-feed.js';
import { post } from './helpers/harness.js';

const OPENAI = { authorization: 'Bearer sk-observability-secret' };
const chat = (extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) => ({
  provider: 'openai',
  endpoint: 'chat/completions',
  headers: { ...OPENAI, ...headers },
  query: { model: 'gpt-5-mini', messages: [{ role: 'user', content: 'price me please' }], ...extra },
});

let clock = 1_700_000_000_000;
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ now: () => clock, logDelayMs: 2000, prices: { 'my-model': { input: 1, output: 1 } }, gateways: { gw: {}, cached: { cacheTtl: 60 } } });
});
beforeEach(() => emu.reset());
afterAll(() => emu.close());

const logOf = (id: string) => fetch(`${emu.gatewayURL('gw')}/logs/${id}`);

describe('log costs', () => {
  it('prices a logged answer from the price table', async () => {
    const res = await post(emu.gatewayURL('gw'), [chat()]);
    const body = (await res.json()) as { usage: { prompt_tokens: number; completion_tokens: number } };
    const entry = emu.logs.at(-1)!;
    const price = DEFAULT_PRICES['gpt-5-mini']!;
    expect(entry).toMatchObject({ tokens_in: body.usage.prompt_tokens, tokens_out: body.usage.completion_tokens, custom_cost: false });
    expect(entry.cost).toBeCloseTo((body.usage.prompt_tokens * price.input + body.usage.completion_tokens * price.output) / 1e6, 12);
  });

  it('uses cf-aig-custom-cost instead, and costs nothing on a cache hit', async () => {
    await post(emu.gatewayURL('gw'), [chat({}, { 'cf-aig-custom-cost': JSON.stringify({ total_cost: 0.5 }) })]);
    expect(emu.logs.at(-1)).toMatchObject({ cost: 0.5, custom_cost: true });
    await post(emu.gatewayURL('cached'), [chat()]);
    await post(emu.gatewayURL('cached'), [chat()]);
    expect(emu.logs.at(-1)).toMatchObject({ cached: true, cost: 0 });
    expect(emu.logs.at(-2)!.cost).toBeGreaterThan(0);
  });

  it('counts the tokens of streamed answers from their usage events, and prices them', async () => {
    const streams: [string, Record<string, unknown>][] = [
      ['openai', chat({ stream: true, stream_options: { include_usage: true } })],
      ['anthropic', { provider: 'anthropic', endpoint: 'v1/messages', headers: { 'x-api-key': 'sk-ant' }, query: { model: 'claude-sonnet-4-5', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'count my tokens please' }] } }],
      ['google-ai-studio', { provider: 'google-ai-studio', endpoint: 'v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse', headers: { 'x-goog-api-key': 'g' }, query: { contents: [{ role: 'user', parts: [{ text: 'count my tokens please' }] }] } }],
    ];
    for (const [provider, body] of streams) {
      const res = await post(emu.gatewayURL('gw'), [body]);
      expect(res.headers.get('content-type'), provider).toContain('text/event-stream');
      await res.text();
      const entry = emu.logs.at(-1)!;
      expect(entry.tokens_in, provider).toBeGreaterThan(0);
      expect(entry.tokens_out, provider).toBeGreaterThan(0);
      expect(entry.cost, provider).toBeGreaterThan(0);
    }
  });

  it('takes extra prices from the options, and leaves unknown models at 0', async () => {
    await post(emu.gatewayURL('gw'), [chat({ model: 'my-model' })]);
    const entry = emu.logs.at(-1)!;
    expect(entry.cost).toBeCloseTo(((entry.tokens_in ?? 0) + (entry.tokens_out ?? 0)) / 1e6, 12);
    await post(emu.gatewayURL('gw'), [chat({ model: 'not-priced' })]);
    expect(emu.logs.at(-1)!.cost).toBe(0);
  });
});

describe('the log of a streamed answer appears late, as on the real gateway', () => {
  it('answers 404 until logDelayMs has passed, then the entry', async () => {
    const res = await post(emu.gatewayURL('gw'), [chat({ stream: true })]);
    await res.text();
    const id = res.headers.get('cf-aig-log-id')!;
    expect((await logOf(id)).status).toBe(404);
    clock += 1999;
    expect((await logOf(id)).status).toBe(404);
    clock += 1;
    const found = await logOf(id);
    expect(found.status).toBe(200);
    expect(((await found.json()) as { result: { id: string } }).result.id).toBe(id);
  });

  it('serves a whole answer’s log at once', async () => {
    const res = await post(emu.gatewayURL('gw'), [chat()]);
    expect((await logOf(res.headers.get('cf-aig-log-id')!)).status).toBe(200);
  });
});

describe('the log viewer’s endpoints', () => {
  it('serves the page and its two files', async () => {
    const page = await fetch(emu.viewerURL);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<script src="viewer.js"></script>');
    for (const [file, type] of [['viewer.js', 'text/javascript'], ['viewer.css', 'text/css']]) {
      const res = await fetch(new URL(file!, emu.viewerURL));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
    }
    expect((await fetch(`${emu.viewerURL}..%2F..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(new URL('nothing.js', emu.viewerURL))).status).toBe(404);
    const bare = await fetch(emu.viewerURL.replace(/\/$/, ''), { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(emu.calls).toHaveLength(0);
  });

  it('lists the recorded requests as JSON, redacted, and streams new ones as events', async () => {
    const controller = new AbortController();
    const events = await fetch(new URL('api/events', emu.viewerURL), { signal: controller.signal });
    expect(events.headers.get('content-type')).toContain('text/event-stream');
    const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
    await post(emu.gatewayURL('gw'), [chat()], { 'cf-aig-metadata': '{"user":"ada"}' });
    let received = '';
    while (!received.includes('event: row')) received += (await reader.read()).value ?? '';
    while (!received.endsWith('\n\n')) received += (await reader.read()).value ?? '';
    controller.abort();
    const row = JSON.parse(/data: (.*)\n/.exec(received)![1]!) as ViewerRow;
    expect(row).toMatchObject({ call: { status: 200, step: 0, kind: 'universal' }, log: { provider: 'openai', model: 'gpt-5-mini', metadata: { user: 'ada' } } });
    expect(received).not.toContain('sk-observability-secret');

    const list = (await (await fetch(new URL('api/requests', emu.viewerURL))).json()) as ViewerRow[];
    expect(list.map((r) => r.seq)).toEqual([row.seq]);
    expect(list[0]!.call.attempts[0]!.headers.authorization).toBe('[REDACTED]');
    expect(await (await fetch(new URL(`api/requests?since=${row.seq}`, emu.viewerURL))).json()).toEqual([]);
  });

  it('serves a row\'s bodies redacted and bounded, and takes feedback through the log API\'s handler', async () => {
    const big = 'x'.repeat(1_200_000);
    await post(emu.gatewayURL('gw'), [chat({ messages: [{ role: 'user', content: big }] }, { 'x-api-key': 'sk-observability-secret' })]);
    const [row] = (await (await fetch(new URL('api/requests', emu.viewerURL))).json()) as ViewerRow[];
    const bodies = (await (await fetch(new URL(`api/bodies/${row!.seq}`, emu.viewerURL))).json()) as Record<string, unknown>;
    expect(bodies).toMatchObject({ requestTruncated: true });
    expect(bodies.requestSize).toBeGreaterThan(1_200_000);
    // Cut at 1 MB, so not JSON any more: redacted as text.
    expect((bodies.request as string).length).toBeLessThanOrEqual(1_000_000);
    expect(bodies.request).toContain('"authorization":"[REDACTED]"');
    expect(JSON.stringify(bodies)).not.toContain('sk-observability-secret');
    expect(bodies.response).toContain('chat.completion');
    expect((bodies.response as string).length).toBeLessThanOrEqual(1_000_000);
    expect((await fetch(new URL('api/bodies/999999', emu.viewerURL))).status).toBe(404);

    const patch = (id: string, body: string) => fetch(new URL(`api/logs/${id}`, emu.viewerURL), { method: 'PATCH', headers: { 'content-type': 'application/json' }, body });
    const logId = row!.log!.id;
    expect((await patch(logId, '{"feedback":2}')).status).toBe(400);
    expect((await patch('nope', '{"feedback":1}')).status).toBe(404);
    expect((await patch(logId, 'x'.repeat(70_000))).status).toBe(413);
    const saved = await patch(logId, '{"feedback":-1}');
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as { result: { feedback: number } }).result.feedback).toBe(-1);
    expect(emu.logs[0]!.feedback).toBe(-1);
    expect((await fetch(new URL(`api/logs/${logId}`, emu.viewerURL), { method: 'DELETE' })).status).toBe(405);
    // The viewer's own requests are not recorded.
    expect(emu.calls).toHaveLength(1);
  });

  it('keeps at most `limit` rows and 64 MB of bodies, dropping the oldest', () => {
    const feed = new ViewerFeed(() => 0, 100);
    const call = { logId: 'id' } as Parameters<ViewerFeed['add']>[0];
    const mb = new Uint8Array(1_000_000).fill(0x61);
    for (let i = 0; i < 80; i += 1) feed.add(call, undefined, { request: mb, requestSize: mb.byteLength, response: mb, responseSize: mb.byteLength });
    // 80 rows of 2 MB: the first rows' bodies are gone, the last ones' kept.
    expect(feed.bodiesOf(1)).toBeUndefined();
    expect(feed.bodiesOf(80)).toMatchObject({ requestSize: 1_000_000, requestTruncated: false });
    const kept = feed.list().filter((row) => feed.bodiesOf(row.seq) !== undefined).length;
    expect(kept).toBe(Math.floor((64 * 1024 * 1024) / 2_000_000));
    for (let i = 0; i < 40; i += 1) feed.add(call, undefined);
    expect(feed.list()).toHaveLength(100);
    expect(feed.list()[0]!.seq).toBe(21);
  });
});
