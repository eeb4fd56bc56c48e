import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OPENAI_KEY, post, startHarness, step, type Harness } from './helpers/harness.js';

let emu: Harness;
let gw: string;

beforeAll(async () => {
  emu = await startHarness({
    gateways: {
      gw: { dynamicRoutes: { fast: ['groq/llama-3', 'openai/gpt-5-mini'] } },
    },
  });
  gw = emu.gatewayURL('gw');
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  emu.fake.seen.length = 0;
});

describe('universal endpoint', () => {
  it('takes an array of steps and answers from the first with every cf-aig header', async () => {
    const res = await post(gw, [step(), step({ provider: 'anthropic', endpoint: 'v1/messages' })]);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.provider).toBe('openai');
    expect(res.headers.get('cf-aig-step')).toBe('0');
    // UUIDv7 ids (the default); a chain of two steps has a request id of its own.
    const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(res.headers.get('cf-aig-log-id')).toMatch(uuidV7);
    expect(res.headers.get('cf-aig-event-id')).toBe(res.headers.get('cf-aig-log-id'));
    expect(res.headers.get('cf-aig-request-id')).toMatch(uuidV7);
    expect(res.headers.get('cf-aig-request-id')).not.toBe(res.headers.get('cf-aig-log-id'));
    expect(res.headers.get('cf-aig-cache-status')).toBeNull();
    expect(emu.fake.seen).toHaveLength(1);
    expect(emu.fake.seen[0]).toMatchObject({ provider: 'openai', endpoint: 'chat/completions', method: 'POST', byok: false });
    expect(JSON.parse(emu.fake.seen[0]!.body)).toEqual({ model: 'gpt-5-mini', messages: [{ role: 'user', content: 'hi' }] });
    expect(emu.fake.seen[0]!.headers['content-type']).toBe('application/json');
    expect(emu.calls[0]).toMatchObject({ kind: 'universal', stepsTried: [0], step: 0, status: 200, cacheStatus: null });
  });

  it('takes a single step object', async () => {
    const res = await post(gw, step({ provider: 'anthropic', endpoint: 'v1/messages', headers: { 'x-api-key': 'sk-ant' } }));
    expect(res.status).toBe(200);
    expect((await res.json()).provider).toBe('anthropic');
    expect(res.headers.get('cf-aig-step')).toBe('0');
  });

  it('echoes the request cf-aig-event-id, and a step one wins over it', async () => {
    const res = await post(gw, [step()], { 'cf-aig-event-id': 'trace-1' });
    expect(res.headers.get('cf-aig-event-id')).toBe('trace-1');
    const res2 = await post(gw, [step({}, { 'cf-aig-event-id': 'trace-2' })], { 'cf-aig-event-id': 'trace-1' });
    expect(res2.headers.get('cf-aig-event-id')).toBe('trace-2');
  });

  it('strips cf-aig-* and x-emulator-* headers before the upstream', async () => {
    await post(gw, [step({}, { 'cf-aig-cache-ttl': '0', 'x-emulator-fault': '{}', 'x-custom': '1' })], { 'cf-aig-metadata': '{}' });
    expect(emu.fake.seen[0]!.headers).toEqual({ authorization: 'Bearer sk-test-secret', 'x-custom': '1', 'content-type': 'application/json' });
  });

  it('answers 400/2008 for an unknown provider and 2005 for a body that is not JSON', async () => {
    const res = await post(gw, [step({ provider: 'nope' })]);
    expect(res.status).toBe(400);
    expect((await res.json()).error[0]).toEqual({ code: 2008, message: 'Invalid provider' });
    const bad = await fetch(gw, { method: 'POST', body: '{nope' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error[0].code).toBe(2005);
  });
});

describe('provider-native endpoints', () => {
  it('passes the path, query string, headers and body through', async () => {
    const res = await fetch(`${gw}/google-ai-studio/v1beta/models/gemini-2.5-flash:generateContent?alt=json`, {
      method: 'POST',
      headers: { 'x-goog-api-key': 'g-key', 'content-type': 'application/json', 'cf-aig-cache-ttl': '0' },
      body: '{"contents":[]}',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cf-aig-step')).toBe('0');
    expect(emu.fake.seen[0]).toMatchObject({
      provider: 'google-ai-studio',
      endpoint: 'v1beta/models/gemini-2.5-flash:generateContent?alt=json',
      body: '{"contents":[]}',
    });
    expect(emu.fake.seen[0]!.headers['cf-aig-cache-ttl']).toBeUndefined();
    expect(emu.fake.seen[0]!.headers.host).toBeUndefined();
    expect(emu.calls[0]).toMatchObject({ kind: 'provider', step: 0 });
  });

  it('accepts the optional v1/ prefix form untouched', async () => {
    const res = await fetch(`${gw}/openai/v1/chat/completions`, { method: 'POST', headers: OPENAI_KEY, body: '{}' });
    expect(res.status).toBe(200);
    expect(emu.fake.seen[0]!.endpoint).toBe('v1/chat/completions');
  });

  it('passes a multipart body byte for byte', async () => {
    const form = new FormData();
    form.append('model', 'whisper-1');
    form.append('file', new Blob([new Uint8Array([0, 1, 2, 255])]), 'a.wav');
    const res = await fetch(`${gw}/openai/audio/transcriptions`, { method: 'POST', headers: OPENAI_KEY, body: form });
    expect(res.status).toBe(200);
    const seen = emu.fake.seen[0]!;
    expect(seen.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen.body).toContain('name="file"; filename="a.wav"');
  });

  it('answers 400/2008 for a provider it does not know', async () => {
    const res = await fetch(`${gw}/nope/chat`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(400);
    expect((await res.json()).error[0].code).toBe(2008);
  });

  it('answers 404 in the v4 envelope for a path outside /v1', async () => {
    const res = await fetch(gw.replace('/v1/', '/v2/'));
    expect(res.status).toBe(404);
    expect(res.headers.get('cf-aig-step')).toBe('0');
    expect(await res.json()).toEqual({ result: null, success: false, errors: [{ code: 7000, message: 'No route for that URI' }], messages: [] });
  });
});

describe('compat endpoint', () => {
  it('forwards to provider compat with the model prefix split off', async () => {
    const res = await post(`${gw}/compat/chat/completions`, { model: 'anthropic/claude-sonnet-4-5', messages: [] }, OPENAI_KEY);
    expect(res.status).toBe(200);
    const seen = emu.fake.seen[0]!;
    expect(seen).toMatchObject({ provider: 'compat', endpoint: 'chat/completions' });
    expect(seen.headers['x-emulator-compat-provider']).toBe('anthropic');
    expect(JSON.parse(seen.body)).toEqual({ model: 'claude-sonnet-4-5', messages: [] });
    expect(res.headers.get('cf-aig-model')).toBeNull();
  });

  it('splits at the first slash only', async () => {
    await post(`${gw}/compat/chat/completions`, { model: 'workers-ai/@cf/meta/llama-3.1-8b-instruct' }, OPENAI_KEY);
    expect(JSON.parse(emu.fake.seen[0]!.body).model).toBe('@cf/meta/llama-3.1-8b-instruct');
    expect(emu.fake.seen[0]!.headers['x-emulator-compat-provider']).toBe('workers-ai');
  });

  it('answers 2008 for an unknown prefix and 2005 without one', async () => {
    const unknown = await post(`${gw}/compat/chat/completions`, { model: 'nope/x' }, OPENAI_KEY);
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error[0]).toEqual({ code: 2008, message: 'Invalid provider' });
    const missing = await post(`${gw}/compat/chat/completions`, { model: 'gpt-5' }, OPENAI_KEY);
    expect(missing.status).toBe(400);
    expect((await missing.json()).error[0]).toEqual({ code: 2005, message: 'Failed to get response from provider' });
    expect(emu.fake.seen).toHaveLength(0);
  });

  it('routes dynamic/<route> through its targets and names the winner', async () => {
    const res = await post(`${gw}/compat/chat/completions`, { model: 'dynamic/fast' }, OPENAI_KEY);
    expect(res.status).toBe(200);
    expect(res.headers.get('cf-aig-provider')).toBe('groq');
    expect(res.headers.get('cf-aig-model')).toBe('llama-3');
    const failing = await post(`${gw}/compat/chat/completions`, { model: 'dynamic/fast' }, { ...OPENAI_KEY });
    expect(failing.status).toBe(200);
    emu.faults.set({ provider: 'groq', status: 500 });
    const fallback = await post(`${gw}/compat/chat/completions`, { model: 'dynamic/fast' }, OPENAI_KEY);
    expect(fallback.headers.get('cf-aig-provider')).toBe('openai');
    expect(fallback.headers.get('cf-aig-model')).toBe('gpt-5-mini');
    expect(fallback.headers.get('cf-aig-step')).toBe('0');
  });

  it('also handles a universal step with provider compat and a dynamic model', async () => {
    const res = await post(gw, [{ provider: 'compat', endpoint: 'chat/completions', headers: OPENAI_KEY, query: { model: 'dynamic/fast' } }]);
    expect(res.status).toBe(200);
    expect(res.headers.get('cf-aig-provider')).toBe('groq');
  });

  it('answers 2008 for an unknown dynamic route', async () => {
    const res = await post(`${gw}/compat/chat/completions`, { model: 'dynamic/none' }, OPENAI_KEY);
    expect((await res.json()).error[0].code).toBe(2008);
  });
});
