import { resolveGatewayOptions, type AiGatewayCallHeaders, type AiGatewayOptions } from '@aigw/core';
import { PROVIDER_OPTIONS_KEY } from './model-types';

/** `T` as JSON carries it: no bigint, lists mutable, objects as type literals (which fit the AI SDK's JSON types). */
type Json<T> = T extends bigint ? never : T extends string | number | boolean | null ? T : T extends readonly (infer E)[] ? Json<E>[] : T extends object ? { -readonly [K in keyof T]: Json<T[K]> } : never;

/**
 * Per-call gateway options as `providerOptions.aigateway` takes them in AI SDK 5, 6 and 7: the
 * options of `AiGatewayOptions` and the request headers of `AiGatewayCallHeaders`, JSON values
 * only (so the type fits the AI SDK's JSON-object type). Metadata values are strings, numbers,
 * booleans or `null` (which removes an entry set by the instance or a less specific layer); for a
 * bigint use `aigatewayOptions()`, which turns it into its decimal string, as the header carries it.
 *
 * ```ts
 * const perCall: AiGatewayProviderOptions = { skipCache: true, metadata: { user: 'u-42' }, sessionAffinity: 'conversation-7' };
 * await generateText({ model, prompt, providerOptions: { aigateway: perCall } });
 * ```
 */
export type AiGatewayProviderOptions = Json<AiGatewayOptions & AiGatewayCallHeaders>;

/**
 * Checks per-call gateway options (throwing `AiGatewayInvalidOptionsError` before any call), on the
 * route every call's options take, and returns them as `providerOptions.aigateway` takes them,
 * bigint metadata included:
 *
 * ```ts
 * await generateText({ model, prompt, providerOptions: { aigateway: aigatewayOptions({ metadata: { orderId: 2n ** 60n } }) } });
 * ```
 */
export function aigatewayOptions(options: AiGatewayOptions & AiGatewayCallHeaders): AiGatewayProviderOptions {
  resolveGatewayOptions(options, { path: `providerOptions.${PROVIDER_OPTIONS_KEY}`, modelHeaders: true });
  const { metadata, autoRouter, headers, ...rest } = options;
  const json: AiGatewayProviderOptions = rest;
  if (headers !== undefined) json.headers = { ...headers };
  if (autoRouter !== undefined) {
    const { allowedModels, allowedProviders, ...router } = autoRouter;
    json.autoRouter = { ...router, ...(allowedModels ? { allowedModels: [...allowedModels] } : {}), ...(allowedProviders ? { allowedProviders: [...allowedProviders] } : {}) };
  }
  if (metadata === undefined) return json;
  return { ...json, metadata: Object.fromEntries(Object.entries(metadata).map(([key, value]) => [key, typeof value === 'bigint' ? value.toString() : value])) };
}
