import { describeTransportConformance } from '@aigw/core/testing';
import { startEmulator, unusedPort, type Emulator } from '@aigw/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignedTransport, verifySignature } from '../src/signed-transport.ts';

const SIGNING_KEY = 'conformance-signing-secret';
let emulator: Emulator;
let closedPort: number;
const lines: string[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ gateways: { 'emulator-gateway': { authentication: true } } });
  closedPort = await unusedPort();
});

afterAll(async () => {
  await emulator?.close();
});

describeTransportConformance({
  name: 'signed-http (example custom transport)',
  target: () => ({ baseURL: emulator.baseURL, accountId: emulator.accountId, gateway: 'emulator-gateway', token: emulator.token }),
  createTransport: (t) =>
    createSignedTransport({ baseURL: t.baseURL, accountId: t.accountId, gateway: t.gateway, token: t.token, signingKey: SIGNING_KEY, log: (line) => lines.push(line) }),
  unreachable: () =>
    createSignedTransport({ baseURL: `http://127.0.0.1:${closedPort}/v1`, accountId: 'a', gateway: 'g', token: emulator.token, signingKey: SIGNING_KEY, log: () => undefined }),
});

describe('signed-http extras', () => {
  it('signs every request so that the other side can verify it, body included', async () => {
    const received: Request[] = [];
    const transport = createSignedTransport({
      baseURL: emulator.baseURL,
      accountId: emulator.accountId,
      gateway: 'emulator-gateway',
      token: emulator.token,
      signingKey: SIGNING_KEY,
      log: () => undefined,
      fetch: (input, init) => {
        received.push(new Request(input, init));
        return fetch(input, init);
      },
    });
    const body = JSON.stringify({ model: 'gpt-5-mini', messages: [{ role: 'user', content: 'sign me' }] });
    const response = await transport.send({
      mode: 'universal',
      steps: [{ provider: 'openai', endpoint: 'chat/completions', method: 'POST', headers: { authorization: 'Bearer sk-x' }, body, json: true }],
      headers: {},
    });
    expect(response.status).toBe(200);
    await response.body?.cancel();
    const request = received[0]!;
    expect(await verifySignature({ request, signingKey: SIGNING_KEY })).toBe(true);
    expect(await verifySignature({ request, signingKey: 'another-secret' })).toBe(false);
    const tampered = new Request(request.url, { method: 'POST', headers: request.headers, body: (await request.clone().text()).replace('sign me', 'signed') });
    expect(await verifySignature({ request: tampered, signingKey: SIGNING_KEY })).toBe(false);
    expect(await verifySignature({ request, signingKey: SIGNING_KEY, now: Date.now() + 600_000 })).toBe(false);
    expect(emulator.calls.at(-1)!.requestHeaders['x-aigw-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
  });

  it('logged one line per send, without bodies or secrets', () => {
    expect(lines.length).toBeGreaterThan(1000);
    for (const line of lines) {
      expect(line).toMatch(/^signed-http (POST|GET) (universal|provider) steps=[a-z0-9,-]+ status=(\d{3} step=(\d+|-)|aborted|network-error) \d+ms$/);
      for (const secret of [SIGNING_KEY, emulator.token, 'sk-conformance-provider-key']) expect(line).not.toContain(secret);
    }
  });
});

