import { readEmulatorConfig, startEmulator } from '@aigw/emulator';
import type { AiGatewayAPISettings } from 'ai-gateway-provider';

/** Where the demo sends its calls: the local emulator, or your gateway on Cloudflare. */
export interface DemoGateway {
  readonly kind: 'emulator' | 'cloudflare';
  /** What to pass to `createAiGateway`: the only thing that differs between the two. */
  readonly settings: AiGatewayAPISettings;
  /** One line for the terminal. */
  readonly description: string;
  close(): Promise<void>;
}

const EMULATOR_GATEWAY = 'quickstart';

/**
 * With CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_AI_GATEWAY_ID set, your real gateway (token from
 * CLOUDFLARE_AI_GATEWAY_TOKEN when it is authenticated; Workers AI with CLOUDFLARE_API_TOKEN). Otherwise a local emulator, started here
 * from `emulator.config.json` (the same file `aigw-emulator --config emulator.config.json` serves): an authenticated gateway with
 * caching on, stored provider keys (BYOK) and Unified Billing, so no key is needed, catalog ids (`openai/gpt-5-mini`) included.
 */
export async function openDemoGateway(env: NodeJS.ProcessEnv): Promise<DemoGateway> {
  const accountId = env.CLOUDFLARE_ACCOUNT_ID;
  const gateway = env.CLOUDFLARE_AI_GATEWAY_ID;
  if (accountId && gateway) {
    const apiKey = env.CLOUDFLARE_AI_GATEWAY_TOKEN;
    return {
      kind: 'cloudflare',
      settings: { accountId, gateway, ...(apiKey ? { apiKey } : {}) },
      description: `Cloudflare AI Gateway "${gateway}" (https://gateway.ai.cloudflare.com/v1/${accountId}/${gateway})`,
      close: () => Promise.resolve(),
    };
  }

  const emulator = await startEmulator(await readEmulatorConfig(new URL('../emulator.config.json', import.meta.url)));
  return {
    kind: 'emulator',
    // The emulator's Workers AI only checks that a Cloudflare API token is there.
    settings: { accountId: emulator.accountId, gateway: EMULATOR_GATEWAY, apiKey: emulator.token, baseURL: emulator.baseURL, cloudflareApiToken: 'emulator-cloudflare-token' },
    description: `local emulator at ${emulator.gatewayURL(EMULATOR_GATEWAY)} (emulator.config.json: authenticated, cache TTL 300 s, stored provider keys)`,
    close: () => emulator.close(),
  };
}
