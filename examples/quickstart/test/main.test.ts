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
function runExample(options: { env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/main.ts'], { cwd: exampleDir, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
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

/** The environment of a user without any Cloudflare or provider settings. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(CLOUDFLARE_|OPENAI_|ANTHROPIC_)/.test(name) || name === 'FORCE_COLOR') continue;
    env[name] = value;
  }
  return { ...env, NO_COLOR: '1' };
}

/** The lines of one numbered section, up to the next one. */
function section(output: string, title: string): string {
  const start = output.search(new RegExp(`── \\d+\\. ${title} `));
  expect(start, `section "${title}" in the output`).toBeGreaterThanOrEqual(0);
  const rest = output.slice(start + 1);
  const end = rest.search(/\n── \d+\. /);
  return end === -1 ? rest : rest.slice(0, end);
}

describe('node src/main.ts (no Cloudflare settings: the local emulator)', () => {
  let run: Run;

  beforeAll(async () => {
    run = await runExample({ env: cleanEnv(), timeoutMs: RUN_TIMEOUT_MS });
  }, RUN_TIMEOUT_MS + 5_000);

  it('exits with 0, without error output and without colour codes', () => {
    expect(run.signal, `killed: stdout so far:\n${run.stdout}`).toBeNull();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('says it runs against the local emulator', () => {
    expect(run.stdout).toMatch(/gateway\s+local emulator at http:\/\/127\.0\.0\.1:\d+\/v1\/emulator-account\/quickstart/);
  });

  it('shows generateText with the echo answer and the gateway metadata', () => {
    const text = section(run.stdout, 'generateText');
    expect(text).toMatch(/text\s+Echo: Hello from the quickstart\n/);
    expect(text).toMatch(/gateway\s+step 0 of 1 · provider openai · model gpt-5-mini · cache MISS · log [0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/);
  });

  it('streams the answer in several chunks', () => {
    const text = section(run.stdout, 'streamText');
    expect(text).toMatch(/tokens\s+Echo: \|stream \|these \|words \|one \|by \|one\n/);
    const chunks = Number(/chunks\s+(\d+)/.exec(text)?.[1]);
    expect(chunks).toBeGreaterThan(1);
    expect(text).toMatch(/text\s+Echo: stream these words one by one\n/);
    expect(text).toMatch(/provider anthropic/);
  });

  it('falls back to the second model when the first one fails', () => {
    const text = section(run.stdout, 'Fallback');
    expect(text).toContain('emulated upstream failure (HTTP 503)');
    expect(text).toMatch(/text\s+Echo: Who answered\?\n/);
    expect(text).toMatch(/answered\s+by step 1 \(provider anthropic, model claude-sonnet-4-5\)/);
    expect(text).toMatch(/step 1 of 2/);
  });

  it('answers the same request twice: MISS, then HIT', () => {
    const text = section(run.stdout, 'Caching');
    expect(text).toMatch(/1st call\s+cache MISS · Echo: Cache this answer\n\s+2nd call\s+cache HIT · Echo: Cache this answer\n/);
  });

  it('embeds a text', () => {
    const text = section(run.stdout, 'Embedding');
    expect(text).toMatch(/embedding\s+length 8 · \[-?\d\.\d{4}, -?\d\.\d{4}, -?\d\.\d{4}, …\]/);
    expect(text).toMatch(/provider openai · model text-embedding-3-small/);
  });

  it('runs Workers AI and catalog ids, alone and in a mixed fallback list', () => {
    const text = section(run.stdout, 'Workers AI');
    expect(text).toMatch(/text\s+Echo: Hello Workers AI\n/);
    expect(text).toMatch(/provider workers-ai · model @cf\/meta\/llama-3\.1-8b-instruct/);
    expect(text).toMatch(/catalog\s+Echo: Hello catalog · step 0 of 1 · provider compat · model openai\/gpt-5-mini/);
    expect(text).toMatch(/fallback\s+Echo: Mixed fallback · answered by step 1 \(@cf\/meta\/llama-3\.1-8b-instruct\)/);
  });

  it('runs a Workers AI batch: queued, polled, each result under its own id', () => {
    const text = section(run.stdout, 'Batch');
    expect(text).toMatch(/started\s+@cf\/meta\/llama-3\.1-8b-instruct:emu-batch-\w+ · queued\n/);
    expect(text).toMatch(/status\s+completed \(completed\)\n/);
    expect(text).toMatch(/greeting\s+Echo: Say hello\n\s+farewell\s+Echo: Say goodbye\n/);
  });

  it('generates a video: the start, the polls and the download through the gateway', () => {
    const text = section(run.stdout, 'Video');
    expect(text).toMatch(/video\s+video\/mp4, \d+ bytes\n/);
    expect(text).toMatch(/logs\s+start [0-9a-f-]{36} · last poll [0-9a-f-]{36} · download [0-9a-f-]{36}\n/);
  });

  it('shows the typed error for a gateway that does not exist', () => {
    const text = section(run.stdout, 'Typed errors');
    expect(text).toMatch(/class\s+AiGatewayDoesNotExist\n/);
    expect(text).toMatch(/code\s+2001 \(HTTP 400\), retryable: false/);
    expect(text).toMatch(/message\s+AI Gateway "no-such-gateway-quickstart" does not exist/);
  });

  it('closes the emulator and ends', () => {
    expect(run.stdout.trimEnd().endsWith('Done. Closing the emulator.')).toBe(true);
  });
});
