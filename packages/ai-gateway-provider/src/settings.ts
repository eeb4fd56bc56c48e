import type { AiGatewayOptions, GatewayTransport, ProviderRoute } from '@aigw/core';
import type { AiGatewayBinding } from '@aigw/transport-binding';
import type { HttpTransportSettings } from '@aigw/transport-http';
import type { AiGatewayLogsSettings } from './logs/create-gateway-logs';

interface CommonSettings {
  /** Gateway options for every call of this instance; calls and fallback legs can override them. */
  options?: AiGatewayOptions;
  /** Routes for hosts the provider table does not know (custom providers), tried first. */
  providers?: readonly ProviderRoute[];
  /**
   * A Cloudflare API token with AI Gateway Read (and Edit, for feedback) permission, for
   * `aigateway.logs` over the REST API. Default `CLOUDFLARE_API_TOKEN`. Not needed with a binding.
   */
  cloudflareApiToken?: string;
  /** The Cloudflare REST API base. Default `https://api.cloudflare.com/client/v4` (an emulator's `http://127.0.0.1:PORT/client/v4`). */
  cloudflareApiBaseURL?: string;
  /** How `aigateway.logs` waits for a log that is not there yet. */
  logs?: AiGatewayLogsSettings;
}

/**
 * Reach the gateway over HTTPS: the settings of `createHttpTransport` (see `@aigw/transport-http`).
 * Unset `accountId`, `gateway` and `apiKey` come from `CLOUDFLARE_ACCOUNT_ID`,
 * `CLOUDFLARE_AI_GATEWAY_ID` and `CLOUDFLARE_AI_GATEWAY_TOKEN`.
 */
export interface AiGatewayAPISettings extends CommonSettings, HttpTransportSettings {
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
  resume?: AiGatewayResumeSettings;
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

/**
 * The resumable-stream settings of ai-gateway-provider 4.x, kept so that its programs compile.
 * Not implemented here: they are accepted and ignored.
 */
export interface AiGatewayResumeSettings {
  /** The full `env.AI` binding. */
  binding: unknown;
  gateway: string;
  onResumeExpired?: (...args: never[]) => unknown;
  maxReconnects?: number;
}
