// The settings of `createAiGateway` (and of the 4.x constructors): types only, checked in `gateway-context.ts`.
import type { AiGatewayOptions, GatewayTransport, ProviderRoute } from '@aigw/core';
import type { AiGatewayBinding } from '@aigw/transport-binding';
import type { HttpTransportSettings } from '@aigw/transport-http';

/** How `aigateway.logs` waits for a log that is not there yet. */
export interface AiGatewayLogsSettings {
  /** How many times a log is asked for before `AiGatewayLogNotFoundError`. 1 to 20; default 5. */
  lookups?: number;
  /** Delay before the second lookup, in ms; it doubles for each one after. 0 to 10000; default 250. */
  retryDelayMs?: number;
}

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
  /**
   * `true` sends a single model to the universal endpoint (`POST /v1/{account}/{gateway}`) as a
   * one-step list, as ai-gateway-provider 4.x did, instead of the provider-native path
   * (`/v1/{account}/{gateway}/{provider}/...`). Useful for tests written for 4.x that intercept the
   * universal URL. A request with a non-JSON body (an audio upload) still goes to the provider-native
   * path. Default false.
   */
  universal?: boolean;
}

/**
 * Reach the gateway over HTTPS: the settings of `createHttpTransport` (see `@aigw/transport-http`).
 * Unset `accountId` and `apiKey` come from `CLOUDFLARE_ACCOUNT_ID` and `CLOUDFLARE_AI_GATEWAY_TOKEN`;
 * an unset `gateway` from `CLOUDFLARE_AI_GATEWAY_ID`, else `'default'`.
 */
export interface AiGatewayAPISettings extends CommonSettings, HttpTransportSettings {
  /**
   * One Cloudflare API token for everything: the gateway token (`apiKey`), Workers AI legs and
   * `aigateway.logs` (`cloudflareApiToken`). `apiKey` and `cloudflareApiToken`, when set, win over it.
   * Its permissions: AI Gateway Run (an authenticated gateway), Workers AI (`'@cf/...'` ids),
   * AI Gateway Read and Edit (logs, feedback).
   */
  apiToken?: string;
  binding?: undefined;
  transport?: undefined;
}

/**
 * The whole Workers AI binding, `env.AI`: the gateway binding comes from its `gateway(id)`, and its
 * `fetch` reaches the resume endpoint of a streamed run.
 */
export interface AiBinding {
  /** The binding of one gateway, `env.AI.gateway('my-gateway')`. */
  gateway(id: string): AiGatewayBinding;
  /** Reaches `https://workers-binding.ai/...`, the resume endpoint of a streamed run among them. */
  fetch?(url: string, init?: RequestInit): Promise<Response>;
}

/**
 * Reach the gateway through the Workers binding: `env.AI` itself (the gateway `default`, or the
 * `gateway` setting), or one of its gateways, `env.AI.gateway('my-gateway')`.
 */
export interface AiGatewayBindingSettings extends CommonSettings {
  binding: AiGatewayBinding | AiBinding;
  /** With `binding: env.AI`, the gateway to send to. Default `'default'`. Not with `env.AI.gateway(id)`, which names its own. */
  gateway?: string;
  /**
   * Resumable streams: a streamed answer that carries `cf-aig-run-id` reconnects through
   * `env.AI.fetch` when its connection drops, and the caller gets every event once. With
   * `binding: env.AI` this is on by default (`false` turns it off; `{ maxReconnects, onResumeExpired }`
   * tunes it). With `binding: env.AI.gateway(id)` it takes the 4.x form, `{ binding: env.AI, gateway }`.
   * Without resume, a dropped stream ends with an error.
   */
  resume?: AiGatewayResumeSettings | AiGatewayResumeTuning | boolean;
  transport?: undefined;
}

/** The `resume` setting when `binding` is the whole `env.AI`: the binding and gateway come from the settings. */
export type AiGatewayResumeTuning = Pick<AiGatewayResumeSettings, 'onResumeExpired' | 'maxReconnects'>;

/** Reach the gateway through a transport of your own (see `@aigw/core`'s `GatewayTransport`). */
export interface AiGatewayTransportSettings extends CommonSettings {
  transport: GatewayTransport;
  binding?: undefined;
}

/** The settings of `createAiGateway`: an account and gateway over HTTPS, a Workers binding, or a transport of your own. */
export type AiGatewaySettings = AiGatewayAPISettings | AiGatewayBindingSettings | AiGatewayTransportSettings;

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
