import { invalidOption, pathSegment, type GatewayTransport } from '@aigw/core';
import { collectSecrets } from '@aigw/errors';
import { ACCOUNT_ID, checkHeaderSize, GATEWAY_ID, headerSettingEntries, httpURL, secretLookingValues, setStepHeader, USER_AGENT } from './create-http-transport';
import type * as RestSend from './rest-send';

const TRANSPORT_NAME = 'rest';
const DEFAULT_API_BASE_URL = 'https://api.cloudflare.com/client/v4';

/**
 * The sending code loads on the first request (apps on the HTTP transport never load it); once
 * loaded, each request calls it directly. What it shares with the HTTP transport is handed over,
 * so that the module holding it is not split into a chunk of its own (one more file at import).
 */
let restSend: typeof RestSend.send | undefined;
let loading: Promise<typeof RestSend.send> | undefined;
const loadSend = () => (loading ??= import('./rest-send').then((m) => (restSend = m.send)));
const TOOLS: RestSend.RestTools = { name: TRANSPORT_NAME, userAgent: USER_AGENT, setStepHeader, checkHeaderSize };

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

export interface RestConfig {
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
    send: (request, options) => (restSend !== undefined ? restSend(config, request, options, TOOLS) : loadSend().then((send) => send(config, request, options, TOOLS))),
    secrets: () => config.secrets,
  };
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
