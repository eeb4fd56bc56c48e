import { startEmulator, type Emulator } from '@aigw/emulator';
import type { TestProject } from 'vitest/node';

let emulator: Emulator | undefined;

/** One emulator for the files that cannot start servers themselves (the edge-runtime ones). */
export async function setup(project: TestProject) {
  emulator = await startEmulator();
  project.provide('emulator', { baseURL: emulator.baseURL, accountId: emulator.accountId, token: emulator.token });
}

export async function teardown() {
  await emulator?.close();
}
