import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const exampleDir = fileURLToPath(new URL('..', import.meta.url));
const RUN_TIMEOUT_MS = 100_000;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `node src/main.ts` as `pnpm start` would, killed after `timeoutMs`. */
function runExample(timeoutMs: number): Promise<Run> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(CLOUDFLARE_|OPENAI_|ANTHROPIC_|FORCE_COLOR$)/.test(name)));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/main.ts'], { cwd: exampleDir, env: { ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe('node src/main.ts', () => {
  let run: Run;

  beforeAll(async () => {
    run = await runExample(RUN_TIMEOUT_MS);
  }, RUN_TIMEOUT_MS + 5_000);

  it('exits with 0 and no error output', () => {
    expect(run.signal, run.stdout).toBeNull();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('sends through the transport with core alone', () => {
    expect(run.stdout).toMatch(/1\. @aigw\/core: sendGatewayCall with the transport\n\s+\[log\] signed-http POST provider steps=openai status=200 step=0 \d+ms\n\s+text\s+Echo: Signed by core\n/);
  });

  it('sends through the transport with the facade, falling back to the second model', () => {
    expect(run.stdout).toMatch(/\[log\] signed-http POST universal steps=openai,openai status=200 step=1 \d+ms\n\s+text\s+Echo: Signed by the facade\n\s+answered\s+step 1 \(openai gpt-5-nano\)/);
  });

  it('streams over the transport', () => {
    expect(run.stdout).toMatch(/tokens\s+Echo: streamed through my own transport\n\s+chunks\s+(\d+)/);
    expect(Number(/chunks\s+(\d+)/.exec(run.stdout)?.[1])).toBeGreaterThan(1);
  });

  it('signed every request and logged no secret', () => {
    expect(run.stdout).toContain('The gateway received 3 of 3 requests signed.');
    expect(run.stdout.match(/\[log\] /g)).toHaveLength(3);
    for (const secret of ['example-signing-secret', 'sk-example-openai', 'emulator-token']) expect(run.stdout).not.toContain(secret);
  });
});
