import { pathSegment, PROVIDER_ID_PATTERN, validateOptions, type GatewayTransport, type ProviderRoute } from '@aigw/core';
import { createHttpTransport } from '@aigw/transport-http';
import type { GatewayModelContext } from './gateway-model';
import { invalidOption } from './invalid-option';
import { checkResume, type CheckedResume } from './resume/check-resume';
import { readEnv, type AiGatewaySettings } from './settings';

/** The transport and instance options a gateway instance (or a model built with `new`) sends with. */
export function createGatewayContext(settings: AiGatewaySettings = {}): GatewayModelContext {
  if (typeof settings !== 'object' || settings === null) {
    throw invalidOption('settings', 'is not an object', '{ accountId, gateway, apiKey?, options? } or { binding, options? }', settings);
  }
  return {
    transport: createTransport(settings),
    options: validateOptions(settings.options, 'options'),
    linkTraces: checkLinkTraces(settings.linkTraces),
    ...(settings.providers !== undefined ? { routes: checkRoutes(settings.providers) } : {}),
  };
}

function checkLinkTraces(value: unknown): boolean {
  if (value === undefined) return true;
  if (typeof value !== 'boolean') throw invalidOption('linkTraces', 'is not a boolean', 'true (the default) or false', value);
  return value;
}

/**
 * Checks the `providers` setting when the instance is made: each route's provider id becomes a path
 * segment of every request it matches, and a junk route would only fail at call time.
 */
function checkRoutes(routes: unknown): readonly ProviderRoute[] {
  if (!Array.isArray(routes)) throw invalidOption('providers', 'is not an array', 'a list of { provider, url: RegExp, endpoint?, authHeaders? }', routes);
  for (let i = 0; i < routes.length; i++) {
    const route = routes[i] as Partial<Record<keyof ProviderRoute, unknown>> | null;
    const where = `providers[${i}]`;
    if (typeof route !== 'object' || route === null) throw invalidOption(where, 'is not an object', '{ provider, url: RegExp, endpoint?, authHeaders? }', route);
    pathSegment(route.provider, { option: `${where}.provider`, allowed: 'a lower-case gateway provider id such as "custom-my-llm"', pattern: PROVIDER_ID_PATTERN });
    if (!(route.url instanceof RegExp)) throw invalidOption(`${where}.url`, 'is not a RegExp', 'a RegExp matched against the request URL', route.url);
    if (route.endpoint !== undefined && typeof route.endpoint !== 'function') throw invalidOption(`${where}.endpoint`, 'is not a function', '(match, url) => endpoint, or nothing', route.endpoint);
    const auth = route.authHeaders;
    if (auth !== undefined && !(Array.isArray(auth) && auth.every((name) => typeof name === 'string'))) {
      throw invalidOption(`${where}.authHeaders`, 'is not a list of header names', 'lower-case header names, e.g. ["authorization"]', auth);
    }
  }
  return routes as readonly ProviderRoute[];
}

/**
 * The Workers-binding transport, with resumable streams when `resume` is set. Both are imported
 * only when a binding is given: HTTP-only apps never load them (and, with code splitting, never
 * bundle them). The import starts here; a bad binding is reported by the first call, as the same
 * typed error, before anything is sent (the `resume` setting is checked already).
 */
function bindingTransport(binding: NonNullable<AiGatewaySettings['binding']>, resume: CheckedResume | undefined): GatewayTransport {
  const transport = import('@aigw/transport-binding').then(async (m) => {
    const bound = m.createBindingTransport({ binding });
    return resume === undefined ? bound : (await import('./resume/resumable-transport')).withResume(bound, resume);
  });
  // Reported by send; never an unhandled rejection when no call is made.
  transport.catch(() => {});
  return { name: 'binding', ...(resume ? { gateway: resume.gateway } : {}), send: async (request, options) => (await transport).send(request, options) };
}

function createTransport(settings: AiGatewaySettings): GatewayTransport {
  if (settings.transport !== undefined) {
    const transport = settings.transport as Partial<GatewayTransport> | null;
    if (typeof transport !== 'object' || transport === null || typeof transport.send !== 'function') {
      throw invalidOption('transport', 'has no send method', 'an object with send(request, { signal }) returning a Response', transport);
    }
    return settings.transport;
  }
  if (settings.binding !== undefined) return bindingTransport(settings.binding, settings.resume === undefined ? undefined : checkResume(settings.resume));
  const { options: _options, providers: _providers, binding: _binding, transport: _transport, cloudflareApiToken: _token, cloudflareApiBaseURL: _api, logs: _logs, linkTraces: _linkTraces, ...http } = settings;
  const apiKey = http.apiKey ?? readEnv('CLOUDFLARE_AI_GATEWAY_TOKEN');
  if (apiKey !== undefined) http.apiKey = apiKey;
  if (http.gatewayURL !== undefined) return createHttpTransport(http);
  http.accountId ??= readEnv('CLOUDFLARE_ACCOUNT_ID');
  http.gateway ??= readEnv('CLOUDFLARE_AI_GATEWAY_ID');
  if (http.accountId === undefined) {
    throw invalidOption('accountId', 'is missing', 'your Cloudflare account id, in the settings or in CLOUDFLARE_ACCOUNT_ID (or pass binding or transport instead)', undefined);
  }
  if (http.gateway === undefined) throw invalidOption('gateway', 'is missing', 'a gateway id, in the settings or in CLOUDFLARE_AI_GATEWAY_ID', undefined);
  return createHttpTransport(http);
}
