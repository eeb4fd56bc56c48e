import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';

/**
 * A custom provider's own server streaming an OpenAI-style chat completion, its events framed with
 * the line ending the request asks for (`x-eol`: lf, crlf or cr), sent in small pieces so events
 * are split across chunks; the last event carries the usage.
 */
let server: Server;
let emulator: Emulator;
const EOL: Record<string, string> = { lf: '\n', crlf: '\r\n', cr: '\r' };
let releaseRest: () => void = () => undefined;

function streamFor(eol: string, padding = 0): string {
  const events = [
    { choices: [{ index: 0, delta: { content: 'Hello' } }] },
    { choices: [{ index: 0, delta: { content: ' there' } }] },
    { choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: { prompt_tokens: 17, completion_tokens: 5, total_tokens: 22 } },
  ];
  const pad = (e: object) => (padding > 0 ? { ...e, p: 'p'.repeat(padding) } : e);
  return [...events.map((e) => `data: ${JSON.stringify(pad(e))}${eol}${eol}`), `data: [DONE]${eol}${eol}`].join('');
}

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const eol = EOL[String(req.headers['x-eol'])] ?? '\n';
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const text = streamFor(eol);
      if (req.headers['x-split'] !== undefined) {
        // The first event and half of the second, then the rest once the test has read the first
        // event from the emulator: the second event reaches the emulator in two chunks, for sure.
        const cut = text.indexOf('data:', text.indexOf('data:') + 1) + 20;
        res.write(text.slice(0, cut));
        void new Promise<void>((resolve) => (releaseRest = resolve)).then(() => res.end(text.slice(cut)));
        return;
      }
      // Pieces of 7 bytes: no event arrives whole in one chunk.
      for (let i = 0; i < text.length; i += 7) res.write(text.slice(i, i + 7));
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  emulator = await startEmulator({ gateways: { gw: {} }, customProviders: { sse: { baseURL } } });
});
afterAll(async () => {
  await emulator.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('token usage of a forwarded SSE stream', () => {
  for (const eol of ['lf', 'crlf', 'cr']) {
    it(`is read from events with ${eol} line endings`, async () => {
      emulator.reset();
      const res = await fetch(`${emulator.gatewayURL('gw')}/custom-sse/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer custom-key', 'x-eol': eol },
        body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(res.status).toBe(200);
      // The stream passes through byte for byte.
      expect(await res.text()).toBe(streamFor(EOL[eol]!));
      const entry = emulator.logs[0];
      expect(entry?.response_content_type).toBe('text/event-stream');
      expect([entry?.tokens_in, entry?.tokens_out]).toEqual([17, 5]);
    });
  }
});

describe('SSE padding of a forwarded stream that arrives in pieces', () => {
  const body = JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] });

  /** Reads the answer, releasing the upstream's second half once the first padded event has arrived. */
  async function readSplit(res: Response, eol: string): Promise<string> {
    const first = streamFor(eol, 3).slice(0, streamFor(eol, 3).indexOf('data:', 1));
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let released = false;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text;
      text += decoder.decode(value, { stream: true });
      if (!released && text.startsWith(first)) {
        released = true;
        releaseRest();
      }
    }
  }

  for (const eol of ['lf', 'crlf', 'cr']) {
    it(`pads each event once, whole, with ${eol} line endings`, async () => {
      emulator.reset();
      const res = await fetch(`${emulator.gatewayURL('gw')}/custom-sse/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer custom-key', 'x-eol': eol, 'x-split': '1', 'x-emulator-sse-padding': '3' },
        body,
      });
      expect(await readSplit(res, EOL[eol]!)).toBe(streamFor(EOL[eol]!, 3));
      expect([emulator.logs[0]?.tokens_in, emulator.logs[0]?.tokens_out]).toEqual([17, 5]);
    });
  }

  it('pads a resumable (binding) stream the same way', async () => {
    emulator.reset();
    const res = await emulator.binding('gw').run(
      { provider: 'custom-sse', endpoint: 'chat/completions', headers: { authorization: 'Bearer custom-key', 'x-eol': 'cr', 'x-split': '1' }, query: JSON.parse(body) as unknown },
      { extraHeaders: { 'x-emulator-sse-padding': '3' } },
    );
    expect(await readSplit(res, '\r')).toBe(streamFor('\r', 3));
  });
});
