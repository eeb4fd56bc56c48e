import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatCallLine, REDACTED, redactUrl, startEmulator, type Emulator } from '../src/index.js';
import { startCliChild, type CliChild } from './helpers/cli-child.js';

/**
 * Credentials never reach what the emulator records or shows: `calls` (and their attempts),
 * the gateway log entries and the log API, the log viewer's feed, and the CLI's log line.
 */
const SECRET = 'AIzaSy-query-secret-0123456789';
const contents = { contents: [{ role: 'user', parts: [{ text: 'hello' }] }] };

let emu: Emulator;
const printed: string[] = [];
beforeAll(async () => {
  emu = await startEmulator({ logger: (call) => printed.push(formatCallLine({ call })) });
});
beforeEach(() => {
  emu.reset();
  printed.length = 0;
});
afterAll(() => emu.close());

/** Everything the emulator recorded or shows about the requests so far, as text. */
async function everythingShown(): Promise<string> {
  const logApi = await (await fetch(`${emu.gatewayURL()}/logs`)).text();
  const viewer = await (await fetch(new URL('api/requests', emu.viewerURL))).text();
  // The full bodies the viewer loads on demand, redacted too.
  const bodies: string[] = [];
  for (const row of JSON.parse(viewer) as { seq: number }[]) bodies.push(await (await fetch(new URL(`api/bodies/${row.seq}`, emu.viewerURL))).text());
  return [JSON.stringify(emu.calls), JSON.stringify(emu.logs), logApi, viewer, ...bodies, ...printed].join('\n');
}

describe('credentials in the query string', () => {
  it("redacts Google's ?key= of a provider-native path", async () => {
    const res = await fetch(`${emu.gatewayURL()}/google-ai-studio/v1beta/models/gemini-2.5-flash:generateContent?key=${SECRET}&alt=json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(contents),
    });
    expect(res.status).toBe(200); // the simulated Google took the key from the query
    await res.text();
    const shown = await everythingShown();
    expect(shown).not.toContain(SECRET);
    expect(emu.calls[0]!.path).toBe(`/v1/emulator-account/emulator-gateway/google-ai-studio/v1beta/models/gemini-2.5-flash:generateContent?key=${REDACTED}&alt=json`);
    expect(emu.calls[0]!.attempts[0]!.endpoint).toBe(`v1beta/models/gemini-2.5-flash:generateContent?key=${REDACTED}&alt=json`);
    expect(emu.logs[0]!.path).toBe(`v1beta/models/gemini-2.5-flash:generateContent?key=${REDACTED}&alt=json`);
    expect(printed[0]).toContain(`:generateContent?key=${REDACTED}&alt=json tried=0 step=0 status=200`);
  });

  it('redacts ?key= in the endpoint of a universal step', async () => {
    const res = await fetch(emu.gatewayURL(), {
      method: 'POST',
      body: JSON.stringify([{ provider: 'google-ai-studio', endpoint: `v1beta/models/gemini-2.5-flash:generateContent?key=${SECRET}`, headers: {}, query: contents }]),
    });
    expect(res.status).toBe(200);
    await res.text();
    expect(await everythingShown()).not.toContain(SECRET);
    expect(emu.calls[0]!.attempts[0]!.endpoint).toBe(`v1beta/models/gemini-2.5-flash:generateContent?key=${REDACTED}`);
    expect(emu.logs[0]!.path).toBe(`v1beta/models/gemini-2.5-flash:generateContent?key=${REDACTED}`);
  });

  it('redactUrl keeps everything but the credential values', () => {
    expect(redactUrl('/v1/a/b/google-ai-studio/v1beta/models/g:streamGenerateContent?alt=sse&key=k1')).toBe(`/v1/a/b/google-ai-studio/v1beta/models/g:streamGenerateContent?alt=sse&key=${REDACTED}`);
    expect(redactUrl('/p?api_key=1&apikey=2&token=3&access_token=4&sig=5&X-Amz-Signature=6&api-version=2024-10-21')).toBe(
      `/p?api_key=${REDACTED}&apikey=${REDACTED}&token=${REDACTED}&access_token=${REDACTED}&sig=${REDACTED}&X-Amz-Signature=${REDACTED}&api-version=2024-10-21`,
    );
    expect(redactUrl('/p?%6Bey=k#access_token=t&state=s')).toBe(`/p?%6Bey=${REDACTED}#access_token=${REDACTED}&state=s`);
    expect(redactUrl('/no/query')).toBe('/no/query');
  });
});

describe('credential headers', () => {
  it('redacts x-auth-token and x-session-id, on the request and on the upstream attempt', async () => {
    const res = await fetch(emu.gatewayURL(), {
      method: 'POST',
      headers: { 'x-auth-token': `outer-${SECRET}`, 'x-session-id': `session-${SECRET}` },
      body: JSON.stringify([
        {
          provider: 'openai',
          endpoint: 'chat/completions',
          headers: { authorization: 'Bearer sk-redaction', 'x-auth-token': `step-${SECRET}`, 'x-session-id': `step-session-${SECRET}` },
          query: { model: 'gpt-5-mini', messages: [{ role: 'user', content: 'hi' }] },
        },
      ]),
    });
    expect(res.status).toBe(200);
    await res.text();
    expect(await everythingShown()).not.toContain(SECRET);
    expect(emu.calls[0]!.requestHeaders).toMatchObject({ 'x-auth-token': REDACTED, 'x-session-id': REDACTED });
    expect(emu.calls[0]!.attempts[0]!.headers).toMatchObject({ 'x-auth-token': REDACTED, 'x-session-id': REDACTED });
  });

  it("redacts the upstream's set-cookie in the recorded response headers", async () => {
    const cookie = await startEmulator({ upstreamOptions: { reply: () => ({ headers: { 'set-cookie': `sid=${SECRET}; HttpOnly` } }) } });
    try {
      const res = await fetch(cookie.gatewayURL(), {
        method: 'POST',
        body: JSON.stringify([{ provider: 'openai', endpoint: 'chat/completions', headers: { authorization: 'Bearer sk-redaction' }, query: { model: 'gpt-5-mini', messages: [{ role: 'user', content: 'hi' }] } }]),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toContain(SECRET); // the client gets the upstream's answer as it is
      await res.text();
      expect(cookie.calls[0]!.responseHeaders!['set-cookie']).toBe(REDACTED);
      const viewer = await (await fetch(new URL('api/requests', cookie.viewerURL))).text();
      expect([JSON.stringify(cookie.calls), JSON.stringify(cookie.logs), viewer, formatCallLine({ call: cookie.calls[0]! })].join('\n')).not.toContain(SECRET);
    } finally {
      await cookie.close();
    }
  });
});

describe('the CLI (built)', () => {
  let child: CliChild | undefined;
  afterEach(() => child?.kill());

  it('prints no ?key= value and shows none in its viewer feed', async () => {
    child = await startCliChild();
    const gateway = `${child.baseURL}/emulator-account/emulator-gateway`;
    const res = await fetch(`${gateway}/google-ai-studio/v1beta/models/gemini-2.5-flash:generateContent?key=${SECRET}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-auth-token': SECRET },
      body: JSON.stringify(contents),
    });
    expect(res.status).toBe(200);
    await res.text();
    const line = await child.waitForLine(/^POST /);
    expect(line).toMatch(new RegExp(`:generateContent\\?key=\\[REDACTED\\] tried=0 step=0 status=200 cache=- \\d+ms$`));
    const viewer = /^log viewer (\S+)$/.exec(await child.waitForLine(/^log viewer /))![1]!;
    const feed = await (await fetch(new URL('api/requests', viewer))).text();
    expect(feed).toContain('[REDACTED]');
    expect(feed).not.toContain(SECRET);
    expect(child.lines.join('\n')).not.toContain(SECRET);
  });
});
