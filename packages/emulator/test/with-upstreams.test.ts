import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ gateways: { gw: { byok: { anthropic: 'stored' } } } });
});
afterAll(() => emu.close());

const chat = { model: 'gpt-5-mini', messages: [{ role: 'user', content: 'hello' }] };

describe('the gateway with the default simulated providers', () => {
  it('answers a provider-native OpenAI chat completion', async () => {
    const res = await fetch(`${emu.gatewayURL('gw')}/openai/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-test', 'content-type': 'application/json' },
      body: JSON.stringify(chat),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cf-aig-step')).toBe('0');
    expect((await res.json()).object).toBe('chat.completion');
  });

  it('streams an Anthropic answer through a universal step with a stored key', async () => {
    const res = await fetch(emu.gatewayURL('gw'), {
      method: 'POST',
      body: JSON.stringify({ provider: 'anthropic', endpoint: 'v1/messages', headers: {}, query: { model: 'claude-sonnet-4-5', max_tokens: 50, stream: true, messages: [{ role: 'user', content: 'hi' }] } }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const text = await res.text();
    expect(text).toContain('event: message_start');
    expect(text).toContain('message_stop');
  });

  it('falls back past a scripted provider error', async () => {
    const res = await fetch(emu.gatewayURL('gw'), {
      method: 'POST',
      body: JSON.stringify([
        { provider: 'openai', endpoint: 'chat/completions', headers: { authorization: 'Bearer sk', 'x-emulator-reply': '{"status":500}' }, query: chat },
        { provider: 'groq', endpoint: 'chat/completions', headers: { authorization: 'Bearer gsk' }, query: chat },
      ]),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cf-aig-step')).toBe('1');
  });

  it('passes the provider 401 through without a key', async () => {
    const res = await fetch(`${emu.gatewayURL('gw')}/openai/chat/completions`, { method: 'POST', body: JSON.stringify(chat) });
    expect(res.status).toBe(401);
    expect(await res.json()).toHaveProperty('error');
  });
});
