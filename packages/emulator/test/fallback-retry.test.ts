import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { post, startHarness, step, waitFor, type Harness } from './helpers/harness.js';

let emu: Harness;
let gw: string;

beforeAll(async () => {
  emu = await startHarness({ gateways: { gw: {} } });
  gw = emu.gatewayURL('gw');
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const anthropic = (headers: Record<string, string> = {}) => step({ provider: 'anthropic', endpoint: 'v1/messages', headers: { 'x-api-key': 'k', ...headers } });

describe('fallback', () => {
  it('moves to the next step on a provider 4xx and says which step answered', async () => {
    const res = await post(gw, [step({}, { 'x-fake-status': '400' }), anthropic()]);
    expect(res.status).toBe(200);
    expect(res.headers.get('cf-aig-step')).toBe('1');
    expect((await res.json()).provider).toBe('anthropic');
    expect(emu.calls[0]).toMatchObject({ stepsTried: [0, 1], step: 1 });
    expect(emu.calls[0]!.attempts.map((a) => [a.step, a.status])).toEqual([
      [0, 400],
      [1, 200],
    ]);
  });

  it('moves on when a step exceeds its request timeout (to the first byte)', async () => {
    // The upstream would answer after 60 s: moving on well before proves the timeout fired.
    const res = await post(gw, [step({ config: { requestTimeout: 50 } }, { 'x-fake-delay': '60000' }), anthropic()]);
    expect(res.headers.get('cf-aig-step')).toBe('1');
    expect(emu.calls[0]!.attempts[0]).toMatchObject({ step: 0, outcome: 'timeout' });
    expect(emu.calls[0]!.attempts[0]!.ms).toBeLessThan(30_000);
    expect(emu.fake.aborted).toBeGreaterThanOrEqual(1);
  });

  it('takes the timeout from cf-aig-request-timeout, outer or per step', async () => {
    const res = await post(gw, [step({}, { 'x-fake-delay': '60000' }), anthropic({ 'cf-aig-request-timeout': '0' })], { 'cf-aig-request-timeout': '50' });
    expect(res.headers.get('cf-aig-step')).toBe('1');
  });

  it('does not time out a slow stream once its headers arrived', async () => {
    // The headers come at once (well within 3 s even on a loaded machine); the events 3.5 s apart.
    const res = await post(gw, [step({ query: { stream: true, events: 2 } }, { 'x-emulator-fault': '{"chunkDelayMs":3500}', 'cf-aig-request-timeout': '3000' })]);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('[DONE]');
  });

  it('answers 504/2005 when the last step timed out', async () => {
    const res = await post(gw, [step({ config: { requestTimeout: 30 } }, { 'x-fake-delay': '60000' })]);
    expect(res.status).toBe(504);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cf-aig-step')).toBe('0');
    expect(await res.json()).toEqual({
      success: false,
      result: [],
      messages: [],
      error: [{ code: 2005, message: 'Failed to get response from provider: request timed out' }],
      name: 'AiGatewayError',
      httpCode: 504,
      internalCode: 2005,
    });
  });

  it('answers the last step response with its index when every step fails', async () => {
    const res = await post(gw, [step({}, { 'x-fake-status': '500' }), anthropic({ 'x-fake-status': '404' })]);
    expect(res.status).toBe(404);
    expect(res.headers.get('cf-aig-step')).toBe('1');
    expect(await res.json()).toEqual({ error: { message: 'fake 404' } });
  });

  it("answers 502/2005 instead with onAllStepsFailed: 'gateway-error'", async () => {
    const strict = await startHarness({ gateways: { gw: {} }, onAllStepsFailed: 'gateway-error' });
    try {
      const res = await post(strict.gatewayURL('gw'), [step({}, { 'x-fake-status': '500' }), anthropic({ 'x-fake-status': '404' })]);
      expect(res.status).toBe(502);
      expect(res.headers.get('cf-aig-step')).toBe('1');
      expect((await res.json()).error[0].code).toBe(2005);
      // a single step still passes the provider's own error through
      const single = await post(strict.gatewayURL('gw'), [step({}, { 'x-fake-status': '404' })]);
      expect(single.status).toBe(404);
    } finally {
      await strict.close();
    }
  });
});

describe('retries', () => {
  const gaps = (call: (typeof emu.calls)[number]) => call.attempts.slice(1).map((a, i) => a.at - call.attempts[i]!.at - call.attempts[i]!.ms);

  it('retries 5xx with a constant delay and observes attempts in calls', async () => {
    const res = await post(gw, [step({}, { 'x-emulator-fault': '{"failAttempts":2,"status":503}' })], {
      'cf-aig-max-attempts': '3',
      'cf-aig-retry-delay': '30',
      'cf-aig-backoff': 'constant',
    });
    expect(res.status).toBe(200);
    const call = emu.calls[0]!;
    expect(call.attempts.map((a) => [a.attempt, a.status])).toEqual([
      [1, 503],
      [2, 503],
      [3, 200],
    ]);
    for (const gap of gaps(call)) expect(gap).toBeGreaterThanOrEqual(25);
    expect(call.attempts.map((a) => a.retryDelayMs)).toEqual([30, 30, undefined]);
  });

  it('grows the delay linearly and exponentially', async () => {
    const fault = { 'x-emulator-fault': '{"failAttempts":3,"status":500}' };
    await post(gw, [step({ config: { maxAttempts: 4, retryDelay: 20, backoff: 'linear' } }, fault)]);
    await post(gw, [step({ config: { maxAttempts: 4, retryDelay: 20, backoff: 'exponential' } }, fault)]);
    const [linear, exponential] = emu.calls.map(gaps);
    expect(linear).toHaveLength(3);
    expect(exponential).toHaveLength(3);
    [20, 40, 60].forEach((min, i) => expect(linear![i]).toBeGreaterThanOrEqual(min - 3));
    [20, 40, 80].forEach((min, i) => expect(exponential![i]).toBeGreaterThanOrEqual(min - 3));
    expect(emu.calls.map((c) => c.attempts.map((a) => a.retryDelayMs))).toEqual([
      [20, 40, 60, undefined],
      [20, 40, 80, undefined],
    ]);
  });

  it('retries 429 but not other 4xx, then falls back', async () => {
    await post(gw, [step({}, { 'x-fake-status': '429' }), anthropic()], { 'cf-aig-max-attempts': '2' });
    expect(emu.calls[0]!.attempts.map((a) => [a.step, a.status])).toEqual([
      [0, 429],
      [0, 429],
      [1, 200],
    ]);
    await post(gw, [step({}, { 'x-fake-status': '400' }), anthropic()], { 'cf-aig-max-attempts': '2' });
    expect(emu.calls[1]!.attempts.map((a) => [a.step, a.status])).toEqual([
      [0, 400],
      [1, 200],
    ]);
  });

  it('retries a timed-out attempt', async () => {
    const res = await post(gw, [step({ config: { requestTimeout: 30, maxAttempts: 2 } }, { 'x-emulator-fault': '{"firstByteDelayMs":60000}' })]);
    expect(res.status).toBe(504);
    expect(emu.calls[0]!.attempts.map((a) => a.outcome)).toEqual(['timeout', 'timeout']);
  });

  it('clamps attempts to 5 and the delay to 5000 ms; step config beats headers', async () => {
    await post(gw, [step({ config: { maxAttempts: 9, retryDelay: 0 } }, { 'x-fake-status': '503' })], { 'cf-aig-max-attempts': '2' });
    expect(emu.calls[0]!.attempts).toHaveLength(5);
    const abort = new AbortController();
    const pending = fetch(gw, {
      method: 'POST',
      signal: abort.signal,
      headers: { 'cf-aig-max-attempts': '2', 'cf-aig-retry-delay': '99999' },
      body: JSON.stringify([step({}, { 'x-fake-status': '503' })]),
    });
    // Aborts once the first attempt has failed and the gateway waits before the second (not after a guessed 150 ms).
    const seenBefore = emu.fake.seen.length;
    await waitFor(() => emu.fake.seen.length > seenBefore);
    abort.abort();
    await pending.catch(() => undefined);
    await waitFor(() => emu.calls.length === 2);
    expect(emu.calls[1]!.attempts.map((a) => a.retryDelayMs)).toEqual([5000]);
  });
});
