import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { post, startHarness, step, type Harness } from './helpers/harness.js';

let emu: Harness;
let clock = 1_000_000;
let gw: string;

beforeAll(async () => {
  emu = await startHarness({ gateways: { gw: {}, cached: { cacheTtl: 60 } }, now: () => clock });
  gw = emu.gatewayURL('gw');
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  emu.fake.seen.length = 0;
});

const ttl = { 'cf-aig-cache-ttl': '60' };

describe('caching', () => {
  it('answers MISS then HIT with the same body, without reaching the upstream twice', async () => {
    const first = await post(gw, [step()], ttl);
    expect(first.headers.get('cf-aig-cache-status')).toBe('MISS');
    const firstBody = await first.text();
    const second = await post(gw, [step()], ttl);
    expect(second.headers.get('cf-aig-cache-status')).toBe('HIT');
    expect(second.headers.get('cf-aig-step')).toBe('0');
    expect(second.headers.get('content-type')).toBe('application/json');
    expect(await second.text()).toBe(firstBody);
    expect(emu.fake.seen).toHaveLength(1);
    expect(emu.calls.map((c) => c.cacheStatus)).toEqual(['MISS', 'HIT']);
    expect(emu.logs.map((l) => l.cached)).toEqual([false, true]);
    expect(second.headers.get('cf-aig-log-id')).not.toBe(first.headers.get('cf-aig-log-id'));
  });

  it("uses the gateway's cacheTtl; a step's cf-aig-cache-ttl: 0 turns it off", async () => {
    const url = emu.gatewayURL('cached');
    await post(url, [step()]);
    expect((await post(url, [step()])).headers.get('cf-aig-cache-status')).toBe('HIT');
    const off = await post(url, [step({}, { 'cf-aig-cache-ttl': '0' })], { 'cf-aig-cache-ttl': '3600' });
    expect(off.headers.get('cf-aig-cache-status')).toBeNull();
  });

  it('keys on provider, endpoint, auth header and body, not on metadata or x-emulator headers', async () => {
    await post(gw, [step()], { ...ttl, 'cf-aig-metadata': '{"user":"a"}' });
    const hits = [
      await post(gw, [step()], { ...ttl, 'cf-aig-metadata': '{"user":"b"}' }),
      await post(gw, [step({}, { 'x-emulator-fault': '{"chunkDelayMs":1}' })], ttl),
    ];
    expect(hits.map((r) => r.headers.get('cf-aig-cache-status'))).toEqual(['HIT', 'HIT']);
    const misses = [
      await post(gw, [step({ query: { model: 'other' } })], ttl),
      await post(gw, [step({}, { authorization: 'Bearer sk-other' })], ttl),
      await post(gw, [step({ endpoint: 'responses' })], ttl),
      await post(gw, [step({ provider: 'groq' })], ttl),
    ];
    expect(misses.map((r) => r.headers.get('cf-aig-cache-status'))).toEqual(['MISS', 'MISS', 'MISS', 'MISS']);
  });

  it('honours cf-aig-skip-cache and the deprecated cf-skip-cache / cf-cache-ttl', async () => {
    await post(gw, [step()], ttl);
    const skipped = await post(gw, [step()], { ...ttl, 'cf-aig-skip-cache': 'true' });
    expect(skipped.headers.get('cf-aig-cache-status')).toBeNull();
    const legacySkip = await post(gw, [step()], { ...ttl, 'cf-skip-cache': 'true' });
    expect(legacySkip.headers.get('cf-aig-cache-status')).toBeNull();
    const legacyTtl = await post(gw, [step()], { 'cf-cache-ttl': '60' });
    expect(legacyTtl.headers.get('cf-aig-cache-status')).toBe('HIT');
    expect(emu.fake.seen).toHaveLength(3);
  });

  it('uses cf-aig-cache-key instead of the computed key (5 minutes without a TTL)', async () => {
    await post(gw, [step({ query: { a: 1 } })], { 'cf-aig-cache-key': 'k1' });
    const hit = await post(gw, [step({ query: { b: 2 } })], { 'cf-aig-cache-key': 'k1' });
    expect(hit.headers.get('cf-aig-cache-status')).toBe('HIT');
    expect(JSON.parse((await hit.json()).echo)).toEqual({ a: 1 });
    clock += 299_000;
    expect((await post(gw, [step()], { 'cf-aig-cache-key': 'k1' })).headers.get('cf-aig-cache-status')).toBe('HIT');
    clock += 2_000;
    expect((await post(gw, [step()], { 'cf-aig-cache-key': 'k1' })).headers.get('cf-aig-cache-status')).toBe('MISS');
  });

  it('expires entries after the TTL (injected clock)', async () => {
    await post(gw, [step()], ttl);
    clock += 59_000;
    expect((await post(gw, [step()], ttl)).headers.get('cf-aig-cache-status')).toBe('HIT');
    clock += 1_000;
    expect((await post(gw, [step()], ttl)).headers.get('cf-aig-cache-status')).toBe('MISS');
  });

  it('does not store streamed or non-2xx answers', async () => {
    const stream = step({ query: { stream: true } });
    await (await post(gw, [stream], ttl)).text();
    const again = await post(gw, [stream], ttl);
    expect(again.headers.get('cf-aig-cache-status')).toBe('MISS');
    expect(await again.text()).toContain('[DONE]');
    await post(gw, [step({}, { 'x-fake-status': '500' })], ttl);
    expect((await post(gw, [step({}, { 'x-fake-status': '500' })], ttl)).headers.get('cf-aig-cache-status')).toBe('MISS');
  });

  it('caches provider-native requests too, and reset() empties the cache', async () => {
    const native = () => fetch(`${gw}/openai/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer k', ...ttl }, body: '{"x":1}' });
    await native();
    expect((await native()).headers.get('cf-aig-cache-status')).toBe('HIT');
    emu.reset();
    expect((await native()).headers.get('cf-aig-cache-status')).toBe('MISS');
  });
});
