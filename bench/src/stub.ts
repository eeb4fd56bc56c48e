// Starts the stub server in a child process and stops it.
import { fork } from 'node:child_process';

export interface Stub {
  readonly origin: string;
  stop(): void;
}

/** `strict`: the stub parses and checks every universal body (slower; for the quick run). */
export async function startStub(options: { strict?: boolean } = {}): Promise<Stub> {
  const child = fork(new URL('./stub-server.ts', import.meta.url), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, BENCH_STUB_STRICT: options.strict ? '1' : '0' },
  });
  const port = await new Promise<number>((resolve, reject) => {
    // A safety net against a hang only: starting a TypeScript child takes seconds on a loaded machine.
    const timer = setTimeout(() => reject(new Error('the stub did not start within 120 s')), 120_000);
    child.once('message', (message: { port: number }) => {
      clearTimeout(timer);
      resolve(message.port);
    });
    child.once('exit', (code) => reject(new Error(`the stub exited with code ${code}`)));
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: () => {
      child.disconnect();
      child.kill();
    },
  };
}
