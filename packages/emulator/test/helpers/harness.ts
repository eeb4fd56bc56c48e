import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/index.js';
import { createFakeUpstreams } from './fake-upstreams.js';

export type Harness = Emulator & { fake: ReturnType<typeof createFakeUpstreams> };

/** Starts an emulator on a random port backed by the fake upstreams. */
export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const fake = createFakeUpstreams();
  const emulator = await startEmulator({ upstreams: fake, ...options });
  return Object.assign(emulator, { fake });
}

export const OPENAI_KEY = { authorization: 'Bearer sk-test-secret' };

export interface TestStep {
  provider: string;
  endpoint: string;
  headers: Record<string, string>;
  query: unknown;
  [extra: string]: unknown;
}

/** A universal step for the fake openai upstream. */
export function step(overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}): TestStep {
  return {
    provider: 'openai',
    endpoint: 'chat/completions',
    headers: { ...OPENAI_KEY, ...headers },
    query: { model: 'gpt-5-mini', messages: [{ role: 'user', content: 'hi' }] },
    ...overrides,
  };
}

/** POSTs a JSON body to a gateway URL. */
export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls a condition every 5 ms; fails after `timeoutMs` (wide: CI machines may be loaded). */
export async function waitFor(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
    await sleep(5);
  }
}
