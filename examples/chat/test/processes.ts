import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const exampleDir = fileURLToPath(new URL('..', import.meta.url));

/** `node scripts/start.ts ...args` as `pnpm start` runs it, with its output kept. */
export interface StartedChat {
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output; rejects when the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  /** Resolves with the exit code (or signal) once the process is gone. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the example's one command. Provider and Cloudflare settings of the caller's environment are left out. */
export function startChat(args: readonly string[]): StartedChat {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(CLOUDFLARE_|OPENAI_|ANTHROPIC_|WRANGLER_)/.test(name) || name === 'FORCE_COLOR') continue;
    env[name] = value;
  }
  // No telemetry, and no download of `Request.cf` data: the tests run offline.
  Object.assign(env, { NO_COLOR: '1', WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' });
  const child = spawn(process.execPath, ['scripts/start.ts', ...args], { cwd: exampleDir, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const listeners = new Set<() => void>();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      resolve({ code, signal });
      for (const listener of listeners) listener();
    });
  });
  const collect = (text: string) => {
    output += text;
    for (const listener of listeners) listener();
  };
  child.stdout.setEncoding('utf8').on('data', collect);
  child.stderr.setEncoding('utf8').on('data', collect);
  return {
    child,
    output: () => output,
    exited,
    waitFor(pattern) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match !== null) {
            listeners.delete(check);
            resolve(match);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            listeners.delete(check);
            reject(new Error(`scripts/start.ts exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}:\n${output}`));
          }
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** Ctrl-C: SIGINT, then the exit. */
export async function interrupt(chat: StartedChat): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (chat.child.exitCode === null && chat.child.signalCode === null) chat.child.kill('SIGINT');
  return chat.exited;
}
