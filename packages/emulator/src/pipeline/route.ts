import { GatewayError, mergeCf, type ExchangeContext, type Step, type Target } from './exchange-context.js';
import { cfHeaders, HOP_BY_HOP, parseFault } from './exchange-helpers.js';
import type { EmulatorFault } from '../fault-controls.js';
import { AutoRouterRefusal, decideRoute, DEFAULT_AUTO_ROUTER_POOL, parseAutoRouterControl } from '../auto-router.js';
import { CONTROL_HEADERS, isControlHeader } from '../emulator-controls.js';
import { jsonNestsDeeper, TOO_DEEP_MESSAGE } from '../upstreams/json-nesting.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A request path the emulator answers, taken apart. */
export interface GatewayAddress {
  account: string;
  gateway: string;
  /** The path segments after `{account}/{gateway}` (`[]` for the universal endpoint). */
  tail: string[];
  /** The log API (`logs`, `logs/{id}`) rather than a model call. */
  logs: boolean;
  /** The raw path after `/v1/{account}/{gateway}/`, query included: a provider-native endpoint. */
  providerPath: string;
  /** An address of the Cloudflare REST API (`/client/v4/...`), which always needs an API token. */
  api?: boolean;
  /**
   * A model call on the REST API (`/client/v4/accounts/{account}/ai/...`): `run/{model}`, `run`
   * (`{ model, input }`), `v1/chat/completions`, `v1/embeddings`, `v1/responses` or `v1/messages`.
   * Its gateway is the `cf-aig-gateway-id` header's, `default` without one.
   */
  rest?: string;
}

/** One address form: returns the address when the URL has that form. */
export interface RouteMatcher {
  name: string;
  /** `segments` are the path's non-empty segments, percent-decoded; `headers` the request's, lower-case names. */
  match: (options: { url: URL; segments: string[]; headers: Readonly<Record<string, string>> }) => GatewayAddress | undefined;
}

const V4_LOGS = /^\/client\/v4\/accounts\/([^/]+)\/ai-gateway\/gateways\/([^/]+)\/(logs(?:\/.*)?)$/;
const V4_AI = /^\/client\/v4\/accounts\/([^/]+)\/ai\/(run(?:\/.+)?|v1\/chat\/completions|v1\/embeddings|v1\/responses|v1\/messages)$/;

/** The address forms the emulator answers, tried in order; anything else is a v4 404. */
export const ROUTE_MATCHERS: readonly RouteMatcher[] = [
  {
    name: 'v4-logs',
    match: ({ url }) => {
      const found = V4_LOGS.exec(url.pathname);
      if (found === null) return undefined;
      return {
        account: decodeURIComponent(found[1] ?? ''),
        gateway: decodeURIComponent(found[2] ?? ''),
        tail: (found[3] ?? '').split('/').filter((s) => s !== ''),
        logs: true,
        providerPath: providerPathOf(url),
        api: true,
      };
    },
  },
  {
    name: 'v4-ai',
    match: ({ url, headers }) => {
      const found = V4_AI.exec(url.pathname);
      if (found === null) return undefined;
      const rest = (found[2] ?? '').split('/').map(decodeURIComponent).join('/');
      return { account: decodeURIComponent(found[1] ?? ''), gateway: headers['cf-aig-gateway-id'] ?? 'default', tail: ['ai'], logs: false, providerPath: rest + url.search, api: true, rest };
    },
  },
  {
    name: 'v1-gateway',
    match: ({ url, segments }) => {
      if (segments[0] !== 'v1' || segments.length < 3) return undefined;
      const tail = segments.slice(3);
      return {
        account: segments[1] ?? '',
        gateway: segments[2] ?? '',
        tail,
        logs: tail[0] === 'logs' && tail.length <= 2,
        providerPath: providerPathOf(url),
      };
    },
  },
];

/** The address of a request path; a malformed percent escape anywhere in it throws (an emulator failure, 500). */
export function matchRoute(url: URL, headers: Readonly<Record<string, string>> = {}): GatewayAddress | undefined {
  const segments = url.pathname.split('/').filter((s) => s !== '').map(decodeURIComponent);
  for (const matcher of ROUTE_MATCHERS) {
    const address = matcher.match({ url, segments, headers });
    if (address !== undefined) return address;
  }
  return undefined;
}

function providerPathOf(url: URL): string {
  return url.pathname.split('/').slice(4).join('/') + url.search;
}

/**
 * Turns a model call into the steps to try: the universal endpoint's list, or one step for a
 * provider-native or compat path. Compat models name their provider (`openai/gpt-5-mini`) or a
 * dynamic route (`dynamic/name`, several targets). `[]` when nothing answers that method.
 */
export function planSteps(options: { ctx: ExchangeContext; address: GatewayAddress }): Step[] {
  const { ctx } = options;
  const { tail, providerPath } = options.address;
  const requestCf = cfHeaders(ctx.headers);
  if (options.address.rest !== undefined) return planRestSteps({ ctx, rest: options.address.rest, requestCf });
  if (tail.length === 0) {
    if (ctx.call.method !== 'POST') return [];
    ctx.call.kind = 'universal';
    let parsed: unknown;
    const text = decoder.decode(ctx.requestBody);
    if (jsonNestsDeeper(text)) throw new GatewayError({ code: 2005, status: 400, message: TOO_DEEP_MESSAGE });
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new GatewayError({ code: 2005, message: 'Failed to get response from provider: the body is not JSON' });
    }
    const list: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
    if (list.length === 0) throw new GatewayError({ code: 2008, message: 'Invalid provider' });
    return list.map((raw, index) => planUniversalStep({ ctx, raw, index, requestCf }));
  }
  const provider = tail[0] ?? '';
  const endpoint = providerPath.slice(provider.length + 1);
  const headers = providerHeaders(ctx.headers);
  const cf = mergeCf({ ctx, layers: [requestCf] });
  if (provider === 'compat') {
    ctx.call.kind = 'compat';
    const body = parseJsonObject(ctx.requestBody);
    const compatEndpoint = endpoint.replace(/^v1\//, '');
    return [{ index: 0, cf, fault: undefined, targets: compatTargets({ ctx, body, endpoint: compatEndpoint, headers, method: ctx.call.method, cf, index: 0, control: ctx.headers[CONTROL_HEADERS.autoRouter] }) }];
  }
  ctx.call.kind = 'provider';
  if (!knows(ctx, provider)) throw new GatewayError({ code: 2008 });
  return [
    {
      index: 0,
      cf,
      fault: undefined,
      targets: [{ provider, endpoint, method: ctx.call.method, headers, body: ctx.requestBody, keyProvider: provider }],
    },
  ];
}

/**
 * A model call on the REST API, as one step: a Workers AI id (`@cf/...`, `@hf/...`) runs on
 * `workers-ai`, a catalog id (`openai/gpt-5-mini`) as a compat step on its provider, and
 * `v1/responses` / `v1/messages` take the catalog ids of the provider whose format they are. The
 * Cloudflare API token is the REST API's credential, never a provider key: Workers AI runs on the
 * account, a catalog model uses the gateway's stored key.
 */
function planRestSteps(options: { ctx: ExchangeContext; rest: string; requestCf: Record<string, string> }): Step[] {
  const { ctx, rest } = options;
  if (ctx.call.method !== 'POST') return [];
  const cf = mergeCf({ ctx, layers: [options.requestCf] });
  const { authorization: _token, ...headers } = providerHeaders(ctx.headers);
  const workersAi = (endpoint: string, body: Uint8Array): Step[] => {
    ctx.call.kind = 'provider';
    return [{ index: 0, cf, fault: undefined, targets: [{ provider: 'workers-ai', endpoint, method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body, keyProvider: 'workers-ai' }] }];
  };
  const isWorkersAi = (model: unknown): model is string => typeof model === 'string' && /^@(?:cf|hf)\//.test(model);
  if (rest.startsWith('run/')) return workersAi(rest.slice('run/'.length), ctx.requestBody);
  const body = parseJsonObject(ctx.requestBody);
  const model = body.model;
  if (rest === 'run') {
    if (!isWorkersAi(model)) throw new GatewayError({ code: 2008, message: 'Invalid provider: the emulator runs Workers AI models (@cf/...) on ai/run' });
    return workersAi(model, encoder.encode(JSON.stringify(body.input ?? {})));
  }
  if (rest === 'v1/chat/completions' || rest === 'v1/embeddings') {
    if (isWorkersAi(model)) return workersAi(rest, ctx.requestBody);
    if (rest === 'v1/embeddings') throw new GatewayError({ code: 2008 });
    ctx.call.kind = 'compat';
    return [{ index: 0, cf, fault: undefined, targets: compatTargets({ ctx, body, endpoint: 'chat/completions', headers, method: 'POST', cf, index: 0, control: ctx.headers[CONTROL_HEADERS.autoRouter] }) }];
  }
  // v1/responses and v1/messages: the catalog models of OpenAI and Anthropic, in their own format.
  const [provider, endpoint] = rest === 'v1/responses' ? ['openai', 'responses'] : ['anthropic', 'v1/messages'];
  const prefix = `${provider}/`;
  if (typeof model !== 'string' || !model.startsWith(prefix) || model.length === prefix.length) throw new GatewayError({ code: 2008 });
  ctx.call.kind = 'provider';
  const upstreamBody = encoder.encode(JSON.stringify({ ...body, model: model.slice(prefix.length) }));
  return [{ index: 0, cf, fault: undefined, targets: [{ provider, endpoint, method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: upstreamBody, keyProvider: provider }] }];
}

function planUniversalStep(options: { ctx: ExchangeContext; raw: unknown; index: number; requestCf: Record<string, string> }): Step {
  const { ctx, raw, index } = options;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new GatewayError({ code: 2008 });
  const step = raw as { provider?: unknown; endpoint?: unknown; headers?: unknown; query?: unknown; config?: unknown };
  if (typeof step.provider !== 'string' || step.provider === '') throw new GatewayError({ code: 2008 });
  const endpoint = typeof step.endpoint === 'string' ? step.endpoint.replace(/^\//, '') : '';
  const rawHeaders: Record<string, unknown> = step.headers !== null && typeof step.headers === 'object' ? (step.headers as Record<string, unknown>) : {};
  const stepHeaders: Record<string, string> = {};
  let fault: EmulatorFault | undefined;
  for (const [name, value] of Object.entries(rawHeaders)) {
    const lower = name.toLowerCase();
    if (lower === 'x-emulator-fault') fault = parseFault(value);
    else if (value !== undefined && value !== null) stepHeaders[lower] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  const cf = mergeCf({ ctx, layers: [options.requestCf, cfHeaders(stepHeaders), configHeaders(step.config)] });
  const headers = providerHeaders(stepHeaders);
  const query = step.query;
  if (step.provider === 'compat') {
    if (query === null || typeof query !== 'object' || Array.isArray(query)) throw new GatewayError({ code: 2005 });
    const control = stepHeaders[CONTROL_HEADERS.autoRouter] ?? ctx.headers[CONTROL_HEADERS.autoRouter];
    return { index, cf, fault, targets: compatTargets({ ctx, body: query as Record<string, unknown>, endpoint, headers, method: 'POST', cf, index, control }) };
  }
  if (!knows(ctx, step.provider)) throw new GatewayError({ code: 2008 });
  if (headers['content-type'] === undefined) headers['content-type'] = 'application/json';
  const body = query === undefined ? new Uint8Array() : encoder.encode(JSON.stringify(query));
  return { index, cf, fault, targets: [{ provider: step.provider, endpoint, method: 'POST', headers, body, keyProvider: step.provider }] };
}

function compatTargets(options: {
  ctx: ExchangeContext;
  body: Record<string, unknown>;
  endpoint: string;
  headers: Record<string, string>;
  method: string;
  /** The step's merged cf-aig-* headers (the Auto Router reads its own). */
  cf: Record<string, string>;
  index: number;
  /** The step's `x-emulator-auto-router` control. */
  control: string | undefined;
}): Target[] {
  const { ctx } = options;
  const model = options.body.model;
  const slash = typeof model === 'string' ? model.indexOf('/') : -1;
  if (typeof model !== 'string' || slash <= 0 || slash === model.length - 1) throw new GatewayError({ code: 2005 });
  const prefix = model.slice(0, slash);
  const rest = model.slice(slash + 1);
  const target = (provider: string, providerModel: string, route: boolean): Target => {
    const headers: Record<string, string> = { ...options.headers, 'x-emulator-compat-provider': provider };
    if (headers['content-type'] === undefined) headers['content-type'] = 'application/json';
    return {
      provider: 'compat',
      endpoint: options.endpoint,
      method: options.method,
      headers,
      body: encoder.encode(JSON.stringify({ ...options.body, model: providerModel })),
      keyProvider: provider,
      ...(route ? { route: { provider, model: providerModel } } : {}),
    };
  };
  if (prefix === 'dynamic') {
    const route = ctx.settings?.dynamicRoutes?.[rest];
    if (route === undefined || route.length === 0) throw new GatewayError({ code: 2008, message: `Invalid provider: no dynamic route named '${rest}'` });
    return route.map((entry) => {
      const cut = entry.indexOf('/');
      return target(entry.slice(0, cut), entry.slice(cut + 1), true);
    });
  }
  if (prefix === 'cloudflare' && rest === 'auto') {
    const settings = ctx.settings?.autoRouter ?? { pool: [...DEFAULT_AUTO_ROUTER_POOL] };
    try {
      const decision = decideRoute({
        settings,
        cf: options.cf,
        body: options.body,
        control: parseAutoRouterControl(options.control),
        pins: ctx.state.sessionPins,
        gateway: ctx.call.gateway ?? '',
        now: ctx.state.now(),
      });
      return [{ ...target(decision.provider, decision.providerModel, false), autoRoute: decision }];
    } catch (error) {
      if (error instanceof AutoRouterRefusal) throw new GatewayError({ code: 2005, status: 400, message: `Auto Router: ${error.message}` });
      throw error;
    }
  }
  if (!knows(ctx, prefix)) throw new GatewayError({ code: 2008 });
  return [target(prefix, rest, false)];
}

/**
 * A provider id the gateway serves: a simulated one, or `custom-{slug}` when the emulator's
 * `customProviders` option names the slug (any slug when the option is not set).
 */
function knows(ctx: ExchangeContext, provider: string): boolean {
  const custom = ctx.state.customProviders;
  if (custom !== undefined && provider.startsWith('custom-')) {
    const slug = provider.slice('custom-'.length);
    // A provider with a base URL is forwarded there; one without is simulated.
    return Object.hasOwn(custom, slug) && (custom[slug]!.baseURL !== undefined || ctx.state.upstreams.knows(provider));
  }
  return ctx.state.upstreams.knows(provider);
}

/** A universal step's `config`, as the cf-aig-* headers it overrides. */
function configHeaders(config: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (config === null || typeof config !== 'object') return out;
  const c = config as Record<string, unknown>;
  const put = (name: string, value: unknown) => {
    if (typeof value === 'number' || typeof value === 'string') out[name] = String(value);
  };
  put('cf-aig-request-timeout', c.requestTimeout);
  put('cf-aig-max-attempts', c.maxAttempts);
  put('cf-aig-retry-delay', c.retryDelay);
  put('cf-aig-backoff', c.backoff);
  return out;
}

/** Headers for the upstream: everything but cf-aig-*, the deprecated aliases, hop-by-hop and the fault header. */
function providerHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('cf-aig-') || name === 'cf-cache-ttl' || name === 'cf-skip-cache' || name === 'x-emulator-fault' || name === 'x-emulator-binding' || isControlHeader(name) || HOP_BY_HOP.has(name)) continue;
    out[name] = value;
  }
  return out;
}

function parseJsonObject(body: Uint8Array): Record<string, unknown> {
  const text = decoder.decode(body);
  if (jsonNestsDeeper(text)) throw new GatewayError({ code: 2005, status: 400, message: TOO_DEEP_MESSAGE });
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new GatewayError({ code: 2005 });
}
