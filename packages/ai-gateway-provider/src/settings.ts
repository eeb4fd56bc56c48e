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
   * A Cloudflare API token (default: `CLOUDFLARE_API_TOKEN`), over HTTP only: sent by Workers AI legs
   * (`'@cf/...'` ids and workers-ai-provider models; Workers AI permission) and used by
   * `aigateway.logs` on the REST API (AI Gateway Read, and Edit for feedback). Not used through the
   * binding, which runs on the Worker's own account.
   */
  cloudflareApiToken?: string;
  /** The Cloudflare REST API base. Default `https://api.cloudflare.com/client/v4` (an emulator's `http://127.0.0.1:PORT/client/v4`). */
  cloudflareApiBaseURL?: string;
  /** How `aigateway.logs` waits for a log that is not there yet. */
  logs?: AiGatewayLogsSettings;
  /**
   * With `@opentelemetry/api` installed and a sampled span active, every gateway request carries
   * that span's trace id and span id (`cf-aig-otel-trace-id`, `cf-aig-otel-parent-span-id`), so the
   * gateway's own spans join your trace. Default true; `false` sends neither.
   */
  linkTraces?: boolean;
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
   * Resumable streams, as in ai-gateway-provider 4.x: a streamed answer that carries
   * `cf-aig-run-id` reconnects through `env.AI.fetch` when its connection drops, and the caller
   * gets every event once. Without it, a dropped stream ends with an error.
   */
  resume?: AiGatewayResumeSettings;
  transport?: undefined;
}

/** Reach the gateway through a transport of your own (see `@aigw/core`'s `GatewayTransport`). */
export interface AiGatewayTransportSettings extends CommonSettings {
  transport: GatewayTransport;
  binding?: undefined;
}

/** The settings of `createAiGateway`: an account and gateway over HTTPS, a Workers binding, or a transport of your own. */
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

/** The resumable-stream settings of ai-gateway-provider 4.x. */
export interface AiGatewayResumeSettings {
  /** The full `env.AI` binding: its `fetch` reaches `https://workers-binding.ai/.../resume`. */
  binding: { fetch(url: string, init?: RequestInit): Promise<Response> };
  /** The id of the gateway `binding.gateway(id)` sends to. */
  gateway: string;
  /** Called before the stream errors with `AiGatewayStreamResumeError` because the run expired (404). */
  onResumeExpired?: (info: { runId: string; fromEvent: number }) => void;
  /** Reconnects allowed per stream, 0 to 100. Default 5. */
  maxReconnects?: number;
}
