import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GATEWAY_ERRORS } from '../src/index.js';
import { post, startHarness, step, type Harness } from './helpers/harness.js';

let emu: Harness;
let gw: string;

beforeAll(async () => {
  emu = await startHarness({ gateways: { gw: {} } });
  gw = emu.gatewayURL('gw');
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  emu.fake.seen.length = 0;
});

const fault = (value: object) => ({ 'x-emulator-fault': JSON.stringify(value) });
const streaming = (headers: Record<string, string>, events = 6) => [step({ query: { stream: true, events } }, headers)];

/** Reads a response body to the end, or until the connection breaks. */
async function readAll(res: Response): Promise<{ text: string; broken: boolean }> {
  const reader = res.body!.getReader();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text, broken: false };
      text += new TextDecoder().decode(value);
    }
  } catch {
    return { text, broken: true };
  }
}

describe('the x-emulator-fault header', () => {
  it('status: the upstream fails with a generic JSON error and the upstream is not reached', async () => {
    const res = await post(gw, [step({}, fault({ status: 503 }))]);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { message: 'emulated upstream failure', type: 'server_error' } });
    expect(emu.fake.seen).toHaveLength(0);
  });

  it('status on the outer request applies to every step', async () => {
    const res = await post(gw, [step(), step()], fault({ status: 500 }));
    expect(res.status).toBe(500);
    expect(res.headers.get('cf-aig-step')).toBe('1');
  });

  it('firstByteDelayMs delays the headers', async () => {
    const started = Date.now();
    const res = await post(gw, [step({}, fault({ firstByteDelayMs: 120 }))]);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('chunkDelayMs spaces out the events of a stream, which arrive one by one', async () => {
    // Timed from before the request: the server cannot send the last event sooner than its delays
    // after it got the request. Timing from the headers' arrival instead failed on a loaded machine,
    // where the client takes the headers late while the server's timers keep running.
    const started = Date.now();
    const res = await post(gw, streaming(fault({ chunkDelayMs: 40 }), 3));
    const reader = res.body!.getReader();
    const arrivals: number[] = [];
    for (;;) {
      const { done } = await reader.read();
      if (done) break;
      arrivals.push(Date.now() - started);
    }
    expect(arrivals.length).toBeGreaterThanOrEqual(3);
    expect(arrivals.at(-1)!).toBeGreaterThanOrEqual(110);
  });

  it('dropAfterEvents destroys the socket after K events', async () => {
    const res = await post(gw, streaming(fault({ dropAfterEvents: 2 })));
    expect(res.status).toBe(200);
    const { text, broken } = await readAll(res);
    expect(broken).toBe(true);
    expect(text).toBe('data: {"n":0}\n\ndata: {"n":1}\n\n');
    expect(emu.calls[0]).toMatchObject({ fault: 'dropped', status: 200 });
  });

  it('reset destroys the socket before any header', async () => {
    await expect(post(gw, [step({}, fault({ reset: true }))])).rejects.toThrow();
    expect(emu.calls[0]).toMatchObject({ fault: 'reset', status: 0 });
    expect(emu.fake.seen).toHaveLength(0);
  });

  it('malformed answers 200 with a truncated non-JSON body', async () => {
    const res = await post(gw, [step({}, fault({ malformed: true }))]);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(() => JSON.parse(text) as unknown).toThrow();
  });

  it('stepHeader sends a wrong cf-aig-step', async () => {
    const res = await post(gw, [step({}, fault({ stepHeader: '7' }))]);
    expect(res.headers.get('cf-aig-step')).toBe('7');
  });

  it('failAttempts fails only the first N attempts', async () => {
    const res = await post(gw, [step({ config: { maxAttempts: 3 } }, fault({ failAttempts: 2, status: 503 }))]);
    expect(res.status).toBe(200);
    expect(emu.calls[0]!.attempts.map((a) => a.status)).toEqual([503, 503, 200]);
    expect(emu.fake.seen).toHaveLength(1);
  });

  it('gatewayError answers the envelope when the step is reached', async () => {
    const res = await post(gw, [step(), step({}, fault({ gatewayError: 2021 }))], fault({}));
    expect(res.status).toBe(200);
    const second = await post(gw, [step({}, { 'x-fake-status': '500' }), step({}, fault({ gatewayError: 2021 }))]);
    expect(second.status).toBe(402);
    expect(second.headers.get('cf-aig-step')).toBe('1');
    expect(await second.text()).toBe(
      '{"success":false,"result":[],"messages":[],"error":[{"code":2021,"message":"Insufficient AI Gateway credits"}],"name":"AiGatewayError","httpCode":402,"internalCode":2021}',
    );
  });

  it('answers 400 for a fault header that is not a JSON object of known fields', async () => {
    const res = await post(gw, [step()], { 'x-emulator-fault': '{"stauts":500}' });
    expect(res.status).toBe(400);
    expect((await res.json()).error[0].message).toContain("unknown field 'stauts'");
  });

  it('works on provider-native requests', async () => {
    const res = await fetch(`${gw}/openai/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer k', ...fault({ status: 429 }) }, body: '{}' });
    expect(res.status).toBe(429);
  });
});

describe('programmatic faults', () => {
  it('target a step index or a provider, and clear()', async () => {
    emu.faults.set({ step: 0, status: 500 });
    expect((await post(gw, [step(), step({ provider: 'groq' })])).headers.get('cf-aig-step')).toBe('1');
    emu.faults.set({ provider: 'groq', status: 500 });
    const res = await post(gw, [step({ provider: 'groq' }), step()]);
    expect(res.headers.get('cf-aig-step')).toBe('1');
    expect((await res.json()).provider).toBe('openai');
    emu.faults.clear();
    expect((await post(gw, [step({ provider: 'groq' })])).status).toBe(200);
  });

  it('apply to `times` requests only; a header fault wins over them', async () => {
    emu.faults.set({ status: 503, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(gw, [step()])).status);
    expect(statuses).toEqual([503, 503, 200]);
    emu.faults.add({ status: 503 });
    expect((await post(gw, [step({}, fault({ status: 418 }))])).status).toBe(418);
    expect(emu.faults.list()).toEqual([{ status: 503 }]);
  });

  it('inject every gateway error code with its envelope', async () => {
    const cases: [number, number][] = [
      [2021, 402],
      [2040, 400],
      [2041, 429],
      [2045, 429],
      [2016, 424],
      [2017, 424],
      [2029, 400],
      [2030, 400],
      [2005, 400],
      [7003, 404],
    ];
    for (const [code, status] of cases) {
      emu.faults.set({ gatewayError: code });
      const res = await post(gw, [step()]);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.json()).toEqual({
        success: false,
        result: [],
        messages: [],
        error: [{ code, message: GATEWAY_ERRORS[code]!.message }],
        name: 'AiGatewayError',
        httpCode: status,
        internalCode: code,
      });
    }
    emu.faults.set({ gatewayError: { code: 2021, message: 'Insufficient balance; add money to your gateway or use BYOK' } });
    expect((await (await post(gw, [step()])).json()).error[0].message).toBe('Insufficient balance; add money to your gateway or use BYOK');
    expect(emu.fake.seen).toHaveLength(0);
  });

  it('inject 10000 in the Cloudflare v4 envelope', async () => {
    emu.faults.set({ gatewayError: 10000 });
    const res = await post(gw, [step()]);
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('{"result":null,"success":false,"errors":[{"code":10000,"message":"Authentication error"}],"messages":[]}');
  });
});

describe('streaming', () => {
  it('forwards each event as it comes, before the upstream finished', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = await startHarness({
      gateways: { gw: {} },
      upstreams: {
        knows: () => true,
        handle: () =>
          Promise.resolve({
            status: 200,
            headers: { 'content-type': 'text/event-stream' },
            body: (async function* () {
              yield 'data: first\n\n';
              await gate;
              yield 'data: second\n\n';
            })(),
          }),
      },
    });
    try {
      const res = await post(slow.gatewayURL('gw'), [step()]);
      const reader = res.body!.getReader();
      const first = await reader.read();
      expect(new TextDecoder().decode(first.value)).toBe('data: first\n\n');
      release();
      const second = await reader.read();
      expect(new TextDecoder().decode(second.value)).toBe('data: second\n\n');
    } finally {
      release();
      await slow.close();
    }
  });

  it('stops the upstream stream when the client goes away', async () => {
    let finished = false;
    const endless = await startHarness({
      gateways: { gw: {} },
      upstreams: {
        knows: () => true,
        handle: () =>
          Promise.resolve({
            status: 200,
            headers: { 'content-type': 'text/event-stream' },
            body: (async function* () {
              try {
                for (let i = 0; i < 10_000; i++) {
                  yield `data: ${i}\n\n`;
                  await new Promise((resolve) => setTimeout(resolve, 5));
                }
              } finally {
                finished = true;
              }
            })(),
          }),
      },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const req = request(`${endless.gatewayURL('gw')}`, { method: 'POST' }, (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', reject);
        req.end(JSON.stringify([step()]));
      });
      const deadline = Date.now() + 60_000;
      while (!finished && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(finished).toBe(true);
    } finally {
      await endless.close();
    }
  });
});
