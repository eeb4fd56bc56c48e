import {
  checkStepPath,
  hasFormDataBody,
  HOP_BY_HOP_HEADERS,
  invalidOption,
  isAbortError,
  passesThrough,
  pathSegment,
  providerStep,
  stepBody,
  universalBody,
  universalBodyBytes,
  type GatewayRequest,
  type GatewaySendOptions,
  type GatewayTransport,
} from '@aigw/core';
import { AiGatewayNetworkError, collectSecrets, redactUrl } from '@aigw/errors';

declare const __PACKAGE_VERSION__: string | undefined;

const TRANSPORT_NAME = 'http';
const DEFAULT_BASE_URL = 'https://gateway.ai.cloudflare.com/v1';
export const GATEWAY_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Cloudflare account ids are 32 hex digits; any id safe as one path segment is accepted (e.g. an emulator's). */
export const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** What a header value may hold so that every fetch sends it unchanged. */
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;
/**
 * Cloudflare's edge refuses requests whose headers exceed 32 KB in all; such a request is dropped
 * and retried in vain, so it is refused here, before it is sent.
 */
const MAX_HEADERS_BYTES = 32 * 1024;
const VERSION = typeof __PACKAGE_VERSION__ === 'string' ? __PACKAGE_VERSION__ : '0.0.0-dev';
export const USER_AGENT = `ai-gateway-provider-transport-http/${VERSION}`;

/** Settings of `createHttpTransport`. */
export interface HttpTransportSettings {
  /**
   * Cloudflare account id. Required unless `gatewayURL` is given.
   */
  accountId?: string;
  /**
   * Gateway id: letters, digits, `-` and `_`, 1 to 64 characters. Required unless `gatewayURL` is given.
   */
  gateway?: string;
  /**
   * AI Gateway token (a Cloudflare API token with the AI Gateway Run permission), sent as
   * `cf-aig-authorization: Bearer <apiKey>`. Needed only when the gateway is authenticated.
   */
  apiKey?: string;
  /**
   * Base URL before `/{accountId}/{gateway}`. Default `https://gateway.ai.cloudflare.com/v1`;
   * e.g. a local emulator's `http://127.0.0.1:8787/v1`.
   */
  baseURL?: string;
  /**
   * The full URL of the gateway, used as it is instead of `{baseURL}/{accountId}/{gateway}`: for a
   * custom domain (`https://ai.example.com`), whose paths carry no account and gateway. Universal
   * requests are POSTed to it; provider-native requests go to `{gatewayURL}/{provider}/{endpoint}`.
   * Do not combine it with `accountId`, `gateway` or `baseURL`.
   */
  gatewayURL?: string;
  /**
   * The fetch to send with. Default: the global `fetch`, looked up at each send. A universal body
   * reaches it as UTF-8 bytes. It is asked with `redirect: 'manual'` never to follow a redirect.
   */
  fetch?: typeof globalThis.fetch;
  /**
   * Extra headers on every gateway request (a record, a `Headers` or a `Map`); the request's
   * `cf-aig-*` headers win over them. Any other object is refused.
   */
  headers?: Record<string, string> | Headers | ReadonlyMap<string, string>;
}

/**
 * A transport that sends gateway requests over HTTPS with `fetch`:
 * a single model's request (provider mode) to `{baseURL}/{accountId}/{gateway}/{provider}/{endpoint}`
 * with the provider's body untouched, a fallback list (universal mode) as a JSON array of steps
 * POSTed to `{baseURL}/{accountId}/{gateway}`. Settings are checked here, before anything is sent.
 *
 * @example
 * ```ts
 * const transport = createHttpTransport({ accountId, gateway: 'my-gateway', apiKey: process.env.CLOUDFLARE_AI_GATEWAY_TOKEN });
 * const response = await transport.send(request, { signal });
 * ```
 */
export function createHttpTransport(settings: HttpTransportSettings): GatewayTransport {
  const config = checkSettings(settings);
  return {
    name: TRANSPORT_NAME,
    ...(settings.gateway !== undefined ? { gateway: settings.gateway } : {}),
    send: (request, options) => send(config, request, options),
    secrets: () => config.secrets,
  };
}

interface HttpConfig {
  readonly root: string;
  readonly apiKey: string | undefined;
  /** `Bearer <apiKey>`, built once. */
  readonly authorization: string | undefined;
  readonly fetch: typeof globalThis.fetch | undefined;
  readonly headers: Readonly<Record<string, string>>;
  /** The token and the secret parts of the extra headers, scrubbed from every error. */
  readonly secrets: readonly string[];
  /** How fetch is told never to follow a redirect (see `redirectMode`). */
  readonly redirect: 'error' | 'manual';
}

/**
 * `'error'` for Node's own fetch, `'manual'` for any other. Both keep a redirect from being
 * followed. Node's fetch (undici) clones a request it may have to answer with a redirect, which
 * tees the body's stream: about 150 µs of CPU per call (a fifth of a small call) and one more copy
 * of the body. `'error'` spares the clone, but then a redirect only shows as "fetch failed" with the
 * cause "unexpected redirect", so it is used only where that wording is known. workerd refuses
 * `'error'`, and another fetch (Deno's, Bun's, a user's) may word the failure otherwise.
 */
export function redirectMode(fetch: typeof globalThis.fetch | undefined): 'error' | 'manual' {
  const agent = (globalThis as { navigator?: { userAgent?: unknown } }).navigator?.userAgent;
  return fetch === undefined && typeof agent === 'string' && agent.startsWith('Node.js/') ? 'error' : 'manual';
}

async function send(config: HttpConfig, request: GatewayRequest, options: GatewaySendOptions | undefined): Promise<Response> {
  const signal = options?.signal;
  signal?.throwIfAborted();
  // A plain record of lower-case names: fetch builds its own Headers from it, so a Headers object
  // here would be built, validated and sorted once more for every call.
  const headers: Record<string, string> = { ...config.headers };
  for (const name in request.headers) headers[name.toLowerCase()] = request.headers[name]!;

  let url: string;
  let method: string;
  let body: BodyInit | null;
  // Every step's provider and endpoint become a path: here, or on the gateway's side for a universal request.
  for (let i = 0; i < request.steps.length; i++) checkStepPath(request.steps[i]!, i);
  if (request.mode === 'universal') {
    url = config.root;
    method = 'POST';
    // The pieces encoded into one buffer, the provider bodies among them as they are. Joining the
    // text first made V8 allocate a string as large as the body (about 45 ms for 10 MB), and a Blob
    // of the pieces was encoded, copied and read back in chunks.
    body = universalBodyBytes(request);
    headers['content-type'] = 'application/json';
  } else {
    const step = providerStep(request);
    url = `${config.root}/${step.provider}/${step.endpoint.replace(/^\/+/, '')}`;
    method = step.method;
    for (const name in step.headers) setStepHeader(headers, name, step.headers[name]!);
    // fetch writes the multipart boundary itself; a captured content-type would name another one.
    if (hasFormDataBody(step)) delete headers['content-type'];
    body = stepBody(step);
  }
  if (config.apiKey !== undefined) headers['cf-aig-authorization'] = config.authorization!;
  const agent = headers['user-agent'];
  headers['user-agent'] = agent === undefined || agent === '' ? USER_AGENT : `${agent} ${USER_AGENT}`;
  checkHeaderSize(headers);

  const doFetch = config.fetch ?? globalThis.fetch;
  // Never follow a redirect: it would carry the token (and, for 307/308, every provider key) elsewhere.
  const init: RequestInit = { method, headers, body, redirect: config.redirect };
  if (signal !== undefined) init.signal = signal;
  try {
    return await doFetch(url, init);
  } catch (error) {
    if (passesThrough(error, signal)) throw error;
    const refused = config.redirect === 'error' && isRefusedRedirect(error);
    if (refused) {
      const answer = await redirectAnswer(doFetch, url, method, headers, signal);
      if (answer !== undefined) return answer;
    }
    throw new AiGatewayNetworkError({
      transport: TRANSPORT_NAME,
      cause: error,
      // The text, rebuilt only here: its steps' provider keys are scrubbed from the error too.
      request: { method, url, headers, ...(request.mode === 'universal' ? { body: universalBody(request) } : typeof body === 'string' ? { body } : {}) },
      secrets: config.secrets,
      // A redirect that could not be shown again (below) is still not worth a retry; neither are
      // answer headers too large for the fetch (the network error sees to that itself).
      ...(refused ? { isRetryable: false } : {}),
    });
  }
}

/** Node's fetch, asked with `redirect: 'error'`, was answered with a redirect. */
function isRefusedRedirect(error: unknown): boolean {
  return error instanceof TypeError && (error.cause as { message?: unknown } | undefined)?.message === 'unexpected redirect';
}

/**
 * The redirect that Node's fetch refused, asked for again so that core can name its status and
 * location: the same request to the same URL without its body, with `redirect: 'manual'`. It goes
 * only where the call itself just went, and is never followed. `undefined` when that second answer
 * is not a redirect.
 */
async function redirectAnswer(
  doFetch: typeof globalThis.fetch,
  url: string,
  method: string,
  sent: Readonly<Record<string, string>>,
  signal: AbortSignal | undefined,
): Promise<Response | undefined> {
  const { 'content-type': _type, ...headers } = sent;
  const init: RequestInit = { method, headers, redirect: 'manual' };
  if (signal !== undefined) init.signal = signal;
  let answer: Response;
  try {
    answer = await doFetch(url, init);
  } catch (error) {
    if (signal?.aborted === true || isAbortError(error)) throw error;
    return undefined;
  }
  if (answer.type === 'opaqueredirect' || (answer.status >= 300 && answer.status < 400)) return answer;
  await answer.body?.cancel();
  return undefined;
}

/** A step header the provider SDK (or a call's `headers`) set; a value fetch would refuse is a clear error, not a network one. */
export function setStepHeader(headers: Record<string, string>, name: string, value: string): void {
  if (!HEADER_NAME.test(name) || !HEADER_VALUE.test(value)) {
    throw invalidOption(`headers.${name}`, 'is not a valid HTTP header (a control or non-ASCII character, or a bad name)', 'a header name token and a value of printable ASCII characters', value);
  }
  headers[name.toLowerCase()] = value;
}

export function checkHeaderSize(headers: Readonly<Record<string, string>>): void {
  let size = 0;
  for (const name in headers) size += name.length + headers[name]!.length + 4;
  if (size > MAX_HEADERS_BYTES) {
    throw invalidOption('headers', `add up to ${size} bytes of request headers (with the cf-aig-* options and the settings' headers)`, `at most ${MAX_HEADERS_BYTES} bytes in all, the gateway's limit`, size);
  }
}

function checkSettings(settings: HttpTransportSettings): HttpConfig {
  if (typeof settings !== 'object' || settings === null) {
    throw invalidOption('settings', 'is not an object', '{ accountId, gateway, apiKey?, baseURL?, fetch?, headers? } or { gatewayURL, ... }', settings);
  }
  const { accountId, gateway, apiKey, baseURL, gatewayURL, fetch, headers } = settings;

  let root: string;
  if (gatewayURL !== undefined) {
    for (const [option, value] of [['accountId', accountId], ['gateway', gateway], ['baseURL', baseURL]] as const) {
      if (value !== undefined) {
        throw invalidOption(option, 'is given together with gatewayURL', 'either gatewayURL alone, or accountId and gateway (and baseURL)', value);
      }
    }
    root = httpURL('gatewayURL', gatewayURL, 'the full http(s) URL of the gateway, e.g. https://ai.example.com');
  } else {
    const accountAllowed = 'your Cloudflare account id (32 hex digits; letters, digits, "-" or "_"), or gatewayURL for a custom domain';
    if (accountId === undefined) throw invalidOption('accountId', 'is missing', accountAllowed, accountId);
    const account = pathSegment(accountId, { option: 'accountId', allowed: accountAllowed, pattern: ACCOUNT_ID });
    const gatewayAllowed = 'a gateway id of 1 to 64 letters, digits, "-" or "_"';
    if (gateway === undefined) throw invalidOption('gateway', 'is missing', gatewayAllowed, gateway);
    const gatewayId = pathSegment(gateway, { option: 'gateway', allowed: gatewayAllowed, pattern: GATEWAY_ID });
    const base = baseURL === undefined ? DEFAULT_BASE_URL : httpURL('baseURL', baseURL, 'an http(s) URL such as https://gateway.ai.cloudflare.com/v1');
    root = `${base}/${account}/${gatewayId}`;
  }

  if (apiKey !== undefined) {
    if (typeof apiKey !== 'string' || apiKey.trim() === '') throw invalidOption('apiKey', 'is not a non-empty string', 'an AI Gateway token (string), or nothing', apiKey);
    if (!/^[\x21-\x7e]+$/.test(apiKey)) throw invalidOption('apiKey', 'contains a space, control or non-ASCII character', 'a token of printable ASCII characters', apiKey);
  }
  if (fetch !== undefined && typeof fetch !== 'function') throw invalidOption('fetch', 'is not a function', 'a fetch-compatible function', fetch);
  const extra: Record<string, string> = {};
  if (headers !== undefined) {
    for (const [name, value] of headerSettingEntries(headers)) {
      const lower = name.toLowerCase();
      if (!HEADER_NAME.test(name)) throw invalidOption(`headers.${name}`, 'has a name that is not an HTTP header name', 'letters, digits and !#$%&\'*+.^_`|~-', value);
      if (HOP_BY_HOP_HEADERS.has(lower)) {
        throw invalidOption(`headers.${name}`, 'describes one connection, not the request (fetch sets it; a stale one hangs or corrupts the call)', `a header other than ${[...HOP_BY_HOP_HEADERS].join(', ')}`, value);
      }
      if (typeof value !== 'string' || !HEADER_VALUE.test(value)) {
        throw invalidOption(`headers.${name}`, 'is not a string of printable ASCII characters', 'a string without control or non-ASCII characters', value);
      }
      extra[lower] = value;
    }
  }
  const secrets = [...(apiKey === undefined ? [] : [apiKey]), ...collectSecrets(extra), ...secretLookingValues(extra)];
  return { root, apiKey, authorization: apiKey === undefined ? undefined : `Bearer ${apiKey}`, fetch, headers: extra, secrets, redirect: redirectMode(fetch) };
}

/**
 * The entries of the `headers` setting: a plain object, a `Headers` or a `Map` of string names.
 * Anything else (an array, a boxed `String`, whose characters would become headers named `0`, `1`,
 * ..., a class instance) is refused.
 */
export function headerSettingEntries(headers: unknown): [string, unknown][] {
  const allowed = 'a record of header names to string values (or a Headers or a Map of them)';
  if (typeof Headers !== 'undefined' && headers instanceof Headers) return [...headers];
  if (headers instanceof Map) {
    const entries = [...(headers as Map<unknown, unknown>)];
    const bad = entries.find(([name]) => typeof name !== 'string');
    if (bad !== undefined) throw invalidOption('headers', 'is a Map with a name that is not a string', allowed, bad[0]);
    return entries as [string, unknown][];
  }
  const proto = typeof headers === 'object' && headers !== null ? (Object.getPrototypeOf(headers) as unknown) : undefined;
  if (proto !== Object.prototype && proto !== null) throw invalidOption('headers', 'is not a plain object', allowed, headers);
  return Object.entries(headers as Record<string, unknown>);
}

/**
 * Values of extra headers that look like credentials although their name does not say so
 * (`x-team-ref: 9f8c...` holding a key): long runs of letters and digits without spaces. Scrubbing one that is not secret costs nothing.
 */
export function secretLookingValues(headers: Readonly<Record<string, string>>): string[] {
  return Object.values(headers).filter((value) => /^[\w\-.~+/=:]{16,}$/.test(value) && /\d/.test(value) && /[A-Za-z]/.test(value));
}

/** The URL without trailing slashes, after checking it is http(s). */
export function httpURL(option: string, value: unknown, allowed: string): string {
  const shown = typeof value === 'string' ? redactUrl(value) : value;
  let parsed: URL | undefined;
  try {
    parsed = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined) throw invalidOption(option, 'is not a URL', allowed, shown);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalidOption(option, `has the protocol ${parsed.protocol}`, allowed, shown);
  if (parsed.search !== '' || parsed.hash !== '') throw invalidOption(option, 'has a query or fragment', allowed, shown);
  return (value as string).replace(/\/+$/, '');
}
