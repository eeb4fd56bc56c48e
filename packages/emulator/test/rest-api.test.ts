import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { echoText, startEmulator, type Emulator } from '../src/index.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ gateways: { 'team-gateway': { authentication: true, byok: { openai: 'stored', anthropic: 'stored' } } } });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const ai = (path: string) => `${emu.baseURL.replace(/\/v1$/, '')}/client/v4/accounts/${emu.accountId}/ai/${path}`;
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(ai(path), { method: 'POST', headers: { authorization: `Bearer ${emu.token}`, 'cf-aig-gateway-id': 'team-gateway', 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const chat = (prompt: string) => ({ messages: [{ role: 'user', content: prompt }] });

describe('the REST API model routes (/client/v4/accounts/{account}/ai/...)', () => {
  it('runs a @cf model from the { model, input } envelope on ai/run, as a call of the cf-aig-gateway-id gateway', async () => {
    const res = await post('run', { model: '@cf/meta/llama-3.1-8b-instruct', input: chat('Hello envelope') });
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain(echoText('Hello envelope'));
    expect(emu.calls.at(-1)).toMatchObject({ gateway: 'team-gateway', status: 200 });
    expect(emu.calls.at(-1)!.attempts[0]).toMatchObject({ provider: 'workers-ai', endpoint: '@cf/meta/llama-3.1-8b-instruct' });
  });

  it('runs a @cf model on ai/run/{model} and on ai/v1/chat/completions', async () => {
    const run = await post('run/@cf/meta/llama-3.1-8b-instruct', chat('Hello run'));
    expect(run.status).toBe(200);
    expect(JSON.stringify(await run.json())).toContain(echoText('Hello run'));
    const completions = await post('v1/chat/completions', { model: '@cf/meta/llama-3.1-8b-instruct', ...chat('Hello chat') });
    expect(completions.status).toBe(200);
    expect(((await completions.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content).toBe(echoText('Hello chat'));
    expect(emu.calls.map((c) => c.gateway)).toEqual(['team-gateway', 'team-gateway']);
  });

  it('answers catalog ids on ai/v1/chat/completions, ai/v1/responses (OpenAI) and ai/v1/messages (Anthropic) with the stored keys', async () => {
    const completions = await post('v1/chat/completions', { model: 'openai/gpt-5-mini', ...chat('Hello catalog') });
    expect(completions.status).toBe(200);
    expect(JSON.stringify(await completions.json())).toContain(echoText('Hello catalog'));
    const responses = await post('v1/responses', { model: 'openai/gpt-5-mini', input: 'Hello responses' });
    expect(responses.status).toBe(200);
    expect(JSON.stringify(await responses.json())).toContain(echoText('Hello responses'));
    const messages = await post('v1/messages', { model: 'anthropic/claude-sonnet-4-5', max_tokens: 100, ...chat('Hello messages') });
    expect(messages.status).toBe(200);
    expect(JSON.stringify(await messages.json())).toContain(echoText('Hello messages'));
    expect(emu.calls.map((c) => [c.gateway, c.attempts[0]?.provider, c.attempts[0]?.byok])).toEqual([
      ['team-gateway', 'compat', true],
      ['team-gateway', 'openai', true],
      ['team-gateway', 'anthropic', true],
    ]);
  });

  it('takes the account default gateway without cf-aig-gateway-id', async () => {
    const res = await fetch(ai('v1/chat/completions'), {
      method: 'POST',
      headers: { authorization: `Bearer ${emu.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: '@cf/meta/llama-3.1-8b-instruct', ...chat('Hi') }),
    });
    expect(res.status).toBe(200);
    expect(emu.calls.at(-1)!.gateway).toBe('default');
  });

  it('refuses a missing or wrong Cloudflare API token (401, code 10000) and an unknown gateway (2001)', async () => {
    const wrong = await post('v1/chat/completions', { model: '@cf/meta/llama-3.1-8b-instruct', ...chat('Hi') }, { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(await wrong.json())).toContain('10000');
    const unknown = await post('v1/chat/completions', { model: '@cf/meta/llama-3.1-8b-instruct', ...chat('Hi') }, { 'cf-aig-gateway-id': 'no-such-gateway' });
    expect(JSON.stringify(await unknown.json())).toContain('2001');
  });

  it('refuses a model the route does not serve', async () => {
    expect((await post('v1/responses', { model: 'anthropic/claude-sonnet-4-5', input: 'Hi' })).status).toBe(400);
    expect((await post('v1/messages', { model: '@cf/meta/llama-3.1-8b-instruct', ...chat('Hi') })).status).toBe(400);
    expect((await post('v1/embeddings', { model: 'openai/text-embedding-3-small', input: 'Hi' })).status).toBe(400);
  });
});
