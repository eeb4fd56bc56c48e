import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorBinding } from '../src/binding.js';
import { startHarness, step, type Harness } from './helpers/harness.js';

let emu: Harness;

beforeAll(async () => {
  emu = await startHarness({ accountId: 'acct', gateways: { locked: { authentication: true, byok: { openai: 'sk-stored' } } } });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  emu.fake.seen.length = 0;
});

describe('the binding double', () => {
  it('runs a step or a chain pre-authenticated, with query as an object', async () => {
    const gateway = emu.binding('locked');
    const res = await gateway.run({ provider: 'openai', endpoint: 'chat/completions', headers: {}, query: { model: 'gpt-5-mini' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cf-aig-step')).toBe('0');
    expect(emu.fake.seen[0]).toMatchObject({ byok: true, provider: 'openai' });
    const chain = await gateway.run([step({}, { 'x-fake-status': '500' }), step()]);
    expect(chain.headers.get('cf-aig-step')).toBe('1');
  });

  it('maps gateway options to cf-aig-* headers', async () => {
    const gateway = emu.binding('locked');
    const options = {
      gateway: { cacheTtl: 60, metadata: { user: 'u', n: 1n }, eventId: 'ev-1', retries: { maxAttempts: 2, retryDelayMs: 1, backoff: 'constant' as const } },
      extraHeaders: { 'x-extra': 'yes' },
    };
    const first = await gateway.run(step({}, { 'x-emulator-fault': '{"failAttempts":1}' }), options);
    expect(first.status).toBe(200);
    expect(first.headers.get('cf-aig-event-id')).toBe('ev-1');
    expect(first.headers.get('cf-aig-cache-status')).toBe('MISS');
    expect(emu.calls[0]!.attempts).toHaveLength(2);
    expect(emu.calls[0]!.requestHeaders['x-extra']).toBe('yes');
    expect(emu.logs[0]!.metadata).toEqual({ user: 'u', n: '1' });
    const second = await gateway.run(step(), { gateway: { cacheTtl: 60, skipCache: true } });
    expect(second.headers.get('cf-aig-cache-status')).toBeNull();
  });

  it('throws an AiGatewayError on a gateway error envelope, returns provider errors as a Response', async () => {
    emu.faults.set({ gatewayError: 2021, times: 1 });
    const gateway = emu.binding('locked');
    const error = await gateway.run(step()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('AiGatewayError');
    expect((error as Error).message).toBe('2021: Insufficient AI Gateway credits');
    const providerError = await gateway.run(step({}, { 'x-fake-status': '404' }));
    expect(providerError.status).toBe(404);
    expect(await providerError.json()).toEqual({ error: { message: 'fake 404' } });
  });

  it('is authenticated only with the token', async () => {
    const anonymous = emulatorBinding({ baseURL: emu.baseURL, accountId: 'acct', gateway: 'locked' });
    await expect(anonymous.run(step())).rejects.toThrow('2009: Unauthorized');
  });

  it('builds URLs like getUrl', async () => {
    const gateway = emu.binding('locked');
    expect(await gateway.getUrl()).toBe(`${emu.baseURL}/acct/locked/`);
    expect(await gateway.getUrl('openai')).toBe(`${emu.baseURL}/acct/locked/openai`);
  });

  it('reads and patches log entries', async () => {
    const gateway = emu.binding('locked');
    const res = await gateway.run(step(), { gateway: { metadata: { a: 1 } } });
    const id = res.headers.get('cf-aig-log-id')!;
    const log = await gateway.getLog(id);
    expect(log).toMatchObject({ id, provider: 'openai', model: 'gpt-5-mini', status_code: 200, success: true, metadata: { a: 1 } });
    await expect(gateway.patchLog(id, { feedback: -1, score: 10, metadata: { b: 2 } })).resolves.toBeUndefined();
    expect(await gateway.getLog(id)).toMatchObject({ feedback: -1, score: 10, metadata: { b: 2 } });
    const missing = await gateway.getLog('01NOTHERE').catch((e: unknown) => e);
    expect((missing as Error).name).toBe('AiGatewayLogNotFound');
  });

  it('honours an AbortSignal', async () => {
    const controller = new AbortController();
    const pending = emu.binding('locked').run(step({}, { 'x-fake-delay': '2000' }), { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toThrow();
  });

  it('is importable from its own entry without node: modules', async () => {
    const { readFileSync } = await import('node:fs');
    const source = readFileSync(new URL('../src/binding.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/from ['"]node:/);
    expect(source).not.toMatch(/^import /m);
  });
});
