import { AiGatewayInvalidOptionsError } from '@aigw/errors';

/** Retry policy the gateway applies to a step before falling back to the next one. */
export interface AiGatewayRetries {
  /** Attempts per step, 1 to 5 (`cf-aig-max-attempts`). */
  maxAttempts?: 1 | 2 | 3 | 4 | 5;
  /** Delay between attempts in milliseconds, 0 to 5000 (`cf-aig-retry-delay`). */
  retryDelayMs?: number;
  /** How the delay grows between attempts (`cf-aig-backoff`). */
  backoff?: 'constant' | 'linear' | 'exponential';
}

/**
 * Settings of the gateway's Auto Router (model `cloudflare/auto`), each a request header. List
 * entries are sent comma-separated; `*` in a model entry matches any characters but `/`.
 */
export interface AiGatewayAutoRouter {
  /** Keeps one routed model for a whole turn of this session, so prompt caching works (`cf-aig-session-id`). */
  sessionId?: string;
  /** Marks the turn; overrides the router's detection from the message history (`cf-aig-turn-id`). */
  turnId?: string;
  /** `false` lets every request of a session be routed anew (`cf-aig-no-session-affinity: true`). */
  sessionAffinity?: boolean;
  /** The models the router may pick, e.g. `['anthropic/*', 'openai/gpt-5-mini']` (`cf-aig-allowed-models`). */
  allowedModels?: readonly string[];
  /** The providers the router may pick, e.g. `['openai', 'anthropic']` (`cf-aig-allowed-providers`). */
  allowedProviders?: readonly string[];
}

/** A custom cost for the gateway's analytics (`cf-aig-custom-cost`), in US dollars. */
export type AiGatewayCustomCost =
  | { per_token_in?: number; per_token_out?: number; per_cache_read_token?: number; per_cache_write_token?: number }
  | { total_cost: number };

/**
 * Gateway settings for a request. Each becomes a `cf-aig-*` header (docs/protocol.md#request-headers). Set them on the
 * gateway instance, per call (`providerOptions.aigateway`) or per fallback leg; the most specific wins.
 */
export interface AiGatewayOptions {
  /** Custom cache key (`cf-aig-cache-key`), replacing the key derived from the request. */
  cacheKey?: string;
  /** Cache lifetime in seconds (`cf-aig-cache-ttl`), a non-negative integer up to one month. */
  cacheTtl?: number;
  /** Bypass the cache for this request (`cf-aig-skip-cache`). */
  skipCache?: boolean;
  /**
   * Up to 5 entries of string, number, boolean or bigint for logs and analytics (`cf-aig-metadata`).
   * A `null` entry is not sent (the gateway would drop all metadata for it): per call, it removes
   * an entry that the instance's options set.
   */
  metadata?: Record<string, string | number | boolean | bigint | null>;
  /** Override the gateway's log setting (`cf-aig-collect-log`). */
  collectLog?: boolean;
  /** `false` logs metadata only, without request and response bodies (`cf-aig-collect-log-payload`). */
  collectLogPayload?: boolean;
  /** Your trace id for the request (`cf-aig-event-id`). */
  eventId?: string;
  /** Time to the first byte of the provider's answer before the gateway gives up on a step (`cf-aig-request-timeout`). */
  requestTimeoutMs?: number;
  /** Gateway-side retries of a step (`cf-aig-max-attempts`, `cf-aig-retry-delay`, `cf-aig-backoff`). */
  retries?: AiGatewayRetries;
  /** Name of the stored BYOK key to use instead of `default` (`cf-aig-byok-alias`). */
  byokAlias?: string;
  /** Zero Data Retention for Unified Billing requests (`cf-aig-zdr`). */
  zdr?: boolean;
  /** Custom cost for analytics (`cf-aig-custom-cost`). */
  customCost?: AiGatewayCustomCost;
  /** `true` never falls back to Unified Billing credits (`cf-aig-no-wholesale`). */
  noWholesale?: boolean;
  /**
   * The Auto Router's settings, for `cloudflare/auto` (`cf-aig-session-id`, `cf-aig-turn-id`,
   * `cf-aig-no-session-affinity`, `cf-aig-allowed-models`, `cf-aig-allowed-providers`).
   */
  autoRouter?: AiGatewayAutoRouter;
}

const BACKOFFS = ['constant', 'linear', 'exponential'] as const;
const COST_NAMES = ['per_token_in', 'per_token_out', 'per_cache_read_token', 'per_cache_write_token', 'total_cost'] as const;
const ONE_MONTH_SECONDS = 2_592_000;
const MAX_METADATA_ENTRIES = 5;
/**
 * Longest value of one `cf-aig-*` header built from an option. Cloudflare's edge refuses a request
 * whose headers exceed 32 KB in all (16 KB for one header), after which the request is dropped and
 * retried in vain; 8 KB per option keeps a whole request well inside that.
 */
export const MAX_OPTION_HEADER_BYTES = 8 * 1024;
/** Header values are sent as bytes; only printable ASCII reaches the gateway unchanged. */
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/;

function invalid(option: string, value: unknown, problem: string, allowed: string): never {
  throw new AiGatewayInvalidOptionsError({ option, value, problem, allowed });
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

function checkString(option: string, value: unknown): string {
  const allowed = `a non-empty string of printable ASCII characters, at most ${MAX_OPTION_HEADER_BYTES} long (it is sent as a header)`;
  if (typeof value !== 'string' || value.length === 0) invalid(option, value, 'not a non-empty string', allowed);
  if (NOT_PRINTABLE_ASCII.test(value)) {
    const code = value.charCodeAt(value.search(NOT_PRINTABLE_ASCII));
    invalid(option, value, `contains ${code < 0x20 || code === 0x7f ? 'a control character' : 'a non-ASCII character'} (U+${code.toString(16).toUpperCase().padStart(4, '0')})`, allowed);
  }
  if (value.length > MAX_OPTION_HEADER_BYTES) invalid(option, value, `is ${value.length} characters long`, allowed);
  return value;
}

function checkBoolean(option: string, value: unknown): boolean {
  if (typeof value !== 'boolean') invalid(option, value, 'not a boolean', 'true or false');
  return value;
}

function checkInteger(option: string, value: unknown, min: number, max: number, allowed: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalid(option, value, typeof value === 'number' ? 'out of range or not an integer' : 'not a number', allowed);
  }
  return value;
}

/** How an option travels in its header: as it is, `true`/`false`, a number, or JSON. */
type HeaderFormat = 'text' | 'boolean' | 'number' | 'json';
type Check = (option: string, value: unknown) => void;

/**
 * Every option, in the order messages list them: its `cf-aig-*` header (`retries` has three, in
 * RETRIES), how the header carries it, and its check. One table drives validation, merging and both
 * directions of header encoding.
 */
const OPTIONS: readonly (readonly [keyof AiGatewayOptions, string, HeaderFormat, Check])[] = [
  ['cacheKey', 'cache-key', 'text', checkString],
  ['cacheTtl', 'cache-ttl', 'number', (o, v) => checkInteger(o, v, 0, ONE_MONTH_SECONDS, `an integer number of seconds from 0 to ${ONE_MONTH_SECONDS} (one month)`)],
  ['skipCache', 'skip-cache', 'boolean', checkBoolean],
  ['metadata', 'metadata', 'json', (o, v) => validateMetadata(o, v)],
  ['collectLog', 'collect-log', 'boolean', checkBoolean],
  ['collectLogPayload', 'collect-log-payload', 'boolean', checkBoolean],
  ['eventId', 'event-id', 'text', checkString],
  ['requestTimeoutMs', 'request-timeout', 'number', (o, v) => checkInteger(o, v, 1, Number.MAX_SAFE_INTEGER, 'a positive integer number of milliseconds')],
  ['retries', '', 'json', (o, v) => validateRetries(o, v)],
  ['byokAlias', 'byok-alias', 'text', checkString],
  ['zdr', 'zdr', 'boolean', checkBoolean],
  ['customCost', 'custom-cost', 'json', (o, v) => validateCustomCost(o, v)],
  ['noWholesale', 'no-wholesale', 'boolean', checkBoolean],
  ['autoRouter', '', 'json', (o, v) => validateAutoRouter(o, v)],
];
const OPTION_NAMES = OPTIONS.map(([name]) => name);

/** The fields of `retries`, each its own header. */
const RETRIES: readonly (readonly [keyof AiGatewayRetries, string, HeaderFormat, Check])[] = [
  ['maxAttempts', 'max-attempts', 'number', (o, v) => checkInteger(o, v, 1, 5, 'an integer from 1 to 5')],
  ['retryDelayMs', 'retry-delay', 'number', (o, v) => checkInteger(o, v, 0, 5000, 'an integer number of milliseconds from 0 to 5000')],
  [
    'backoff',
    'backoff',
    'text',
    (o, v) => {
      if (!BACKOFFS.includes(v as (typeof BACKOFFS)[number])) invalid(o, v, 'is not a known backoff', `one of ${BACKOFFS.map((b) => `"${b}"`).join(', ')}`);
    },
  ],
];
const RETRY_NAMES = RETRIES.map(([name]) => name);

/** A model entry of `allowedModels`: `provider/model`, where `*` is a wildcard; no comma or white space. */
const MODEL_ENTRY = /^[a-z0-9*][a-z0-9*-]*\/[\x21-\x2b\x2d-\x7e]+$/;
/** A provider entry of `allowedProviders`: a gateway provider id, where `*` is a wildcard. */
const PROVIDER_ENTRY = /^[a-z0-9*][a-z0-9*-]*$/;

/** The fields of `autoRouter`: each its header, how it travels, and its check. */
const AUTO_ROUTER: readonly (readonly [keyof AiGatewayAutoRouter, string, Check])[] = [
  ['sessionId', 'session-id', checkString],
  ['turnId', 'turn-id', checkString],
  ['sessionAffinity', 'no-session-affinity', checkBoolean],
  ['allowedModels', 'allowed-models', (o, v) => checkList(o, v, MODEL_ENTRY, 'a model such as "openai/gpt-5-mini" or "anthropic/*" (no comma or white space; "*" does not match "/")')],
  ['allowedProviders', 'allowed-providers', (o, v) => checkList(o, v, PROVIDER_ENTRY, 'a gateway provider id such as "openai" (no comma or white space)')],
];
const AUTO_ROUTER_NAMES = AUTO_ROUTER.map(([name]) => name);

function validateAutoRouter(option: string, value: unknown): void {
  if (!isPlainObject(value)) invalid(option, value, 'not an object', `an object with ${AUTO_ROUTER_NAMES.join(', ')}`);
  for (const [key, entry] of Object.entries(value)) {
    if (entry === undefined) continue;
    const known = AUTO_ROUTER.find(([field]) => field === key);
    if (known === undefined) invalid(`${option}.${key}`, entry, 'is not an Auto Router option', `one of ${AUTO_ROUTER_NAMES.join(', ')}`);
    known[2](`${option}.${key}`, entry);
  }
}

/** A non-empty list of entries sent comma-separated in one header. */
function checkList(option: string, value: unknown, entry: RegExp, allowed: string): void {
  if (!Array.isArray(value) || value.length === 0) invalid(option, value, 'not a non-empty list', `a list of entries, each ${allowed}`);
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'string' || !entry.test(item)) invalid(`${option}[${i}]`, item, item === '' ? 'is empty' : typeof item === 'string' && item.includes(',') ? 'contains a comma' : 'is not a valid entry', allowed);
  }
  const joined = (value as string[]).join(',');
  if (joined.length > MAX_OPTION_HEADER_BYTES) invalid(option, value, `is ${joined.length} characters long as a header`, `at most ${MAX_OPTION_HEADER_BYTES} characters in all`);
}

function autoRouterHeaders(router: AiGatewayAutoRouter, headers: Record<string, string>): void {
  if (router.sessionId !== undefined) headers['cf-aig-session-id'] = router.sessionId;
  if (router.turnId !== undefined) headers['cf-aig-turn-id'] = router.turnId;
  if (router.sessionAffinity === false) headers['cf-aig-no-session-affinity'] = 'true';
  if (router.allowedModels !== undefined) headers['cf-aig-allowed-models'] = router.allowedModels.join(',');
  if (router.allowedProviders !== undefined) headers['cf-aig-allowed-providers'] = router.allowedProviders.join(',');
}

function fromHeader(value: string, format: HeaderFormat): unknown {
  if (format === 'boolean') return value === 'true';
  if (format === 'number') return Number(value);
  return format === 'json' ? JSON.parse(value) : value;
}

/**
 * Checks gateway options before anything is sent and throws `AiGatewayInvalidOptionsError` naming
 * the option, the problem and what is allowed. `path` prefixes option names in messages
 * (e.g. `providerOptions.aigateway`). Returns the options, typed.
 */
export function validateOptions(options: unknown, path = ''): AiGatewayOptions {
  const name = (key: string) => (path ? `${path}.${key}` : key);
  if (options === undefined || options === null) return {};
  if (!isPlainObject(options)) invalid(path || 'options', options, 'not an object', 'an object of AI Gateway options');
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const known = OPTIONS.find(([option]) => option === key);
    if (known === undefined) invalid(name(key), value, 'is not an AI Gateway option', `one of ${OPTION_NAMES.join(', ')}`);
    known[3](name(key), value);
  }
  return options;
}

function validateMetadata(option: string, value: unknown): void {
  if (!isPlainObject(value)) invalid(option, value, 'not an object', `an object of at most ${MAX_METADATA_ENTRIES} entries`);
  const entries = Object.entries(value);
  if (entries.length > MAX_METADATA_ENTRIES) {
    invalid(option, value, `has ${entries.length} entries (the gateway silently drops entries beyond ${MAX_METADATA_ENTRIES})`, `at most ${MAX_METADATA_ENTRIES} entries`);
  }
  for (const [key, entry] of entries) {
    if (key.startsWith('cf.')) invalid(`${option}.${key}`, entry, 'uses the reserved "cf." prefix', 'a key that does not start with "cf."');
    const ok =
      entry === null ||
      typeof entry === 'string' || typeof entry === 'boolean' || typeof entry === 'bigint' || (typeof entry === 'number' && Number.isFinite(entry));
    if (!ok) {
      invalid(`${option}.${key}`, entry, 'is not a string, finite number, boolean, bigint or null (the gateway drops all metadata for it)', 'a string, number, boolean, bigint or null (not sent)');
    }
  }
  const size = metadataJson(value).length;
  if (size > MAX_OPTION_HEADER_BYTES) {
    invalid(option, value, `is ${size} bytes as JSON (the gateway's header limits would drop the request)`, `at most ${MAX_OPTION_HEADER_BYTES} bytes of JSON`);
  }
}

/**
 * Metadata as header-safe JSON: every character outside printable ASCII written as a `\u` escape,
 * which the gateway's JSON parser reads back as the same text.
 */
const metadataJson = (metadata: object): string =>
  JSON.stringify(metadata, bigintReplacer).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function validateRetries(option: string, value: unknown): void {
  if (!isPlainObject(value)) invalid(option, value, 'not an object', `an object with ${RETRY_NAMES.join(', ')}`);
  for (const [key, entry] of Object.entries(value)) {
    if (entry === undefined) continue;
    const known = RETRIES.find(([field]) => field === key);
    if (known === undefined) invalid(`${option}.${key}`, entry, 'is not a retries option', `one of ${RETRY_NAMES.join(', ')}`);
    known[3](`${option}.${key}`, entry);
  }
}

function validateCustomCost(option: string, value: unknown): void {
  if (!isPlainObject(value) || Object.keys(value).length === 0) invalid(option, value, 'not a non-empty object', `an object with ${COST_NAMES.join(', ')}`);
  for (const [key, entry] of Object.entries(value)) {
    const name = `${option}.${key}`;
    if (!COST_NAMES.includes(key as (typeof COST_NAMES)[number])) invalid(name, entry, 'is not a custom cost field', `one of ${COST_NAMES.join(', ')}`);
    if (typeof entry !== 'number' || !Number.isFinite(entry) || entry < 0) invalid(name, entry, 'not a finite non-negative number', 'a non-negative number of US dollars');
  }
  if ('total_cost' in value && Object.keys(value).length > 1) invalid(option, value, 'mixes total_cost with per-token prices', 'either { total_cost } or per-token prices');
}

const bigintReplacer = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

/**
 * Merges option layers, the later ones winning (instance, then call, then leg). `retries`,
 * `metadata` and `autoRouter` merge key by key, so a call can add one metadata entry without
 * repeating the rest.
 */
export function mergeOptions(...layers: (AiGatewayOptions | undefined)[]): AiGatewayOptions {
  const out: AiGatewayOptions = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const key of OPTION_NAMES) {
      const value = layer[key];
      if (value === undefined) continue;
      if (key === 'retries' || key === 'metadata' || key === 'autoRouter') {
        (out as Record<string, unknown>)[key] = { ...(out[key] as object | undefined), ...(value as object) };
      } else {
        (out as Record<string, unknown>)[key] = value;
      }
    }
  }
  return out;
}

/**
 * Checks metadata after its layers were merged (instance, model, call, leg): each layer may be
 * valid alone while together they set more than 5 entries, which the gateway would drop silently.
 * `null` entries are not sent and do not count. Throws `AiGatewayInvalidOptionsError` naming `option`.
 */
export function checkMergedMetadata(metadata: AiGatewayOptions['metadata'], option: string): void {
  if (metadata === undefined) return;
  const sent = Object.keys(metadata).filter((key) => metadata[key] !== null);
  if (sent.length > MAX_METADATA_ENTRIES) {
    invalid(
      option,
      metadata,
      `has ${sent.length} entries once the instance's, model's, call's and leg's metadata are merged (${sent.join(', ')}; the gateway silently drops entries beyond ${MAX_METADATA_ENTRIES})`,
      `at most ${MAX_METADATA_ENTRIES} entries in all; a null entry removes one a less specific layer set`,
    );
  }
  const size = metadataJson(metadata).length;
  if (size > MAX_OPTION_HEADER_BYTES) invalid(option, metadata, `is ${size} bytes as JSON once merged`, `at most ${MAX_OPTION_HEADER_BYTES} bytes of JSON`);
}

/** The `cf-aig-*` headers for validated options, as a plain record of lower-case names. */
export function optionsToHeaders(options: AiGatewayOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, header, format] of OPTIONS) {
    const value = options[name];
    // `false` is the gateway's default; 4.x never sent it (a leg that must undo a call's `true` gets it from sendGatewayCall).
    if (value === undefined || (name === 'skipCache' && value !== true)) continue;
    if (name === 'retries') {
      for (const [field, retryHeader] of RETRIES) if (options.retries?.[field] !== undefined) headers[`cf-aig-${retryHeader}`] = String(options.retries[field]);
    } else if (name === 'autoRouter') {
      autoRouterHeaders(value as AiGatewayAutoRouter, headers);
    } else if (name === 'metadata') {
      headers['cf-aig-metadata'] = metadataJson(Object.fromEntries(Object.entries(value as object).filter(([, entry]) => entry !== null)));
    } else {
      headers[`cf-aig-${header}`] = format === 'json' ? JSON.stringify(value) : `${value as string | number | boolean}`;
    }
  }
  return headers;
}

/** The inverse of `optionsToHeaders`, for tests and for tools that read recorded requests. */
export function headersToOptions(headers: Readonly<Record<string, string>>): AiGatewayOptions {
  const options: Record<string, unknown> = {};
  const retries: Record<string, unknown> = {};
  const router: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) {
    const header = name.toLowerCase();
    const routerField = AUTO_ROUTER.find((r) => `cf-aig-${r[1]}` === header);
    if (routerField !== undefined) {
      const [field] = routerField;
      router[field] = field === 'sessionAffinity' ? value !== 'true' : field === 'allowedModels' || field === 'allowedProviders' ? value.split(',') : value;
      continue;
    }
    const option = OPTIONS.find((o) => o[1] !== '' && `cf-aig-${o[1]}` === header);
    const retry = option ? undefined : RETRIES.find((r) => `cf-aig-${r[1]}` === header);
    const found = option ?? retry;
    if (found !== undefined) (option ? options : retries)[found[0]] = fromHeader(value, found[2]);
  }
  if (Object.keys(retries).length > 0) options.retries = retries;
  if (Object.keys(router).length > 0) options.autoRouter = router;
  return options;
}
