import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';

/**
 * One request must never take the emulator down or leave a client without an answer: every size it
 * accepts is bounded, and every bad request gets the gateway's error envelope or the status a real
 * HTTP server sends.
 */
let emu: Emulator;
let gw: string;

beforeAll(async () => {
  emu = await startEmulator();
  gw = emu.gatewayURL();
});
afterAll(() => emu.close());

const chat = (headers: Record<string, string> = {}, query: Record<string, unknown> = {}) =>
  fetch(gw, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify([
      { provider: 'openai', endpoint: 'chat/completions', headers: { authorization: 'Bearer sk-bounds', ...headers }, query: { model: 'gpt-5-mini', messages: [{ role: 'user', content: 'still alive' }], ...query } },
    ]),
  });

/** Sends raw bytes and resolves with everything the server wrote before closing. */
function raw(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(emu.port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

async function expectAlive(): Promise<void> {
  const res = await chat();
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('still alive');
}

describe('bounded sizes', () => {
  it.each([
    ['chunks: 1e8', { 'x-emulator-reply': JSON.stringify({ chunks: 1e8 }) }, {}, /chunks must be an integer from 1 to 10000/],
    ['a fractional chunk count', { 'x-emulator-reply': JSON.stringify({ chunks: 2.5 }) }, {}, /chunks/],
    ['a reply status of 42', { 'x-emulator-reply': JSON.stringify({ status: 42 }) }, {}, /status must be an integer from 200 to 599/],
  ])('refuses a reply script with %s, and keeps serving', async (_name, headers, query, message) => {
    const res = await chat(headers, query);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(message);
    await expectAlive();
  });

  it.each([1e8, 0, 8193])('refuses embeddings of %s dimensions, and keeps serving', async (dimensions) => {
    const res = await fetch(gw, {
      method: 'POST',
      body: JSON.stringify([{ provider: 'openai', endpoint: 'embeddings', headers: { authorization: 'Bearer sk-bounds' }, query: { model: 'text-embedding-3-small', input: 'x', dimensions } }]),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/dimensions must be an integer from 1 to 8192/);
    await expectAlive();
  });

  it('answers a body declared larger than 100 MB with 413, without reading it', async () => {
    const answer = await raw(`POST /v1/${emu.accountId}/emulator-gateway HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${200 * 1024 * 1024}\r\nconnection: close\r\n\r\n[`);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('"success":false');
  });
});

describe('impossible faults get an envelope, not a dropped connection', () => {
  it.each([
    [{ status: 999 }, /'status' must be an integer from 200 to 599/],
    [{ status: 42 }, /'status'/],
    [{ firstByteDelayMs: 1e12 }, /'firstByteDelayMs' must be an integer from 0 to 600000/],
    [{ dropAfterEvents: -1 }, /'dropAfterEvents'/],
    [{ gatewayError: { code: 2009, status: 1000 } }, /'gatewayError.status'/],
    [{ stepHeader: 'a\u0001' }, /'stepHeader'/],
    [{ reset: 'yes' }, /'reset' must be true or false/],
  ])('%j', async (fault, message) => {
    const res = await chat({ 'x-emulator-fault': JSON.stringify(fault) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { success: boolean; error: { message: string }[] };
    expect(body.success).toBe(false);
    expect(body.error[0]!.message).toMatch(message);
    await expectAlive();
  });
});

describe('requests Node cannot parse get the status a real server sends', () => {
  it.each([
    ['a malformed request line', 'GARBAGE\r\n\r\n', 400],
    ['a bad content-length', `POST /v1/a/b HTTP/1.1\r\nhost: x\r\ncontent-length: abc\r\n\r\n`, 400],
    ['two different content-lengths', `POST /v1/a/b HTTP/1.1\r\nhost: x\r\ncontent-length: 1\r\ncontent-length: 2\r\n\r\nx`, 400],
    ['headers over 32 KB', `POST /v1/a/b HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(40 * 1024)}\r\n\r\n`, 431],
  ])('%s → %i', async (_name, bytes, status) => {
    const answer = await raw(bytes);
    expect(answer).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    await expectAlive();
  });

  it('accepts headers up to the gateway limit (a 20 KB value, over Node’s 16 KB default)', async () => {
    const res = await fetch(gw, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-big': 'a'.repeat(20 * 1024) },
      body: JSON.stringify([{ provider: 'openai', endpoint: 'chat/completions', headers: { authorization: 'Bearer sk-bounds' }, query: { model: 'gpt-5-mini', messages: [{ role: 'user', content: 'big' }] } }]),
    });
    expect(res.status).toBe(200);
    await res.body?.cancel();
  });
});
