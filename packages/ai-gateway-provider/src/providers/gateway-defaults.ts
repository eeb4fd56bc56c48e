import { createCaptureFetch, PLACEHOLDER_API_KEY, registerRoutedModel } from '@aigw/core';

type Settings = { apiKey?: unknown; fetch?: typeof globalThis.fetch } & Record<string, unknown>;

const registerModel = (value: unknown): unknown => {
  if (typeof value === 'object' && value !== null && 'specificationVersion' in value) registerRoutedModel(value);
  return value;
};

/**
 * Wraps an official provider factory for use behind the gateway:
 * - the API key is optional: without one a placeholder is sent to the SDK and dropped before the
 *   request leaves, so the gateway uses its stored key (BYOK) or Unified Billing;
 * - the provider sends through a capturing fetch (falling back to `settings.fetch` outside gateway
 *   calls), so requests are captured after the provider's own fetch wrappers (SigV4 signing,
 *   express-mode keys), and its models are registered for that capture.
 * The caller's settings object is never modified.
 */
export function withGatewayDefaults<F extends (settings?: never) => object>(
  factory: F,
  options: { needsPlaceholder?: (settings: Settings) => boolean } = {},
): F {
  const wrapped = (settings?: Settings) => {
    const given: Settings = settings ?? {};
    const placeholder = options.needsPlaceholder ? options.needsPlaceholder(given) : given.apiKey === undefined;
    const provider = (factory as unknown as (s: Settings) => object)({
      ...given,
      ...(placeholder ? { apiKey: PLACEHOLDER_API_KEY } : {}),
      fetch: createCaptureFetch(given.fetch),
    });
    return new Proxy(provider, {
      apply: (target, thisArg, args) => registerModel(Reflect.apply(target as (...a: unknown[]) => unknown, thisArg, args)),
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => registerModel((value as (...a: unknown[]) => unknown).apply(target, args));
      },
    });
  };
  return wrapped as unknown as F;
}

