import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built CLI (`pnpm --filter @aigw/emulator build` makes it). */
export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** A CLI emulator running in a child process. */
export interface CliChild {
  child: ChildProcess;
  /** `http://127.0.0.1:PORT/v1`, from its first line. */
  baseURL: string;
  /** Every stdout line so far. */
  lines: string[];
  /** Everything written to stderr so far (a crash's reason). */
  stderr(): string;
  /** Waits (bounded) for a stdout line that matches. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves when the child exits (code, or the signal's name). */
  exited: Promise<number | string | null>;
  /** Stops it (SIGKILL) if it still runs. */
  kill(): void;
}

/**
 * Starts `node [nodeArgs] dist/cli.js --port 0 [args]` and resolves once it prints its base URL.
 * Waits for events (output, exit), with wide deadlines only.
 */
export async function startCliChild(options: { args?: string[]; nodeArgs?: string[] } = {}): Promise<CliChild> {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `pnpm --filter @aigw/emulator build` first');
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, '--port', '0', ...(options.args ?? [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buffer = '';
  let errors = '';
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((resolve) => resolve());
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk;
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts);
    wake();
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (errors += chunk));
  // 'close' comes after the child's output is read to its end (its last words on stderr included).
  const exited = new Promise<number | string | null>((resolve) => child.once('close', (code, signal) => resolve(code ?? signal)));
  let gone = false;
  void exited.then(() => {
    gone = true;
    wake();
  });
  const waitForLine = async (pattern: RegExp, timeoutMs = 60_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = lines.find((line) => pattern.test(line));
      if (found !== undefined) return found;
      if (gone) throw new Error(`the emulator exited before printing ${pattern}: ${errors}`);
      if (Date.now() > deadline) throw new Error(`no line matching ${pattern} in: ${lines.join(' | ')}`);
      await new Promise<void>((resolve) => {
        const done = () => {
          waiters.delete(done);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(done, 1000);
        waiters.add(done);
      });
    }
  };
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  try {
    const first = await waitForLine(/listening on /);
    const baseURL = /listening on (http:\/\/127\.0\.0\.1:\d+\/v1)$/.exec(first)?.[1];
    if (baseURL === undefined) throw new Error(`unexpected first line: ${first}`);
    return { child, baseURL, lines, stderr: () => errors, waitForLine, exited, kill };
  } catch (error) {
    kill();
    throw error;
  }
}
