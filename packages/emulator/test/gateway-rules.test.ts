import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { post, startHarness, step, type Harness } from './helpers/harness.js';

let emu: Harness;
let clock = 5_000_000;

beforeAll(async () => {
  emu = await startHarness({
    accountId: 'acct',
    token: 'tok-secret',
    now: () => clock,
    gateways: {
      open: { collectLog: true },
      locked: { authentication: true },
      limited: { rateLimit: { limit: 2, intervalMs: 1000 } },
      quiet: { collectLog: false },
      keys: { byok: { openai: 'sk-stored', anthropic: { default: 'a1', work: 'a2' } }, cacheTtl: 120 },
    },
  });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  emu.fake.seen.length = 0;
});

const envelope = (status: number, code: number, message: string) =>
  `{"success":false,"result":[],"messages":[],"error":[{"code":${code},"message":"${message}"}],"name":"AiGatewayError","httpCode":${status},"internalCode":${code}}`;

describe('authentication and gateways', () => {
  it('answers 401/2009 byte for byte without a valid cf-aig-authorization', async () => {
    const attempts: Record<string, string>[] = [{}, { 'cf-aig-authorization': 'Bearer wrong' }, { 'cf-aig-authorization': 'tok-secret' }];
    for (const headers of attempts) {
      const res = await post(emu.gatewayURL('locked'), [step()], headers);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(res.headers.get('cf-aig-step')).toBe('0');
      expect(res.headers.get('cf-aig-log-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(await res.text()).toBe(envelope(401, 2009, 'Unauthorized'));
    }
    const ok = await post(emu.gatewayURL('locked'), [step()], { 'cf-aig-authorization': 'Bearer tok-secret' });
    expect(ok.status).toBe(200);
    expect(emu.fake.seen).toHaveLength(1);
    expect(emu.calls.map((c) => c.gatewayError)).toEqual([2009, 2009, 2009, undefined]);
    expect(emu.logs).toHaveLength(1); // refused requests leave no log entry
  });

  it('answers 400/2001 for an unknown gateway or account', async () => {
    const res = await post(emu.gatewayURL('nope'), [step()]);
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(envelope(400, 2001, 'Please configure AI Gateway in the Cloudflare dashboard'));
    const wrongAccount = await post(emu.gatewayURL('open').replace('/acct/', '/other/'), [step()]);
    expect(wrongAccount.status).toBe(400);
  });

  it('creates the default gateway on the first authenticated request only', async () => {
    const anonymous = await post(emu.gatewayURL('default'), [step()]);
    expect(anonymous.status).toBe(400);
    expect(emu.gateways).not.toContain('default');
    const authed = await post(emu.gatewayURL('default'), [step()], { 'cf-aig-authorization': 'Bearer tok-secret' });
    expect(authed.status).toBe(200);
    expect(emu.gateways).toContain('default');
    const anonymousAgain = await post(emu.gatewayURL('default'), [step()]);
    expect(anonymousAgain.status).toBe(401);
  });

  it('rate limits with 429/2003 per window', async () => {
    const url = emu.gatewayURL('limited');
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(url, [step()])).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect(await (await post(url, [step()])).text()).toBe(envelope(429, 2003, 'Rate limited'));
    clock += 1000;
    expect((await post(url, [step()])).status).toBe(200);
  });

  it('redacts secrets in calls', async () => {
    await post(emu.gatewayURL('open'), [step()], { 'cf-aig-authorization': 'Bearer tok-secret', 'x-amz-date': '2025', 'x-api-key': 'k', 'x-other': 'v' });
    const call = emu.calls[0]!;
    expect(call.requestHeaders).toMatchObject({ 'cf-aig-authorization': '[REDACTED]', 'x-amz-date': '[REDACTED]', 'x-api-key': '[REDACTED]', 'x-other': 'v' });
    expect(call.attempts[0]!.headers.authorization).toBe('[REDACTED]');
    expect(JSON.stringify(emu.calls)).not.toMatch(/tok-secret|sk-test-secret/);
  });
});

describe('metadata and logs', () => {
  const metaOf = async (header: string) => {
    const res = await post(emu.gatewayURL('open'), [step()], { 'cf-aig-metadata': header });
    const id = res.headers.get('cf-aig-log-id')!;
    return emu.logs.find((l) => l.id === id)!.metadata;
  };

  it('keeps at most 5 entries, strips cf. keys, and nulls the whole metadata on an object or null value', async () => {
    expect(await metaOf('{"a":1,"b":"x","c":true,"d":4,"e":5,"f":6}')).toEqual({ a: 1, b: 'x', c: true, d: 4, e: 5 });
    expect(await metaOf('{"cf.user":"x","a":1}')).toEqual({ a: 1 });
    expect(await metaOf('{"a":1,"b":{"nested":true}}')).toBeNull();
    expect(await metaOf('{"a":1,"b":null}')).toBeNull();
    expect(await metaOf('not json')).toBeNull();
  });

  it('writes a log entry with the fields of docs/protocol.md#logs, readable and patchable over HTTP', async () => {
    const res = await post(emu.gatewayURL('open'), [step()], { 'cf-aig-metadata': '{"user":"u1"}' });
    const id = res.headers.get('cf-aig-log-id')!;
    const got = await fetch(`${emu.gatewayURL('open')}/logs/${id}`);
    expect(got.status).toBe(200);
    const { result, success } = await got.json();
    expect(success).toBe(true);
    expect(result).toMatchObject({
      id,
      provider: 'openai',
      model: 'gpt-5-mini',
      path: 'chat/completions',
      status_code: 200,
      success: true,
      cached: false,
      step: 0,
      metadata: { user: 'u1' },
      tokens_in: 3,
      tokens_out: 5,
      request_content_type: 'application/json',
      response_content_type: 'application/json',
      request_head_complete: true,
      response_head_complete: true,
    });
    expect(typeof result.duration).toBe('number');
    expect(result.request_size).toBeGreaterThan(0);
    expect(new Date(result.created_at).getTime()).toBe(clock);
    const patched = await fetch(`${emu.gatewayURL('open')}/logs/${id}`, { method: 'PATCH', body: JSON.stringify({ feedback: 1, score: 80 }) });
    expect(patched.status).toBe(200);
    expect(emu.logs.find((l) => l.id === id)).toMatchObject({ feedback: 1, score: 80 });
    const restURL = emu.baseURL.replace('/v1', `/client/v4/accounts/acct/ai-gateway/gateways/open/logs/${id}`);
    const rest = await fetch(restURL, { headers: { authorization: `Bearer ${emu.token}` } });
    expect((await rest.json()).result.feedback).toBe(1);
    // The REST API always wants its token, in `authorization`, even for an open gateway.
    const refusedHeaders: Record<string, string>[] = [{}, { 'cf-aig-authorization': `Bearer ${emu.token}` }, { authorization: 'Bearer wrong' }];
    for (const headers of refusedHeaders) {
      const refused = await fetch(restURL, { headers });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ success: false, errors: [{ code: 10000, message: 'Authentication error' }] });
    }
    const missing = await fetch(`${emu.gatewayURL('open')}/logs/01NOPE`);
    expect(missing.status).toBe(404);
    const bad = await fetch(`${emu.gatewayURL('open')}/logs/${id}`, { method: 'PATCH', body: JSON.stringify({ feedback: 3 }) });
    expect(bad.status).toBe(400);
  });

  it('collects no log when the gateway or cf-aig-collect-log says so', async () => {
    const quiet = await post(emu.gatewayURL('quiet'), [step()]);
    expect(quiet.headers.get('cf-aig-log-id')).toBeTruthy();
    const loud = await post(emu.gatewayURL('quiet'), [step()], { 'cf-aig-collect-log': 'true' });
    await post(emu.gatewayURL('open'), [step({}, { 'cf-aig-collect-log': 'false' })]);
    expect(emu.logs.map((l) => l.id)).toEqual([loud.headers.get('cf-aig-log-id')]);
  });

  it('omits the payload heads with cf-aig-collect-log-payload: false', async () => {
    await post(emu.gatewayURL('open'), [step()], { 'cf-aig-collect-log-payload': 'false' });
    expect(emu.logs[0]!.request_head).toBeUndefined();
    expect(emu.logs[0]!.response_head).toBeUndefined();
  });
});

describe('precedence and BYOK', () => {
  it('lets a step override the request, and the request override the gateway', async () => {
    const url = emu.gatewayURL('keys');
    // gateway cacheTtl 120 → cached; request 0 → off; step 60 beats request 0 → cached again
    expect((await post(url, [step()])).headers.get('cf-aig-cache-status')).toBe('MISS');
    expect((await post(url, [step()], { 'cf-aig-cache-ttl': '0' })).headers.get('cf-aig-cache-status')).toBeNull();
    expect((await post(url, [step({}, { 'cf-aig-cache-ttl': '60' })], { 'cf-aig-cache-ttl': '0' })).headers.get('cf-aig-cache-status')).toBe('HIT');
    const meta = await post(url, [step({}, { 'cf-aig-metadata': '{"from":"step"}' })], { 'cf-aig-metadata': '{"from":"request"}' });
    expect(emu.logs.find((l) => l.id === meta.headers.get('cf-aig-log-id'))!.metadata).toEqual({ from: 'step' });
  });

  it('uses the stored key when the request carries no provider key', async () => {
    const url = emu.gatewayURL('keys');
    const res = await post(url, [step({ headers: {} })], { 'cf-aig-skip-cache': 'true' });
    expect(res.status).toBe(200);
    expect(emu.fake.seen[0]!.byok).toBe(true);
    expect(emu.fake.seen[0]!.headers.authorization).toBeUndefined();
    await post(url, [step()], { 'cf-aig-skip-cache': 'true' });
    expect(emu.fake.seen[1]!.byok).toBe(false);
    // the Cloudflare token in the provider slot is not a provider key
    await post(url, [step({ headers: { authorization: 'Bearer tok-secret' } })], { 'cf-aig-skip-cache': 'true' });
    expect(emu.fake.seen[2]).toMatchObject({ byok: true, headers: {} });
    // no stored key: the provider's own 401
    const none = await post(url, [step({ provider: 'groq', headers: {} })]);
    expect(none.status).toBe(401);
    expect(emu.fake.seen[3]!.byok).toBe(false);
  });

  it('picks a named alias with cf-aig-byok-alias and answers 400/2040 for an unknown one', async () => {
    const url = emu.gatewayURL('keys');
    const anthropic = step({ provider: 'anthropic', endpoint: 'v1/messages', headers: {} });
    expect((await post(url, [anthropic], { 'cf-aig-byok-alias': 'work' })).status).toBe(200);
    expect(emu.fake.seen[0]!.byok).toBe(true);
    const res = await fetch(`${url}/anthropic/v1/messages`, { method: 'POST', headers: { 'cf-aig-byok-alias': 'home' }, body: '{}' });
    expect(res.status).toBe(400);
    expect(res.headers.get('cf-aig-step')).toBe('0');
    expect(await res.text()).toBe(envelope(400, 2040, "Provider 'anthropic' has no BYOK credential named 'home'. Configured aliases: default, work"));
  });

  it('applies BYOK to compat by the model prefix', async () => {
    const res = await post(`${emu.gatewayURL('keys')}/compat/chat/completions`, { model: 'openai/gpt-5-mini' }, { 'cf-aig-skip-cache': 'true' });
    expect(res.status).toBe(200);
    expect(emu.fake.seen[0]).toMatchObject({ provider: 'compat', byok: true });
  });
});
