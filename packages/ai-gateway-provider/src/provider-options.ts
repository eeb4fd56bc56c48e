import { validateOptions, type AiGatewayOptions } from '@aigw/core';
import { PROVIDER_OPTIONS_KEY } from './gateway-model';

/**
 * Per-call gateway options as `providerOptions.aigateway` takes them in AI SDK 5, 6 and 7: the
 * options of `AiGatewayOptions`, JSON values only (a type, not an interface, so it fits the AI SDK's
 * JSON-object type). Metadata values are strings, numbers or booleans here; for a bigint use
 * `aigatewayOptions()`, which turns it into its decimal string, as the header carries it.
 *
 * ```ts
 * const perCall: AiGatewayProviderOptions = { skipCache: true, metadata: { user: 'u-42' } };
 * await generateText({ model, prompt, providerOptions: { aigateway: perCall } });
 * ```
 */
export type AiGatewayProviderOptions = {
  cacheKey?: string;
  cacheTtl?: number;
  skipCache?: boolean;
  /** `null` removes an entry set by the instance or a less specific layer. */
  metadata?: { [key: string]: string | number | boolean | null };
  collectLog?: boolean;
  collectLogPayload?: boolean;
  eventId?: string;
  requestTimeoutMs?: number;
  retries?: { maxAttempts?: 1 | 2 | 3 | 4 | 5; retryDelayMs?: number; backoff?: 'constant' | 'linear' | 'exponential' };
  byokAlias?: string;
  zdr?: boolean;
  customCost?: { per_token_in?: number; per_token_out?: number; per_cache_read_token?: number; per_cache_write_token?: number } | { total_cost: number };
  noWholesale?: boolean;
  /** Settings of the Auto Router (`cloudflare/auto`). */
  autoRouter?: { sessionId?: string; turnId?: string; sessionAffinity?: boolean; allowedModels?: string[]; allowedProviders?: string[] };
};

/**
 * Checks gateway options (throwing `AiGatewayInvalidOptionsError` before any call) and returns them
 * as `providerOptions.aigateway` takes them, bigint metadata included:
 *
 * ```ts
 * await generateText({ model, prompt, providerOptions: { aigateway: aigatewayOptions({ metadata: { orderId: 2n ** 60n } }) } });
 * ```
 */
export function aigatewayOptions(options: AiGatewayOptions): AiGatewayProviderOptions {
  const { metadata, autoRouter, ...checked } = validateOptions(options, `providerOptions.${PROVIDER_OPTIONS_KEY}`);
  const rest: AiGatewayProviderOptions = checked;
  if (autoRouter !== undefined) {
    const { allowedModels, allowedProviders, ...router } = autoRouter;
    rest.autoRouter = { ...router, ...(allowedModels ? { allowedModels: [...allowedModels] } : {}), ...(allowedProviders ? { allowedProviders: [...allowedProviders] } : {}) };
  }
  if (metadata === undefined) return rest;
  const json = Object.fromEntries(Object.entries(metadata).map(([key, value]) => [key, typeof value === 'bigint' ? value.toString() : value]));
  return { ...rest, metadata: json };
}
