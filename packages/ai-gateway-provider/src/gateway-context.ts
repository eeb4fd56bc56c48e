import { validateOptions, type GatewayTransport } from '@aigw/core';
import { AiGatewayInvalidOptionsError } from '@aigw/errors';
import { createHttpTransport } from '@aigw/transport-http';
import type { GatewayModelContext } from './gateway-model';
import { withResume } from './resume/resumable-transport';
import { readEnv, type AiGatewaySettings } from './settings';

/** The transport and instance options a gateway instance (or a model built with `new`) sends with. */
export function createGatewayContext(settings: AiGatewaySettings = {}): GatewayModelContext {
  if (typeof settings !== 'object' || settings === null) {
    throw new AiGatewayInvalidOptionsError({ option: 'settings', value: settings, problem: 'is not an object', allowed: '{ accountId, gateway, apiKey?, options? } or { binding, options? }' });
  }
  return {
    transport: createTransport(settings),
    options: validateOptions(settings.options, 'options'),
    ...(settings.providers ? { routes: settings.providers } : {}),
  };
}

/**
 * The Workers-binding transport, imported only when a binding is given: HTTP-only apps never load
 * it (and, with code splitting, never bundle it). The import starts here; a bad binding is reported
 * by the first call, as the same typed error, before anything is sent.
 */
function bindingTransport(binding: NonNullable<AiGatewaySettings['binding']>): GatewayTransport {
  const transport = import('@aigw/transport-binding').then((m) => m.createBindingTransport({ binding }));
  // Reported by send; never an unhandled rejection when no call is made.
  transport.catch(() => {});
  return { name: 'binding', send: async (request, options) => (await transport).send(request, options) };
}

function createTransport(settings: AiGatewaySettings): GatewayTransport {
  if (settings.transport !== undefined) {
    const transport = settings.transport as Partial<GatewayTransport> | null;
    if (typeof transport !== 'object' || transport === null || typeof transport.send !== 'function') {
      throw new AiGatewayInvalidOptionsError({ option: 'transport', value: transport, problem: 'has no send method', allowed: 'an object with send(request, { signal }) returning a Response' });
    }
    return settings.transport;
  }
  if (settings.binding !== undefined) {
    const transport = bindingTransport(settings.binding);
    return settings.resume === undefined ? transport : withResume(transport, settings.resume);
  }
  const { options: _options, providers: _providers, binding: _binding, transport: _transport, cloudflareApiToken: _token, cloudflareApiBaseURL: _api, logs: _logs, ...http } = settings;
  const apiKey = http.apiKey ?? readEnv('CLOUDFLARE_AI_GATEWAY_TOKEN');
  if (apiKey !== undefined) http.apiKey = apiKey;
  if (http.gatewayURL !== undefined) return createHttpTransport(http);
  http.accountId ??= readEnv('CLOUDFLARE_ACCOUNT_ID');
  http.gateway ??= readEnv('CLOUDFLARE_AI_GATEWAY_ID');
  if (http.accountId === undefined) {
    throw new AiGatewayInvalidOptionsError({ option: 'accountId', value: undefined, problem: 'is missing', allowed: 'your Cloudflare account id, in the settings or in CLOUDFLARE_ACCOUNT_ID (or pass binding or transport instead)' });
  }
  if (http.gateway === undefined) {
    throw new AiGatewayInvalidOptionsError({ option: 'gateway', value: undefined, problem: 'is missing', allowed: 'a gateway id, in the settings or in CLOUDFLARE_AI_GATEWAY_ID' });
  }
  return createHttpTransport(http);
}
