import { pathSegment, PROVIDER_ID_PATTERN, resolveGatewayOptions, type GatewayTransport, type ProviderRoute } from '@aigw/core';
import { createHttpTransport } from '@aigw/transport-http';
import type { AiGatewayBinding } from '@aigw/transport-binding';
import { readEnv } from './env';
import type { ModelIdContext } from './ids/id-types';
import { checkToken, invalidOption } from './invalid-option';
import type { GatewayModelContext } from './model-types';
import { checkResume } from './resume/check-resume';
import type { AiBinding, AiGatewayBindingSettings, AiGatewayResumeSettings, AiGatewaySettings } from './settings';

/** What a gateway instance is made of, once, from its settings: what its models send with, and how its ids become models. */
export interface GatewaySetup {
  /** The settings as checked and normalised (`normaliseSettings`). */
  readonly settings: AiGatewaySettings;
  readonly context: GatewayModelContext;
  readonly ids: ModelIdContext;
}

/**
 * Checks the settings of a gateway instance (or of a model built with `new`) and makes what its
 * models send with: the transport, the instance options (resolved once), the routes.
 */
export function setUpGateway(given: AiGatewaySettings = {}): GatewaySetup {
  if (typeof given !== 'object' || given === null) {
    throw invalidOption('settings', 'is not an object', '{ accountId, gateway, apiKey?, options? } or { binding, options? }', given);
  }
  const settings = normaliseSettings(given);
  if (settings.universal !== undefined && typeof settings.universal !== 'boolean') throw invalidOption('universal', 'is not a boolean', 'true (a single model goes to the universal endpoint) or false (the default)', settings.universal);
  const context: GatewayModelContext = {
    transport: createTransport(settings),
    options: resolveGatewayOptions(settings.options, { path: 'options' }),
    linkTraces: checkLinkTraces(settings.linkTraces),
    ...(settings.universal === true ? { universal: true } : {}),
    ...(settings.providers !== undefined ? { routes: checkRoutes(settings.providers) } : {}),
  };
  return { settings, context, ids: modelIdContext(settings) };
}

/** The setups made for the settings objects of models built with `new`, with the values they were made from. */
const setups = new WeakMap<object, { readonly values: readonly unknown[]; readonly setup: GatewaySetup }>();

/**
 * The setup of the settings object of a model built with `new` (as in 4.x): made once and shared
 * by every model built with the same object, so they share one transport (and one id cache) as
 * the models of one `createAiGateway` instance do. Made anew when a value of the object changed.
 */
export function setUpGatewayFor(settings: AiGatewaySettings | undefined): GatewaySetup {
  if (typeof settings !== 'object' || settings === null) return setUpGateway(settings);
  const values = Object.values(settings);
  const known = setups.get(settings);
  if (known !== undefined && known.values.length === values.length && known.values.every((v, i) => v === values[i])) return known.setup;
  const setup = setUpGateway(settings);
  setups.set(settings, { values, setup });
  return setup;
}

/** Where Workers AI ids send from: the HTTP transport needs a Cloudflare API token, the binding none. */
function modelIdContext(settings: AiGatewaySettings): ModelIdContext {
  const binding = settings.binding !== undefined;
  const http = !binding && settings.transport === undefined;
  const token = binding ? undefined : (settings.cloudflareApiToken ?? readEnv('CLOUDFLARE_API_TOKEN'));
  const accountId = (!binding && settings.transport === undefined ? settings.accountId : undefined) ?? readEnv('CLOUDFLARE_ACCOUNT_ID') ?? 'account';
  return { accountId, cloudflareApiToken: token, tokenRequired: http, built: new Map() };
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

/** A gateway id as a path segment of the binding's gateway and the resume URL. */
const checkGatewayId = (value: unknown, option: string): string =>
  pathSegment(value, { option, allowed: 'a gateway id, 1 to 64 letters, digits, "-" or "_"', pattern: /^[A-Za-z0-9_-]{1,64}$/ });

/**
 * The settings as the rest of the instance takes them: one token filled in (`withOneToken`), and
 * the `binding` setting recognised when the instance is made. The whole `env.AI` (it has
 * `gateway(id)`) becomes its gateway binding `env.AI.gateway(gateway ?? 'default')`, with resume
 * wired through its `fetch` unless `resume: false`; one gateway of it, `env.AI.gateway(id)` (it has
 * `run` and no `gateway`), is taken as it is. Anything else is refused here, before any call.
 */
function normaliseSettings(given: AiGatewaySettings): AiGatewaySettings {
  const settings = withOneToken(given);
  if (settings.binding === undefined) return settings;
  const { binding: candidate, gateway, resume, ...rest } = settings;
  const shape = candidate as unknown as Record<string, unknown> | null;
  const allowed = "env.AI (the gateway 'default', or the gateway setting) or env.AI.gateway('my-gateway')";
  if ((typeof shape !== 'object' && typeof shape !== 'function') || shape === null) throw invalidOption('binding', 'is not an object', allowed, candidate);
  if (resume !== undefined && typeof resume !== 'boolean' && (typeof resume !== 'object' || resume === null)) {
    throw invalidOption('resume', 'is not a boolean or an object', 'true, false, { maxReconnects?, onResumeExpired? } with binding env.AI, or { binding: env.AI, gateway } with env.AI.gateway(id)', resume);
  }
  if (typeof shape.gateway === 'function') {
    const ai = candidate as AiBinding;
    const id = checkGatewayId(gateway ?? 'default', 'gateway');
    const binding = ai.gateway(id);
    if (typeof binding !== 'object' || binding === null || typeof binding.run !== 'function') {
      throw invalidOption('binding', `is not env.AI: its gateway("${id}") has no run method`, allowed, candidate);
    }
    if (resume === false) return { ...rest, binding };
    if (typeof ai.fetch !== 'function') {
      // Resume needs env.AI.fetch: asked for, its absence is an error; by default resume is simply off.
      if (resume !== undefined) throw invalidOption('binding.fetch', 'is missing, and resume needs it', 'the whole env.AI binding (its fetch reaches the resume endpoint), or resume: false', undefined);
      return { ...rest, binding };
    }
    const tuning = typeof resume === 'object' ? resume : {};
    return { ...rest, binding, resume: { binding: ai as AiGatewayResumeSettings['binding'], gateway: id, ...tuning } };
  }
  if (typeof shape.run !== 'function') throw invalidOption('binding', 'has neither gateway(id) nor run', allowed, candidate);
  if (gateway !== undefined) {
    throw invalidOption('gateway', 'is set with binding env.AI.gateway(id), which names its gateway already', "binding: env.AI with gateway: 'my-gateway', or binding: env.AI.gateway('my-gateway') alone", gateway);
  }
  if (resume === true) {
    throw invalidOption('resume', 'is true, but binding is env.AI.gateway(id), which cannot reach the resume endpoint', "binding: env.AI (resume is then on by default), or resume: { binding: env.AI, gateway: 'my-gateway' }", true);
  }
  return resume === undefined || resume === false ? { ...rest, binding: candidate } : { ...rest, binding: candidate, resume };
}

/**
 * The settings with one token filled in where another is missing (HTTP only): `apiToken` stands
 * for `apiKey` and `cloudflareApiToken`, and the gateway token (`apiKey` or
 * `CLOUDFLARE_AI_GATEWAY_TOKEN`) serves Workers AI legs and logs when no Cloudflare API token is
 * given (`cloudflareApiToken`, `apiToken` or `CLOUDFLARE_API_TOKEN`).
 */
function withOneToken(settings: AiGatewaySettings): AiGatewaySettings {
  if (typeof settings !== 'object' || settings === null || settings.binding !== undefined || settings.transport !== undefined) return settings;
  const { apiToken, ...rest } = settings;
  if (apiToken !== undefined) checkToken(apiToken, 'apiToken');
  const apiKey = rest.apiKey ?? apiToken;
  // CLOUDFLARE_API_TOKEN is left to be read where it is used (its errors name it); the gateway token stands in only without it.
  const cloudflareApiToken = rest.cloudflareApiToken ?? apiToken ?? (readEnv('CLOUDFLARE_API_TOKEN') === undefined ? (apiKey ?? readEnv('CLOUDFLARE_AI_GATEWAY_TOKEN')) : undefined);
  return { ...rest, ...(apiKey !== undefined ? { apiKey } : {}), ...(cloudflareApiToken !== undefined ? { cloudflareApiToken } : {}) };
}

/**
 * The Workers-binding transport, with resumable streams when `resume` is set. Both are imported
 * only when a binding is given: HTTP-only apps never load them (and, with code splitting, never
 * bundle them). The import starts here; what is left to check of the binding is reported by the
 * first call, as the same typed error, before anything is sent (its shape and `resume` are checked already).
 */
function bindingTransport(settings: AiGatewayBindingSettings): GatewayTransport {
  const binding = settings.binding as AiGatewayBinding;
  const resume = settings.resume === undefined ? undefined : checkResume(settings.resume as AiGatewayResumeSettings);
  const gateway = resume?.gateway;
  const transport = import('@aigw/transport-binding').then((m) => {
    const bound = m.createBindingTransport({ binding });
    return resume === undefined ? bound : m.withResume(bound, resume);
  });
  // Reported by send; never an unhandled rejection when no call is made.
  transport.catch(() => {});
  return { name: 'binding', ...(gateway !== undefined ? { gateway } : {}), send: async (request, options) => (await transport).send(request, options) };
}

function createTransport(settings: AiGatewaySettings): GatewayTransport {
  if (settings.transport !== undefined) {
    const transport = settings.transport as Partial<GatewayTransport> | null;
    if (typeof transport !== 'object' || transport === null || typeof transport.send !== 'function') {
      throw invalidOption('transport', 'has no send method', 'an object with send(request, { signal }) returning a Response', transport);
    }
    return settings.transport;
  }
  if (settings.binding !== undefined) return bindingTransport(settings);
  const { options: _options, providers: _providers, binding: _binding, transport: _transport, cloudflareApiToken: _token, cloudflareApiBaseURL: _api, logs: _logs, linkTraces: _linkTraces, universal: _universal, ...http } = settings;
  const apiKey = http.apiKey ?? readEnv('CLOUDFLARE_AI_GATEWAY_TOKEN');
  if (apiKey !== undefined) http.apiKey = apiKey;
  if (http.gatewayURL !== undefined) return createHttpTransport(http);
  http.accountId ??= readEnv('CLOUDFLARE_ACCOUNT_ID');
  // As in the dashboard (and createAI): the gateway `default`, which the service creates on first use.
  http.gateway ??= readEnv('CLOUDFLARE_AI_GATEWAY_ID') ?? 'default';
  if (http.accountId === undefined) {
    throw invalidOption('accountId', 'is missing', 'your Cloudflare account id, in the settings or in CLOUDFLARE_ACCOUNT_ID (or pass binding or transport instead)', undefined);
  }
  return createHttpTransport(http);
}
