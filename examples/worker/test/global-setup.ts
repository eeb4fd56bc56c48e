import { startEmulator } from '@aigw/emulator';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The base URL of the emulator the Worker talks to, `http://127.0.0.1:PORT/v1`. */
    emulatorURL: string;
    /** The emulator's account id and token, for the tests that reach it over HTTP (`createAiGateway({ accountId, gateway, apiKey, baseURL })`). */
    emulatorAccountId: string;
    emulatorToken: string;
  }
}

/** Starts the gateway emulator (with the Worker's gateway id) in Node, and stops it after the tests. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const emulator = await startEmulator({ gateways: { 'my-gateway': {} } });
  // A short pause before each streamed event after the first, as a real model has, so the chunks
  // of the answer arrive one by one instead of all in the same instant.
  emulator.faults.set({ chunkDelayMs: 20 });
  project.provide('emulatorURL', emulator.baseURL);
  project.provide('emulatorAccountId', emulator.accountId);
  project.provide('emulatorToken', emulator.token);
  return () => emulator.close();
}
