import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EmulatorConfigError, emulatorOptionsFromConfig, readEmulatorConfig, startEmulator } from '../src/index.js';

const gateway = {
  authentication: true,
  cacheTtl: 300,
  collectLog: false,
  rateLimit: { limit: 5, intervalMs: 1000 },
  byok: { openai: 'k1', anthropic: { default: 'k2', other: 'k3' } },
  dynamicRoutes: { support: ['anthropic/claude-sonnet-4-5', 'openai/gpt-5-mini'] },
  policies: { deny: [{ team: 'x', tier: 2, beta: true }], spendCaps: [{ metadataKey: 'user', limit: 1.5 }, { limit: 10 }] },
  byokOnly: true,
  unifiedBilling: { rateLimit: { limit: 3, intervalMs: 60000 }, retryAfter: 7 },
  guardrails: { blockPrompt: ['a'], blockResponse: ['b'], scanner: 'ok' },
  workersAiBusy: { retryAfter: 2 },
  autoRouter: { pool: ['openai/gpt-5-mini'], fallbackModel: 'openai/gpt-5-mini', unavailable: ['anthropic/claude-sonnet-4-5'] },
};
const config = {
  port: 0,
  host: '127.0.0.1',
  accountId: 'acct',
  token: 'tok',
  gateways: { full: gateway, busy: { workersAiBusy: true } },
  onAllStepsFailed: 'gateway-error',
  ids: 'ulid',
  ssePadding: 8,
  cacheTtlBounds: 'off',
  otelSpans: false,
  customProviders: { 'my-llm': { baseURL: 'https://llm.example/v1' }, local: {} },
  limits: { arrayItems: 5, embeddingInputs: 9 },
  prices: { 'my-model': { input: 0.5, output: 1.5 } },
  logDelayMs: 10,
  recordLimit: 50,
};

describe('emulatorOptionsFromConfig', () => {
  it('keeps every field of a full config (each gateway setting included), limits as upstreamOptions.limits', () => {
    const { limits, ...rest } = config;
    expect(emulatorOptionsFromConfig({ config, source: 'full.json' })).toEqual({ ...rest, upstreamOptions: { limits } });
  });

  it('names the source and the field of a bad value', () => {
    const bad = (patch: object) => () => emulatorOptionsFromConfig({ config: { gateways: { g: patch } }, source: 'x.json' });
    expect(bad({ cacheTtl: -1 })).toThrow(new EmulatorConfigError('x.json: gateways.g.cacheTtl must be an integer of at least 0, got -1'));
    expect(bad({ workersAiBusy: 'yes' })).toThrow('x.json: gateways.g.workersAiBusy must be true, false or { retryAfter? }, got "yes"');
    expect(bad({ policies: { spendCaps: [{ limit: 1, key: 'user' }] } })).toThrow('x.json: gateways.g.policies.spendCaps[0].key is not a known field (known: metadataKey, limit)');
    expect(bad({ autoRouter: { pool: [] } })).toThrow("x.json: gateways.g.autoRouter.pool must list at least one 'provider/model', got an array");
    expect(() => emulatorOptionsFromConfig({ config: [], source: 'x.json' })).toThrow('x.json: the config must be an object, got an array');
    expect(() => emulatorOptionsFromConfig({ config: { token: 42 }, source: 'x.json' })).toThrow('x.json: token must be a non-empty string, got a number');
  });

  it('reads the example file the package ships, which startEmulator takes as it is', async () => {
    const url = new URL('../examples/emulator.config.json', import.meta.url);
    const options = await readEmulatorConfig(url);
    expect(Object.keys(options.gateways ?? {})).toEqual(Object.keys((JSON.parse(readFileSync(url, 'utf8')) as { gateways: object }).gateways));
    const emulator = await startEmulator({ ...options, port: 0 });
    try {
      expect(emulator.gateways).toEqual(['emulator-gateway', 'byok-only']);
    } finally {
      await emulator.close();
    }
  });
});
