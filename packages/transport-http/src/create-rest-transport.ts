import { invalidOption, passesThrough, pathSegment, stepBody, type GatewayRequest, type GatewaySendOptions, type GatewayStep, type GatewayTransport } from '@aigw/core';
import { AiGatewayNetworkError, collectSecrets } from '@aigw/errors';
import { ACCOUNT_ID, checkHeaderSize, GATEWAY_ID, headerSettingEntries, httpURL, secretLookingValues, setStepHeader, USER_AGENT } from './create-http-transport';

const TRANSPORT_NAME = 'rest';
const DEFAULT_API_BASE_URL = 'https://api.cloudflare.com/client/v4';
const MODEL_ID_ALLOWED = 'a Workers AI model id whose parts between "/" are non-empty, are not "." or "..", and hold only letters, digits and -._~!$&\'()*+,;=:@';

/** Settings of `createRestTransport`. */
export interface RestTransportSettings {
  /** Cloudflare account id: `/client/v4/accounts/{accountId}/ai/...`. */
  accountId: string;
  /**
   * A Cloudflare API token with Workers AI (and AI Gateway) permissions, sent as
   * `Authorization: Bearer <token>`. It is the only credential: no gateway token is sent.
   */
  cloudflareApiToken: string;
  /** The gateway the calls go through and are logged in, sent as `cf-aig-gateway-id`. Without it the account's `default` gateway. */
  gateway?: string;
  /** The REST API base. Default `https://api.cloudflare.com/client/v4`; e.g. an emulator's `http://127.0.0.1:8787/client/v4`. */
  apiBaseURL?: string;
  /** The fetch to send with. Default: the global `fetch`, looked up at each send. */
  fetch?: typeof globalThis.fetch;
  /** Extra headers on every request (a record, a `Headers` or a `Map`); the request's `cf-aig-*` headers win over them. */
  headers?: Record<string, string> | Headers | ReadonlyMap<string, string>;
}

interface RestConfig {
  readonly accountRoot: string;
  readonly authorization: string;
  readonly gateway: string | undefined;
  readonly fetch: typeof globalThis.fetch | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly secrets: readonly string[];
}

/**
 * A transport that sends model ids through Cloudflare's REST API, for an account that has a
 * Cloudflare API token and no gateway token: a Workers AI id (`@cf/...`) to
 * `/accounts/{accountId}/ai/v1/chat/completions`, `/ai/v1/embeddings` or `/ai/run/{model}`, a
 * gateway catalog id (`openai/gpt-5-mini`) to `/ai/v1/chat/completions`, each with
 * `Authorization: Bearer <cloudflareApiToken>` and `cf-aig-gateway-id: <gateway>`. The REST API
 * takes one model per request: a fallback list, a dynamic route and a model object of a vendor
 * provider are refused with `AiGatewayInvalidOptionsError` before anything is sent (use
 * `createHttpTransport` and a gateway token for those).
 *
 * @example
 * ```ts
 * const aigateway = createAiGateway({ transport: createRestTransport({ accountId, gateway: 'my-gateway', cloudflareApiToken }) });
 * await generateText({ model: aigateway('@cf/meta/llama-3.1-8b-instruct'), prompt: 'Hi' });
 * ```
 */
export function createRestTransport(settings: RestTransportSettings): GatewayTransport {
  const config = checkSettings(settings);
  return {
    name: TRANSPORT_NAME,
    ...(config.gateway !== undefined ? { gateway: config.gateway } : {}),
    send: (request, options) => send(config, request, options),
    secrets: () => config.secrets,
  };
}

/** The REST API path (after `/accounts/{accountId}/ai/`) of a gateway step, or an error naming what the REST API cannot take. */
function restPath(step: GatewayStep, body: string | undefined): string {
  const endpoint = step.endpoint.replace(/^\/+/, '');
  if (step.provider === 'workers-ai') {
    if (endpoint === 'v1/chat/completions' || endpoint === 'v1/embeddings') return endpoint;
    if (/^@(?:cf|hf)\//.test(endpoint)) return `run/${pathSegment(endpoint, { option: 'model', allowed: MODEL_ID_ALLOWED, slashes: true })}`;
  }
  if (step.provider === 'compat' && (endpoint === 'chat/completions' || endpoint === 'v1/chat/completions')) {
    const model = body === undefined ? undefined : modelOf(body);
    if (model?.startsWith('dynamic/') === true) {
      throw invalidOption('model', 'is a dynamic route, which the REST API does not serve (the gateway serves it on its compat endpoint)', 'a Workers AI id or a gateway catalog id; for dynamic routes, createHttpTransport with the gateway', model);
    }
    return 'v1/chat/completions';
  }
  throw invalidOption('model', 'is a request the REST API transport does not send (it sends Workers AI ids and gateway catalog ids)', 'a Workers AI id ("@cf/...") or a gateway catalog id ("openai/gpt-5-mini"); for model objects of @ai-sdk/* providers, createHttpTransport with the gateway', `${step.provider}/${endpoint}`);
}

function modelOf(body: string): string | undefined {
  try {
    const model = (JSON.parse(body) as { model?: unknown } | null)?.model;
    return typeof model === 'string' ? model : undefined;
  } catch {
    return undefined;
  }
}

async function send(config: RestConfig, request: GatewayRequest, options: GatewaySendOptions | undefined): Promise<Response> {
  const signal = options?.signal;
  signal?.throwIfAborted();
  const step = request.steps[0];
  if (step === undefined || request.steps.length !== 1) {
    throw invalidOption('models', 'is a fallback list, which the REST API does not take (one model per request)', 'one model id; for a fallback list, createHttpTransport with the gateway', request.steps.length);
  }
  const text = typeof step.body === 'string' ? step.body : undefined;
  const url = `${config.accountRoot}/ai/${restPath(step, text)}`;
  const headers: Record<string, string> = { ...config.headers };
  for (const name in request.headers) headers[name.toLowerCase()] = request.headers[name]!;
  for (const name in step.headers) {
    const lower = name.toLowerCase();
    // The id model's own credential slot: the REST API's token replaces it.
    if (lower === 'authorization' || lower === 'cf-aig-authorization') continue;
    setStepHeader(headers, name, step.headers[name]!);
  }
  headers.authorization = config.authorization;
  if (config.gateway !== undefined) headers['cf-aig-gateway-id'] = config.gateway;
  const agent = headers['user-agent'];
  headers['user-agent'] = agent === undefined || agent === '' ? USER_AGENT : `${agent} ${USER_AGENT}`;
  checkHeaderSize(headers);

  const body = stepBody(step);
  const doFetch = config.fetch ?? globalThis.fetch;
  // Never follow a redirect: it would carry the token elsewhere.
  const init: RequestInit = { method: step.method, headers, body, redirect: 'manual' };
  if (signal !== undefined) init.signal = signal;
  try {
    return await doFetch(url, init);
  } catch (error) {
    if (passesThrough(error, signal)) throw error;
    throw new AiGatewayNetworkError({
      transport: TRANSPORT_NAME,
      cause: error,
      request: { method: step.method, url, headers, ...(text !== undefined ? { body: text } : {}) },
      secrets: config.secrets,
    });
  }
}

function checkSettings(settings: RestTransportSettings): RestConfig {
  if (typeof settings !== 'object' || settings === null) {
    throw invalidOption('settings', 'is not an object', '{ accountId, cloudflareApiToken, gateway?, apiBaseURL?, fetch?, headers? }', settings);
  }
  const { accountId, cloudflareApiToken, gateway, apiBaseURL, fetch, headers } = settings;
  const accountAllowed = 'your Cloudflare account id (32 hex digits; letters, digits, "-" or "_")';
  if (accountId === undefined) throw invalidOption('accountId', 'is missing', accountAllowed, accountId);
  const account = pathSegment(accountId, { option: 'accountId', allowed: accountAllowed, pattern: ACCOUNT_ID });
  if (typeof cloudflareApiToken !== 'string' || cloudflareApiToken.trim() === '') {
    throw invalidOption('cloudflareApiToken', 'is missing or empty', 'a Cloudflare API token with Workers AI and AI Gateway permissions', cloudflareApiToken === undefined ? undefined : '[REDACTED]');
  }
  if (!/^[\x21-\x7e]+$/.test(cloudflareApiToken)) throw invalidOption('cloudflareApiToken', 'contains a space, control or non-ASCII character', 'a token of printable ASCII characters', '[REDACTED]');
  // Checked like a path segment although it travels in a header: the gateway names it in its own paths.
  if (gateway !== undefined) pathSegment(gateway, { option: 'gateway', allowed: 'a gateway id of 1 to 64 letters, digits, "-" or "_"', pattern: GATEWAY_ID });
  const base = apiBaseURL === undefined ? DEFAULT_API_BASE_URL : httpURL('apiBaseURL', apiBaseURL, 'an http(s) URL such as https://api.cloudflare.com/client/v4');
  if (fetch !== undefined && typeof fetch !== 'function') throw invalidOption('fetch', 'is not a function', 'a fetch-compatible function', fetch);
  const extra: Record<string, string> = {};
  if (headers !== undefined) {
    for (const [name, value] of headerSettingEntries(headers)) {
      if (typeof value !== 'string') throw invalidOption(`headers.${name}`, 'is not a string', 'a string of printable ASCII characters', value);
      setStepHeader(extra, name, value);
    }
  }
  return {
    accountRoot: `${base}/accounts/${account}`,
    authorization: `Bearer ${cloudflareApiToken}`,
    gateway,
    fetch,
    headers: extra,
    secrets: [cloudflareApiToken, ...collectSecrets(extra), ...secretLookingValues(extra)],
  };
}
