import { startEmulator, type Emulator } from '@aigw/emulator';
import { createAiGateway, type AiGateway, type AiGatewayAPISettings } from 'ai-gateway-provider';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export interface TestGateway {
  emulator: Emulator;
  /** A gateway instance on the emulator's gateway. */
  gateway(settings?: Partial<AiGatewayAPISettings>): AiGateway;
  /** The settings of that instance, for `new AiGatewayChatLanguageModel(models, settings)`. */
  settings(): AiGatewayAPISettings;
}

/** Starts one emulator for the file, resets its records before each test, closes it after. */
export function useEmulator(): TestGateway {
  const state = {} as TestGateway;
  beforeAll(async () => {
    // Stored keys (BYOK), so that models of the keyless providers/* sub-paths are answered.
    const emulator = await startEmulator({ gateways: { 'emulator-gateway': { byok: { openai: 'stored-openai', anthropic: 'stored-anthropic' } } } });
    state.emulator = emulator;
    state.settings = () => ({ accountId: emulator.accountId, gateway: 'emulator-gateway', apiKey: emulator.token, baseURL: emulator.baseURL });
    state.gateway = (settings = {}) => createAiGateway({ ...state.settings(), ...settings });
  });
  beforeEach(() => state.emulator.reset());
  afterAll(async () => {
    await state.emulator.close();
  });
  return state;
}

/** A fault for one fallback leg, sent as a provider header of that leg's model. */
export const fault = (spec: Record<string, unknown>) => ({ 'x-emulator-fault': JSON.stringify(spec) });

/** A request header the emulator received on the last call. */
export const lastHeader = (t: TestGateway, name: string): string | undefined => t.emulator.calls.at(-1)?.requestHeaders[name];

/** The title of a generation's suite, "AI SDK 6 (specification v3)": the same in each of its files. */
export const generationTitle = ({ ai, specificationVersion }: { ai: number; specificationVersion: string }) => `AI SDK ${ai} (specification ${specificationVersion})`;
