import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { imagePngFor, replicateAssetFor, speechFor, startEmulator, type Emulator } from '../src/index.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const auth = () => ({ 'cf-aig-authorization': `Bearer ${emu.token}` });

describe('Replicate predictions', () => {
  it('answers a Prefer: wait prediction finished, with public output URLs', async () => {
    const res = await fetch(`${emu.gatewayURL()}/replicate/models/black-forest-labs/flux-schnell/predictions`, {
      method: 'POST',
      headers: { ...auth(), authorization: 'Bearer r8', 'content-type': 'application/json', prefer: 'wait' },
      body: JSON.stringify({ input: { prompt: 'a cat', num_outputs: 2 } }),
    });
    expect(res.status).toBe(201);
    const prediction = (await res.json()) as { status: string; output: string[]; urls: { get: string } };
    expect(prediction.status).toBe('succeeded');
    expect(prediction.output).toHaveLength(2);
    expect(replicateAssetFor(prediction.output[1]!)).toEqual(imagePngFor('a cat', 1));
    expect(prediction.urls.get).toMatch(/^https:\/\/api\.replicate\.com\/v1\/predictions\/[a-z0-9]+$/);
  });

  it('runs a prediction without Prefer: wait asynchronously: starting, processing, succeeded', async () => {
    const created = await fetch(`${emu.gatewayURL()}/replicate/v1/predictions`, {
      method: 'POST',
      headers: { ...auth(), authorization: 'Bearer r8', 'content-type': 'application/json' },
      body: JSON.stringify({ version: 'abc', input: { prompt: 'slow' } }),
    });
    const { id, status } = (await created.json()) as { id: string; status: string };
    expect(status).toBe('starting');
    const poll = () => fetch(`${emu.gatewayURL()}/replicate/v1/predictions/${id}`, { headers: { ...auth(), authorization: 'Bearer r8' } }).then((r) => r.json() as Promise<{ status: string }>);
    expect((await poll()).status).toBe('processing');
    expect((await poll()).status).toBe('succeeded');
    const missing = await fetch(`${emu.gatewayURL()}/replicate/v1/predictions/nope`, { headers: { ...auth(), authorization: 'Bearer r8' } });
    expect(missing.status).toBe(404);
  });
});

describe('Workers AI on the binding path', () => {
  it('runs Workers AI steps on the account (no token), answers speech as audio and rerankers as rankings', async () => {
    const gateway = emu.binding();
    const speech = await gateway.run({ provider: 'workers-ai', endpoint: '@cf/deepgram/aura-2-en', headers: {}, query: { text: 'hi there' } });
    expect(speech.headers.get('content-type')).toBe('audio/mpeg');
    expect(new Uint8Array(await speech.arrayBuffer())).toEqual(speechFor('hi there'));
    const rerank = await gateway.run({ provider: 'workers-ai', endpoint: '@cf/baai/bge-reranker-base', headers: {}, query: { query: 'red', contexts: [{ text: 'blue' }, { text: 'red' }] } });
    const body = (await rerank.json()) as { result: { response: { id: number }[] } };
    expect(body.result.response[0]!.id).toBe(1);
    expect(emu.calls[0]!.attempts[0]).toMatchObject({ byok: true });
  });

  it('gives a streamed answer a run id and a trace id, and resumes it from any event', async () => {
    const ai = emu.ai();
    const query = { messages: [{ role: 'user', content: 'a b c d e' }], stream: true };
    const res = await ai.gateway('emulator-gateway').run({ provider: 'workers-ai', endpoint: '@cf/meta/llama-3.1-8b-instruct', headers: {}, query });
    const runId = res.headers.get('cf-aig-run-id')!;
    expect(res.headers.get('cf-aig-trace-id')).toMatch(/^[0-9a-f]{32}$/);
    const whole = await res.text();
    const events = whole.split('\n\n').filter((e) => e.length > 0).map((e) => `${e}\n\n`);
    const resumed = await ai.fetch(`https://workers-binding.ai/ai-gateway/gateways/emulator-gateway/run/${runId}/resume?from=2`);
    expect(await resumed.text()).toBe(events.slice(2).join(''));
    const unknown = await ai.fetch('https://workers-binding.ai/ai-gateway/gateways/emulator-gateway/run/nope/resume?from=0');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'Request not found' });
    expect(emu.calls.map((c) => c.kind)).toEqual(['universal', 'resume', 'resume']);
  });

  it('gives no run id over HTTP', async () => {
    const res = await fetch(emu.gatewayURL(), {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'workers-ai', endpoint: '@cf/meta/llama-3.1-8b-instruct', headers: { authorization: 'Bearer cf' }, query: { prompt: 'x', stream: true } }),
    });
    await res.text();
    expect(res.headers.get('cf-aig-run-id')).toBeNull();
  });
});
