import { startEmulator, type Emulator, type EmulatorOptions } from '@aigw/emulator';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createAiGateway, type AiGatewayAPISettings } from '../src';

export interface TestGateway {
  emulator: Emulator;
  /** A gateway instance on the emulator's default gateway. */
  gateway(settings?: Partial<AiGatewayAPISettings>): ReturnType<typeof createAiGateway>;
}

/** Starts one emulator for the file, resets its records before each test, closes it after. */
export function useEmulator(options: EmulatorOptions = {}): TestGateway {
  const state = {} as TestGateway;
  beforeAll(async () => {
    state.emulator = await startEmulator(options);
    state.gateway = (settings = {}) =>
      createAiGateway({
        accountId: state.emulator.accountId,
        gateway: Object.keys(options.gateways ?? { 'emulator-gateway': {} })[0]!,
        apiKey: state.emulator.token,
        baseURL: state.emulator.baseURL,
        ...settings,
      });
  });
  beforeEach(() => state.emulator.reset());
  afterAll(async () => {
    await state.emulator.close();
  });
  return state;
}

/** A fault or scripted reply for one fallback leg, sent as a provider header of that leg's model. */
export const fault = (spec: Record<string, unknown>) => ({ 'x-emulator-fault': JSON.stringify(spec) });
export const reply = (spec: Record<string, unknown>) => ({ 'x-emulator-reply': JSON.stringify(spec) });
