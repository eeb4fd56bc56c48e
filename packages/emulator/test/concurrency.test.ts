import { connect } from 'node:net';
import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startHarness, step } from './helpers/harness.js';

/** POSTs with node:http through a keep-alive agent we own, so the test can see its sockets. */
function send(agent: Agent, url: string, body: string): Promise<{ status: number; text: string; step: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, step: res.headers['cf-aig-step'] as string | undefined }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('load and shutdown', () => {
  it('answers 1000 concurrent requests correctly and leaves no socket open after close()', async () => {
    const emu = await startHarness({ gateways: { gw: {} } });
    const agent = new Agent({ keepAlive: true });
    const url = emu.gatewayURL('gw');
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        send(agent, url, JSON.stringify([step({ provider: i % 2 === 0 ? 'openai' : 'groq', query: { model: `m-${i}` } })])),
      ),
    );
    results.forEach((result, i) => {
      expect(result.status).toBe(200);
      expect(result.step).toBe('0');
      const body = JSON.parse(result.text);
      expect(body.model).toBe(`m-${i}`);
      expect(body.provider).toBe(i % 2 === 0 ? 'openai' : 'groq');
    });
    expect(emu.calls).toHaveLength(1000);
    expect(new Set(emu.calls.map((c) => c.logId)).size).toBe(1000);

    const open = await new Promise<number>((resolve, reject) => emu.server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
    expect(open).toBeGreaterThan(0); // keep-alive sockets are still there
    await emu.close();
    expect(emu.server.listening).toBe(false);
    const after = await new Promise<number>((resolve, reject) => emu.server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
    expect(after).toBe(0);
    // the client side sees every socket closed, within a bounded wait
    const deadline = Date.now() + 60_000;
    const clientSockets = () => Object.values(agent.sockets).flat().length + Object.values(agent.freeSockets).flat().length;
    while (clientSockets() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(clientSockets()).toBe(0);
    await expect(
      new Promise((resolve, reject) => {
        const socket = connect(emu.port, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', reject);
      }),
    ).rejects.toThrow(/ECONNREFUSED/);
    agent.destroy();
  });

  it('close() also ends streams in flight and is idempotent', async () => {
    const emu = await startHarness({ gateways: { gw: {} } });
    const res = await fetch(emu.gatewayURL('gw'), {
      method: 'POST',
      body: JSON.stringify([step({ query: { stream: true, events: 50 } }, { 'x-emulator-fault': '{"chunkDelayMs":50}' })]),
    });
    const reader = res.body!.getReader();
    await reader.read();
    await Promise.all([emu.close(), emu.close()]);
    await expect((async () => {
      for (let i = 0; i < 100; i++) if ((await reader.read()).done) return 'done';
      return 'still streaming';
    })()).rejects.toThrow();
  });
});
