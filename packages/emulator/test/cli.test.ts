import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
let child: ChildProcess | undefined;

afterEach(() => {
  if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
});

/** Collects stdout lines and waits (bounded) for one that matches. */
function lines(proc: ChildProcess) {
  const seen: string[] = [];
  let buffer = '';
  const waiters: (() => void)[] = [];
  proc.stdout!.setEncoding('utf8');
  proc.stdout!.on('data', (chunk: string) => {
    buffer += chunk;
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    seen.push(...parts);
    waiters.splice(0).forEach((wake) => wake());
  });
  return {
    seen,
    async waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = seen.find((line) => pattern.test(line));
        if (found !== undefined) return found;
        if (Date.now() > deadline) throw new Error(`no line matching ${pattern} in: ${seen.join(' | ')}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
  };
}

describe('the aigw-emulator CLI (built)', () => {
  it('prints its base URL, one line per request, and stops on SIGTERM', async () => {
    expect(existsSync(cli), 'dist/cli.js is missing: run `pnpm --filter @aigw/emulator build` first').toBe(true);
    child = spawn(process.execPath, [cli, '--port', '0', '--gateway', 'cli-gw', '--account', 'cli-acct', '--token', 'cli-token', '--auth'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = lines(child);
    const first = await out.waitFor(/listening on /);
    const baseURL = /listening on (http:\/\/127\.0\.0\.1:\d+\/v1)$/.exec(first)?.[1];
    expect(baseURL).toBeDefined();
    const viewer = /^log viewer (http:\/\/127\.0\.0\.1:\d+\/_emulator\/)$/.exec(await out.waitFor(/^log viewer /))?.[1];
    expect((await fetch(viewer!)).headers.get('content-type')).toContain('text/html');

    const res = await fetch(`${baseURL}/cli-acct/cli-gw`, {
      method: 'POST',
      headers: { 'cf-aig-authorization': 'Bearer cli-token' },
      body: JSON.stringify([
        { provider: 'openai', endpoint: 'chat/completions', headers: { authorization: 'Bearer sk-x', 'x-emulator-fault': '{"status":500}' }, query: { model: 'gpt-5-mini', messages: [{ role: 'user', content: 'hi' }] } },
        { provider: 'openai', endpoint: 'chat/completions', headers: { authorization: 'Bearer sk-x' }, query: { model: 'gpt-5-mini', messages: [{ role: 'user', content: 'hi' }] } },
      ]),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cf-aig-step')).toBe('1');
    await res.text();
    const line = await out.waitFor(/^POST /);
    expect(line).toMatch(/^POST \/v1\/cli-acct\/cli-gw tried=0,1 step=1 status=200 cache=- \d+ms$/);

    const denied = await fetch(`${baseURL}/cli-acct/cli-gw`, { method: 'POST', body: '[]' });
    expect(denied.status).toBe(401);
    expect(await out.waitFor(/status=401/)).toMatch(/tried=- step=- status=401 cache=- \d+ms error=2009$/);
    expect(out.seen.join('\n')).not.toContain('cli-token');

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 60_000))]);
    expect(code).toBe(0);
  });

  it('takes the 2026 options: ids, SSE padding, TTL bounds, an Auto Router pool and custom providers', async () => {
    child = spawn(
      process.execPath,
      [cli, '--port', '0', '--ids', 'ulid', '--sse-padding', '4', '--cache-ttl-bounds', 'reject', '--auto-router-pool', 'openai/gpt-5-mini,anthropic/claude-sonnet-4-5', '--custom-provider', 'acme'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const out = lines(child);
    const baseURL = /listening on (http:\/\/127\.0\.0\.1:\d+\/v1)$/.exec(await out.waitFor(/listening on /))?.[1];
    const gateway = `${baseURL}/emulator-account/emulator-gateway`;
    const headers = { authorization: 'Bearer sk-x', 'content-type': 'application/json' };
    const routed = await fetch(`${gateway}/compat/chat/completions`, {
      method: 'POST',
      headers: { ...headers, 'cf-aig-allowed-providers': 'anthropic' },
      body: JSON.stringify({ model: 'cloudflare/auto', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(routed.headers.get('cf-aig-routed-model')).toBe('anthropic/claude-sonnet-4-5');
    expect(routed.headers.get('cf-aig-log-id')).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(await routed.text()).toContain('"p":"pppp"');
    const ttl = await fetch(`${gateway}/openai/chat/completions`, { method: 'POST', headers: { ...headers, 'cf-aig-cache-ttl': '5' }, body: '{"model":"m","messages":[]}' });
    expect(ttl.status).toBe(400);
    await ttl.text();
    const custom = (name: string) => fetch(`${gateway}/custom-${name}/chat/completions`, { method: 'POST', headers, body: '{"model":"m","messages":[{"role":"user","content":"hi"}]}' }).then(async (r) => (await r.text(), r.status));
    expect([await custom('acme'), await custom('other')]).toEqual([200, 400]);
    child.kill('SIGTERM');
  });
});
