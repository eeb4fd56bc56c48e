import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorBinding } from '../src/binding.js';
import { formatCallLine } from '../src/index.js';
import { OPENAI_KEY, post, startHarness, step, type Harness } from './helpers/harness.js';

/**
 * The gateway's 2026 control plane: policies (block, spend caps), Guardrails, required credentials
 * (`byok_only`, `cf-aig-no-wholesale`), Unified Billing's rate limit and Workers AI's `rejectIfBusy`,
 * from the gateway settings and from `x-emulator-fault`.
 */
let emu: Harness;

beforeAll(async () => {
  emu = await startHarness({
    gateways: {
      gw: {},
      policies: { policies: { deny: [{ team: 'blocked' }], spendCaps: [{ metadataKey: 'user', limit: 1 }] } },
      guarded: { guardrails: { blockPrompt: ['forbidden-prompt'], blockResponse: ['forbidden-answer', '{"n":5}'] } },
      scannerOut: { guardrails: { scanner: 'no-credits' } },
      scannerDown: { guardrails: { scanner: 'unavailable' } },
      byokOnly: { byokOnly: true },
      billing: { unifiedBilling: { rateLimit: { limit: 2, intervalMs: 3_600_000 }, retryAfter: 7 } },
      busy: { workersAiBusy: { retryAfter: 3 } },
    },
  });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  emu.fake.seen.length = 0;
});

const fault = (value: object) => ({ 'x-emulator-fault': JSON.stringify(value) });
const metadata = (value: object) => ({ 'cf-aig-metadata': JSON.stringify(value) });
const NO_KEY = { provider: 'openai', endpoint: 'chat/completions', headers: {}, query: { model: 'gpt-5-mini', messages: [{ role: 'user', content: 'hi' }] } };
const workersAi = (options?: object) => ({
  provider: 'workers-ai',
  endpoint: 'v1/chat/completions',
  headers: { authorization: 'Bearer cf-token' },
  query: { model: '@cf/meta/llama-3.1-8b-instruct', messages: [{ role: 'user', content: 'hi' }], ...(options ? { options } : {}) },
});

describe('policies', () => {
  it('a deny policy answers 403 with an error object, no code and no cf-aig-step, before any upstream call', async () => {
    const res = await post(emu.gatewayURL('policies'), [step({}, metadata({ team: 'blocked' }))]);
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('{"success":false,"error":{"message":"Access denied by policy"}}');
    expect(res.headers.get('cf-aig-step')).toBeNull();
    expect(res.headers.get('cf-aig-log-id')).not.toBeNull();
    expect(emu.fake.seen).toHaveLength(0);
    expect(emu.calls[0]).toMatchObject({ status: 403, refusal: 'policy-denied' });
    expect(emu.calls[0]!.gatewayError).toBeUndefined();
    expect(formatCallLine({ call: emu.calls[0]! })).toMatch(/status=403 .* refusal=policy-denied$/);
    // Other metadata passes.
    expect((await post(emu.gatewayURL('policies'), [step({}, metadata({ team: 'ok' }))])).status).toBe(200);
  });

  it('a spend cap counts the logged cost per bucket: the request that crosses it passes, the next one is refused', async () => {
    const cost = { 'cf-aig-custom-cost': JSON.stringify({ total_cost: 0.75 }) };
    const alice = { ...metadata({ user: 'alice' }), ...cost };
    expect((await post(emu.gatewayURL('policies'), [step({}, alice)])).status).toBe(200);
    expect((await post(emu.gatewayURL('policies'), [step({}, alice)])).status).toBe(200);
    const refused = await post(emu.gatewayURL('policies'), [step({}, alice)]);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ success: false, error: { message: 'Spending limit exceeded', bucket: 'user:alice', spent: 1.5, limit: 1 } });
    expect(refused.headers.get('cf-aig-step')).toBeNull();
    expect(emu.fake.seen).toHaveLength(2);
    // Another bucket is not affected.
    expect((await post(emu.gatewayURL('policies'), [step({}, { ...metadata({ user: 'bob' }), ...cost })])).status).toBe(200);
    expect(emu.calls.map((c) => c.refusal)).toEqual([undefined, undefined, 'spend-cap', undefined]);
  });

  it('x-emulator-fault: policy "deny" and spendCap, per request', async () => {
    const denied = await post(emu.gatewayURL('gw'), [step()], fault({ policy: 'deny' }));
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({ success: false, error: { message: 'Access denied by policy' } });
    const capped = await post(emu.gatewayURL('gw'), [step()], fault({ spendCap: { bucket: 'user:u1', spent: 5.5, limit: 5 } }));
    expect(capped.status).toBe(429);
    expect(await capped.json()).toEqual({ success: false, error: { message: 'Spending limit exceeded', bucket: 'user:u1', spent: 5.5, limit: 5 } });
    expect(emu.fake.seen).toHaveLength(0);
    expect(emu.calls.map((c) => c.refusal)).toEqual(['policy-denied', 'spend-cap']);
  });

  it('gatewayError takes any refusal shape: an object or a list, with or without a code, with or without cf-aig-step', async () => {
    const cases: [object, number, unknown, string | null][] = [
      [{ status: 403, message: 'Access denied by policy', shape: 'list' }, 403, { success: false, error: [{ message: 'Access denied by policy' }] }, null],
      [{ code: 2016, shape: 'object' }, 424, { success: false, error: { code: 2016, message: 'Prompt blocked due to security configurations' } }, '0'],
      [{ status: 429, message: 'Slow down', stepHeader: true, retryAfter: 2 }, 429, { success: false, error: { message: 'Slow down' } }, '0'],
    ];
    for (const [spec, status, body, stepHeader] of cases) {
      const res = await post(emu.gatewayURL('gw'), [step()], fault({ gatewayError: spec }));
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual(body);
      expect(res.headers.get('cf-aig-step')).toBe(stepHeader);
    }
    expect(emu.calls[2]!.responseHeaders?.['retry-after']).toBe('2');
  });
});

describe('Guardrails', () => {
  it('a blocked prompt answers 424/2016 without calling the upstream', async () => {
    const res = await post(emu.gatewayURL('guarded'), [step({ query: { model: 'gpt-5-mini', messages: [{ role: 'user', content: 'say forbidden-prompt' }] } })]);
    expect(res.status).toBe(424);
    expect((await res.json()) as unknown).toMatchObject({ success: false, error: [{ code: 2016 }], internalCode: 2016, name: 'AiGatewayError' });
    expect(emu.fake.seen).toHaveLength(0);
    expect(emu.calls[0]!.refusal).toBe('guardrail-prompt');
  });

  it('a blocked response is read whole, streamed or not, and answers 424/2017', async () => {
    // The fake upstream echoes the request, and streams events `{"n":0}` … `{"n":<events - 1>}`.
    const queries = [
      { model: 'gpt-5-mini', messages: [{ role: 'user', content: 'echo forbidden-answer' }] },
      { model: 'gpt-5-mini', messages: [], stream: true, events: 8 },
    ];
    for (const query of queries) {
      const res = await post(emu.gatewayURL('guarded'), [step({ query })]);
      expect(res.status).toBe(424);
      expect((await res.json()) as unknown).toMatchObject({ error: [{ code: 2017 }] });
    }
    expect(emu.fake.seen).toHaveLength(2);
    expect(emu.calls.map((c) => c.refusal)).toEqual(['guardrail-response', 'guardrail-response']);
  });

  it('a passing stream is buffered and sent whole', async () => {
    const res = await post(emu.gatewayURL('guarded'), [step({ query: { model: 'gpt-5-mini', messages: [], stream: true, events: 4 } })]);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).not.toBeNull();
    expect((await res.text()).match(/data: /g)?.length).toBeGreaterThanOrEqual(4);
  });

  it('a response block on a Workers AI run-form model answers 422', async () => {
    const run = { provider: 'workers-ai', endpoint: '@cf/meta/llama-3.1-8b-instruct', headers: { authorization: 'Bearer t' }, query: { prompt: 'hi' } };
    const res = await post(emu.gatewayURL('gw'), [run], fault({ guardrail: 'response' }));
    expect(res.status).toBe(422);
    expect((await res.json()) as unknown).toMatchObject({ error: [{ code: 2017 }] });
  });

  it('the scanner out of credits answers 402/2021, unavailable 503/7013; the fault does the same per request', async () => {
    expect((await post(emu.gatewayURL('scannerOut'), [step()])).status).toBe(402);
    expect((await post(emu.gatewayURL('scannerDown'), [step()])).status).toBe(503);
    expect((await post(emu.gatewayURL('gw'), [step()], fault({ guardrail: 'no-credits' }))).status).toBe(402);
    const down = await post(emu.gatewayURL('gw'), [step()], fault({ guardrail: 'unavailable' }));
    expect(down.status).toBe(503);
    expect((await down.json()) as unknown).toMatchObject({ error: [{ code: 7013 }] });
    expect(emu.fake.seen).toHaveLength(0);
    expect(emu.calls.map((c) => c.refusal)).toEqual(['guardrail-no-credits', 'guardrail-unavailable', 'guardrail-no-credits', 'guardrail-unavailable']);
  });
});

describe('credentials and Unified Billing', () => {
  it('byok_only: a request without credentials answers 400; one with a key passes', async () => {
    const res = await post(emu.gatewayURL('byokOnly'), [NO_KEY]);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^Provider credentials required/);
    expect(emu.calls[0]!.refusal).toBe('no-credentials');
    expect((await post(emu.gatewayURL('byokOnly'), [step()])).status).toBe(200);
    expect(emu.fake.seen).toHaveLength(1);
  });

  it('cf-aig-no-wholesale: true answers 400 without credentials, even where Unified Billing would pay', async () => {
    const res = await post(emu.gatewayURL('billing'), [NO_KEY], { 'cf-aig-no-wholesale': 'true' });
    expect(res.status).toBe(400);
    expect(emu.calls[0]!.refusal).toBe('no-credentials');
    // Without the header Unified Billing pays: the upstream gets Cloudflare's key.
    expect((await post(emu.gatewayURL('billing'), [NO_KEY])).status).toBe(200);
    expect(emu.fake.seen).toHaveLength(1);
    expect(emu.fake.seen[0]!.byok).toBe(true);
  });

  it("Unified Billing's rate limit: over it, 429 without a code, with the configured retry-after; BYOK requests are not counted", async () => {
    expect((await post(emu.gatewayURL('billing'), [NO_KEY])).status).toBe(200);
    expect((await post(emu.gatewayURL('billing'), [step({}, OPENAI_KEY)])).status).toBe(200);
    expect((await post(emu.gatewayURL('billing'), [NO_KEY])).status).toBe(200);
    const limited = await post(emu.gatewayURL('billing'), [NO_KEY]);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(await limited.json()).toEqual({ success: false, error: { message: 'Unified Billing rate limit exceeded: 200 requests per 60 seconds' } });
    expect(emu.calls.at(-1)!.refusal).toBe('unified-billing-rate-limit');
    const faulted = await post(emu.gatewayURL('gw'), [step()], fault({ unifiedBillingRateLimit: true, retryAfter: 1 }));
    expect(faulted.status).toBe(429);
    expect(faulted.headers.get('retry-after')).toBe('1');
  });
});

describe('Workers AI rejectIfBusy', () => {
  it('busy: a request with options.rejectIfBusy answers 429/3040; one without waits and is answered', async () => {
    const rejected = await post(emu.gatewayURL('busy'), [workersAi({ rejectIfBusy: true })]);
    expect(rejected.status).toBe(429);
    expect(rejected.headers.get('retry-after')).toBe('3');
    expect((await rejected.json()) as unknown).toMatchObject({ success: false, errors: [{ code: 3040 }] });
    expect(emu.calls[0]!.refusal).toBe('workers-ai-busy');
    expect((await post(emu.gatewayURL('busy'), [workersAi()])).status).toBe(200);
    // The x-emulator-fault form, on a gateway that is not busy.
    expect((await post(emu.gatewayURL('gw'), [workersAi({ rejectIfBusy: true })], fault({ workersAiBusy: true }))).status).toBe(429);
    expect((await post(emu.gatewayURL('gw'), [workersAi({ rejectIfBusy: true })])).status).toBe(200);
  });
});

describe('the binding double', () => {
  it('throws a refusal without a code as an AiGatewayError with the message alone, its status and fields', async () => {
    const gateway = emulatorBinding({ baseURL: emu.baseURL, accountId: emu.accountId, gateway: 'gw', token: emu.token });
    const denied = await gateway.run(step(), { extraHeaders: fault({ policy: 'deny' }) }).catch((error: unknown) => error);
    expect(denied).toMatchObject({ name: 'AiGatewayError', message: 'Access denied by policy', httpCode: 403 });
    const capped = await gateway.run(step(), { extraHeaders: fault({ spendCap: { bucket: 'user:u', spent: 2, limit: 1 } }) }).catch((error: unknown) => error);
    expect(capped).toMatchObject({ name: 'AiGatewayError', message: 'Spending limit exceeded', httpCode: 429, bucket: 'user:u', spent: 2, limit: 1 });
    const coded = await gateway.run(step(), { extraHeaders: fault({ guardrail: 'prompt' }) }).catch((error: unknown) => error);
    expect(coded).toMatchObject({ name: 'AiGatewayError', message: '2016: Prompt blocked due to security configurations', httpCode: 424, internalCode: 2016 });
  });
});

describe('checks', () => {
  it.each([
    [{ policy: 'allow' }, /'policy' must be "deny"/],
    [{ guardrail: 'both' }, /'guardrail' must be one of/],
    [{ spendCap: { bucket: 1 } }, /'spendCap.bucket'/],
    [{ spendCap: { spent: -1 } }, /'spendCap.spent'/],
    [{ retryAfter: -1 }, /'retryAfter'/],
    [{ gatewayError: { shape: 'tree' } }, /'gatewayError.shape'/],
    [{ gatewayError: { code: 2016, extra: 1 } }, /unknown field 'gatewayError.extra'/],
  ])('x-emulator-fault %j answers a 400 naming the field', async (value, message) => {
    const res = await post(emu.gatewayURL('gw'), [step()], fault(value));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string }[] }).error[0]!.message).toMatch(message);
  });
});
