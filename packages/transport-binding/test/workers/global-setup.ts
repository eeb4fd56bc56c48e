import type { ConformanceTarget } from '@aigw/core/testing';
import { startEmulator, unusedPort } from '@aigw/emulator';
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
  project.provide('unreachableBaseURL', `http://127.0.0.1:${await unusedPort()}/v1`);
  return () => emulator.close();
}

