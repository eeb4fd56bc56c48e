import { createServer } from 'node:net';
import type { ConformanceTarget } from '@aigw/core/testing';
import { startEmulator } from '@aigw/emulator';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The emulator, running in Node, that the workerd tests send to. */
    conformanceTarget: ConformanceTarget;
    /** A 127.0.0.1 base URL where nothing listens (connection refused). */
    unreachableBaseURL: string;
  }
}

/** Starts the gateway emulator in Node for the tests that run inside workerd, and stops it after them. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const emulator = await startEmulator();
  project.provide('conformanceTarget', { baseURL: emulator.baseURL, accountId: emulator.accountId, gateway: 'emulator-gateway', token: emulator.token });
  project.provide('unreachableBaseURL', `http://127.0.0.1:${await closedPort()}/v1`);
  return () => emulator.close();
}

/** A port on 127.0.0.1 where nothing listens: bound, then closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
