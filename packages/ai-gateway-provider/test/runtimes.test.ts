import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator } from '@aigw/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The facade in Bun and Deno, the other runtimes the AI SDK supports (workerd runs in the
// transport-binding and worker example tests; the edge runtime in the `edge` project here).
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));

function run(command: string, args: string[], runtime: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DENO_NO_UPDATE_CHECK: '1',
        NO_COLOR: '1',
        AIGW_RUNTIME: runtime,
        AIGW_BASE_URL: emulator.baseURL,
        AIGW_ACCOUNT_ID: emulator.accountId,
        AIGW_TOKEN: emulator.token,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe.each([
  ['bun', () => run(bin('bun'), ['test/runtimes/smoke.ts'], 'bun')],
  ['deno', () => run(bin('deno'), ['run', '--allow-env', '--allow-net=127.0.0.1', '--allow-read', '--allow-sys', '--node-modules-dir=manual', 'test/runtimes/smoke.ts'], 'deno')],
])('%s', (runtime, start) => {
  it('generates and streams text, and generates a video (start, polls, download), through the gateway', { timeout: 60_000 }, async () => {
    const { code, stdout, stderr } = await start();
    expect(stderr).not.toMatch(/error/i);
    expect(code).toBe(0);
    expect(stdout).toContain(`text: Echo: from ${runtime}`);
    expect(stdout).toContain('step: 0');
    expect(stdout).toMatch(new RegExp(`stream: Echo: stream from ${runtime} \\(\\d+ chunks\\)`));
    expect(stdout).toMatch(/video: video\/mp4 \d+ bytes, start log [0-9a-f-]{36}/);
  });
});
