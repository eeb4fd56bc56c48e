import type { AiGatewayOptions, GatewayTransport, ProviderRoute } from '@aigw/core';
import type { AiGatewayBinding } from '@aigw/transport-binding';

interface CommonSettings {
  /** Gateway options for every call of this instance; calls and fallback legs can override them. */
  options?: AiGatewayOptions;
  /** Routes for hosts the provider table does not know (custom providers), tried first. */
  providers?: readonly ProviderRoute[];
}

/** Reach the gateway over HTTPS. Unset fields come from the environment. */
export interface AiGatewayAPISettings extends CommonSettings {
  /** Cloudflare account id. Default: `CLOUDFLARE_ACCOUNT_ID`. */
  accountId?: string;
  /** Gateway id. Default: `CLOUDFLARE_AI_GATEWAY_ID`. */
  gateway?: string;
  /** AI Gateway token, needed when the gateway is authenticated. Default: `CLOUDFLARE_AI_GATEWAY_TOKEN`. */
  apiKey?: string;
  /** Gateway base URL, before `/{account}/{gateway}` (e.g. a local emulator). Default `https://gateway.ai.cloudflare.com/v1`. */
  baseURL?: string;
  /**
   * The full URL of the gateway on a custom domain (e.g. `https://ai.example.com`), which drops the
   * account and gateway ids from the path. Replaces `accountId`, `gateway` and `baseURL`.
   */
  gatewayURL?: string;
  /** Custom fetch for the gateway request (the body is a string, or a `Blob` from 256 KB on). */
  fetch?: typeof globalThis.fetch;
  /** Extra headers on every gateway request. */
  headers?: Record<string, string>;
  binding?: undefined;
  transport?: undefined;
}

/** Reach the gateway through the Workers binding: `env.AI.gateway('my-gateway')`. */
export interface AiGatewayBindingSettings extends CommonSettings {
  binding: AiGatewayBinding;
  /**
   * Accepted for compatibility with ai-gateway-provider 4.x and ignored: streams are not resumed
   * after a dropped connection; the stream ends with an error instead.
   */
  resume?: unknown;
  transport?: undefined;
}

/** Reach the gateway through a transport of your own (see `@aigw/core`'s `GatewayTransport`). */
export interface AiGatewayTransportSettings extends CommonSettings {
  transport: GatewayTransport;
  binding?: undefined;
}

export type AiGatewaySettings = AiGatewayAPISettings | AiGatewayBindingSettings | AiGatewayTransportSettings;

/** Reads an environment variable where the runtime has one (Node, Bun, Deno with --allow-env); undefined elsewhere. */
export function readEnv(name: string): string | undefined {
  try {
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    const value = env?.[name];
    return value === undefined || value === '' ? undefined : value;
  } catch {
    return undefined;
  }
}
