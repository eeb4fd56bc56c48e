import type { AiGatewayBinding } from '@aigw/transport-binding';
import { checkToken, invalidOption } from '../invalid-option';
import { readEnv } from '../settings';
import type { AiGatewayLog, AiGatewayLogFeedback } from './gateway-log';

/** Logs and feedback from code: `aigateway.logs`. */
export interface AiGatewayLogs {
  /**
   * The gateway's log record of a call (`providerMetadata.aigateway.logId`). A log that is not
   * there yet (right after a streamed call) is asked for again a few times with a short backoff;
   * then `AiGatewayLogNotFoundError`.
   */
  get(logId: string, options?: { signal?: AbortSignal }): Promise<AiGatewayLog>;
  /** Records human feedback on a log: a score, thumbs up or down, metadata. */
  feedback(logId: string, feedback: AiGatewayLogFeedback, options?: { signal?: AbortSignal }): Promise<void>;
}

/** How a log that is not found yet is waited for. */
export interface AiGatewayLogsSettings {
  /** How many times a log is asked for before `AiGatewayLogNotFoundError`. 1 to 20; default 5. */
  lookups?: number;
  /** Delay before the second lookup, in ms; it doubles for each one after. 0 to 10000; default 250. */
  retryDelayMs?: number;
}

/** The settings `createAiGateway` reads for `aigateway.logs`. */
export interface GatewayLogsSettings {
  accountId?: string | undefined;
  gateway?: string | undefined;
  binding?: AiGatewayBinding | undefined;
  cloudflareApiToken?: string | undefined;
  cloudflareApiBaseURL?: string | undefined;
  logs?: AiGatewayLogsSettings | undefined;
  fetch?: typeof globalThis.fetch | undefined;
}

const DEFAULT_API_BASE_URL = 'https://api.cloudflare.com/client/v4';

/**
 * `aigateway.logs`: through the binding's `getLog`/`patchLog` when a binding is given, otherwise
 * through the Cloudflare REST API with a Cloudflare API token (setting or `CLOUDFLARE_API_TOKEN`).
 * Settings are checked now; a missing token is reported when the logs are first used.
 */
export function createGatewayLogs(settings: GatewayLogsSettings): AiGatewayLogs {
  const lookups = integerIn('logs.lookups', settings.logs?.lookups ?? 5, 1, 20);
  const retryDelayMs = integerIn('logs.retryDelayMs', settings.logs?.retryDelayMs ?? 250, 0, 10_000);
  const token = settings.cloudflareApiToken;
  if (token !== undefined) checkToken(token, 'cloudflareApiToken');
  const apiBase = settings.cloudflareApiBaseURL ?? DEFAULT_API_BASE_URL;
  if (typeof apiBase !== 'string' || !/^https?:\/\/[^/]/.test(apiBase)) {
    throw invalidOption('cloudflareApiBaseURL', 'is not an http(s) URL', `an http(s) URL such as ${DEFAULT_API_BASE_URL}`, apiBase);
  }
  // The client itself (backends, lookups, feedback checks) loads on first use: apps that never read
  // a log do not load it, and with code splitting do not bundle it.
  let client: Promise<AiGatewayLogs> | undefined;
  const load = () => (client ??= import('./gateway-logs-client').then((m) => m.gatewayLogsClient({ settings, apiBase: apiBase.replace(/\/+$/, ''), lookups, retryDelayMs, readEnv, checkToken })));
  return {
    get: async (logId, options) => (await load()).get(logId, options),
    feedback: async (logId, feedback, options) => (await load()).feedback(logId, feedback, options),
  };
}

function integerIn(option: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidOption(option, 'is out of range', `an integer from ${min} to ${max}`, value);
  }
  return value;
}

