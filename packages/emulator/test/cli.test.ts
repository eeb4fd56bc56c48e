import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const exampleConfig = fileURLToPath(new URL('../examples/emulator.config.json', import.meta.url));
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

  it('serves the example config file: stored keys answer a catalog id, Unified Billing a keyless one, flags override the file', async () => {
    child = spawn(process.execPath, [cli, '--config', exampleConfig, '--port', '0', '--token', 'flag-token'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = lines(child);
    const baseURL = /listening on (http:\/\/127\.0\.0\.1:\d+\/v1)$/.exec(await out.waitFor(/listening on /))?.[1];
    expect(await out.waitFor(/^account /)).toBe('account emulator-account; gateways emulator-gateway (authenticated, stored keys openai anthropic, Unified Billing), byok-only');
    expect(await out.waitFor(/^config /)).toBe(`config ${exampleConfig}`);
    const compat = (gateway: string, model: string, token = 'flag-token') =>
      fetch(`${baseURL}/emulator-account/${gateway}/compat/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-aig-authorization': `Bearer ${token}` },
        body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hello catalog' }] }),
      });
    // The catalog id without a provider key: the gateway's stored OpenAI key (BYOK) answers.
    const catalog = await compat('emulator-gateway', 'openai/gpt-5-mini');
    expect(catalog.status).toBe(200);
    expect(((await catalog.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content).toBe('Echo: hello catalog');
    // No stored key for groq: Unified Billing runs it on Cloudflare's key.
    const billed = await compat('emulator-gateway', 'groq/llama-3.3-70b-versatile');
    expect(billed.status).toBe(200);
    await billed.text();
    // The dynamic route of the file, and its authentication with the flag's token (the file's token no longer works).
    const routed = await compat('emulator-gateway', 'dynamic/support');
    expect([routed.status, routed.headers.get('cf-aig-model')]).toEqual([200, 'claude-sonnet-4-5']);
    await routed.text();
    const oldToken = await compat('emulator-gateway', 'openai/gpt-5-mini', 'emulator-token');
    expect(oldToken.status).toBe(401);
    await oldToken.text();
    // The second gateway of the file: byokOnly refuses a keyless request.
    const keyless = await compat('byok-only', 'openai/gpt-5-mini');
    expect(keyless.status).toBe(400);
    expect(await keyless.text()).toContain('Provider credentials required');
    expect(out.seen.join('\n')).not.toContain('stored-openai-key');
    child.kill('SIGTERM');
  });

  it('lets --gateway, --auth and --cache-ttl override the file, keeping the file settings of a gateway it names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aigw-cli-'));
    const file = join(dir, 'gateways.mjs');
    writeFileSync(file, `export default { accountId: 'file-acct', gateways: { kept: { byok: { openai: 'k' } }, dropped: {} } };\n`);
    child = spawn(process.execPath, [cli, '-c', file, '--port', '0', '--gateway', 'kept', '--gateway', 'added', '--auth'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = lines(child);
    const baseURL = /listening on (http:\/\/127\.0\.0\.1:\d+\/v1)$/.exec(await out.waitFor(/listening on /))?.[1];
    expect(await out.waitFor(/^account /)).toBe('account file-acct; gateways kept (authenticated, stored keys openai), added (authenticated)');
    const call = (gateway: string) =>
      fetch(`${baseURL}/file-acct/${gateway}/openai/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-aig-authorization': 'Bearer emulator-token' },
        body: '{"model":"gpt-5-mini","messages":[{"role":"user","content":"hi"}]}',
      }).then(async (r) => (await r.text(), r.status));
    // kept: stored key, so no provider key is needed; added: no stored key, the provider answers 401; dropped: gone (400/2001).
    expect([await call('kept'), await call('added'), await call('dropped')]).toEqual([200, 401, 400]);
    child.kill('SIGTERM');
  });

  it('exits 1 with a message naming the file and the field for a bad config, without a stack', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aigw-cli-'));
    const run = async (args: string[]) => {
      const proc = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
      return { code, stderr };
    };
    const bad = (name: string, text: string) => {
      const file = join(dir, name);
      writeFileSync(file, text);
      return file;
    };
    const cases: [string, RegExp][] = [
      [bad('limit.json', '{"gateways":{"g":{"rateLimit":{"limit":"10","intervalMs":1000}}}}'), /limit\.json: gateways\.g\.rateLimit\.limit must be an integer of at least 1, got "10"/],
      [bad('typo.json', '{"gatways":{}}'), /typo\.json: gatways is not a known field \(known: port, host, accountId, token, gateways,/],
      [bad('guard.json', '{"gateways":{"g":{"guardrails":{"scanner":"down"}}}}'), /gateways\.g\.guardrails\.scanner must be 'ok', 'no-credits' or 'unavailable', got "down"/],
      [bad('route.json', '{"gateways":{"g":{"dynamicRoutes":{"r":["gpt-5-mini"]}}}}'), /gateways\.g\.dynamicRoutes\.r\[0\] must be 'provider\/model', got "gpt-5-mini"/],
      [bad('key.json', '{"gateways":{"g":{"byok":{"openai":12345678}}}}'), /gateways\.g\.byok\.openai must be a key or an object of alias → key, got a number/],
      [bad('limits.json', '{"limits":{"arrayItem":5}}'), /limits\.arrayItem is not a known field \(known: schemaNodes,/],
      [bad('broken.json', '{"port": 80,'), /broken\.json: not valid JSON/],
      [bad('ids.mjs', 'export default { ids: "uuid" };'), /ids\.mjs: ids must be 'uuidv7' or 'ulid', got "uuid"/],
      [bad('config.yaml', 'port: 1'), /config\.yaml: a config file ends in \.json, \.mjs or \.js/],
      [join(dir, 'missing.json'), /missing\.json: cannot be read \(ENOENT\)/],
    ];
    for (const [file, message] of cases) {
      const { code, stderr } = await run(['--config', file, '--port', '0']);
      expect(code, file).toBe(1);
      expect(stderr, file).toMatch(message);
      expect(stderr, file).not.toMatch(/\n\s+at /);
      expect(stderr, file).not.toContain('12345678');
    }
    const flag = await run(['--port', '99999']);
    expect([flag.code, flag.stderr.split('\n')[0]]).toEqual([1, 'aigw-emulator: --port: expected an integer from 0 to 65535, got 99999']);
  });

  it('prints a --help that documents every flag and the config file with an example', async () => {
    const proc = spawn(process.execPath, [cli, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    expect(await new Promise<number | null>((resolve) => proc.once('exit', resolve))).toBe(0);
    for (const flag of ['--config', '--port', '--host', '--account', '--gateway', '--token', '--auth', '--cache-ttl', '--auto-router-pool', '--ids', '--sse-padding', '--cache-ttl-bounds', '--custom-provider', '--limit', '--help']) {
      expect(stdout, flag).toMatch(new RegExp(`^\\s+(-\\w, )?${flag} `, 'm'));
    }
    for (const field of ['authentication', 'cacheTtl', 'collectLog', 'rateLimit', 'byok', 'dynamicRoutes', 'policies', 'byokOnly', 'unifiedBilling', 'guardrails', 'workersAiBusy', 'autoRouter']) {
      expect(stdout, field).toMatch(new RegExp(`^  ${field} `, 'm'));
    }
    const example = stdout.slice(stdout.indexOf('Example'));
    const json = example.slice(example.indexOf('{'), example.lastIndexOf('}') + 1);
    expect(Object.keys(JSON.parse(json) as object)).toContain('gateways');
  });
});
