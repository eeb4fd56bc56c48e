import { readEnv } from '../env';
import { checkToken, invalidOption } from '../invalid-option';
import type { AiGatewayLogs, GatewayLogsSettings } from './gateway-log';

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

