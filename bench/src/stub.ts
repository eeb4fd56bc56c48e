// Starts the stub server in a child process and stops it.
import { fork } from 'node:child_process';

export interface Stub {
  readonly origin: string;
  stop(): void;
}

export async function startStub(): Promise<Stub> {
  const child = fork(new URL('./stub-server.ts', import.meta.url), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the stub did not start within 10 s')), 10_000);
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
