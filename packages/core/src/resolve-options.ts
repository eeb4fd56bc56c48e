import { AiGatewayInvalidOptionsError } from '@aigw/errors';
import { checkMergedMetadata, mergeOptions, optionsToHeaders, validateOptions, type AiGatewayOptions } from './options';

/** Entries of a call's gateway options that are headers of the model's own request rather than `cf-aig-*` options. */
export interface AiGatewayCallHeaders {
  /** Workers AI prefix-cache affinity for this call (`x-session-affinity`); other providers ignore it. */
  sessionAffinity?: string;
  /** Extra headers on every leg's request of this call (a record; a `Headers` or a `Map` is read as one). */
  headers?: Record<string, string>;
}

/** One layer of gateway options (instance, model, call) once resolved: merged over the layers below it, checked, and as headers. */
export interface ResolvedGatewayOptions {
  /** The gateway options of this layer merged over those below it, each checked. */
  readonly options: AiGatewayOptions;
  /** The `cf-aig-*` headers that send `options`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Headers of the models' own requests (`headers`, `sessionAffinity` as `x-session-affinity`), lower-case; absent when the layer sets none. */
  readonly modelHeaders?: Readonly<Record<string, string>>;
}

const NONE: ResolvedGatewayOptions = Object.freeze({ options: Object.freeze({}), headers: Object.freeze({}) });

/**
 * The one route of gateway options, for every layer: `given` is split into its gateway options and,
 * where `modelHeaders` allows them (a call's options, an id leg's settings), the headers of the
 * models' own requests; the options are validated (`path` names them in errors), merged over
 * `below` (the less specific layers, which they win over) and turned into their `cf-aig-*` headers.
 * Throws `AiGatewayInvalidOptionsError` before anything is sent. A fallback leg's options take the
 * same checks when the leg is made, and `layerHeaders` for its step.
 */
export function resolveGatewayOptions(given: unknown, options: { path: string; below?: ResolvedGatewayOptions; modelHeaders?: boolean }): ResolvedGatewayOptions {
  const { path, below = NONE } = options;
  const split = options.modelHeaders === true ? splitModelHeaders(given, path) : undefined;
  const own = validateOptions(split === undefined ? given : split.options, path);
  let merged = below.options;
  for (const key in own) {
    if (own[key as keyof AiGatewayOptions] === undefined) continue;
    merged = mergeOptions(below.options, own);
    break;
  }
  // The merged metadata is checked per call (`sendGatewayCall`): a call's `null` entries may bring it back under the limit.
  const headers = merged === below.options ? below.headers : Object.freeze(optionsToHeaders(merged));
  const modelHeaders = split?.headers;
  return modelHeaders === undefined ? (merged === below.options ? below : { options: merged, headers }) : { options: merged, headers, modelHeaders };
}

/**
 * The `cf-aig-*` headers of an option layer sent over another (a fallback leg's step over its
 * request): the layer's own options, its metadata merged with the one below it (a step's metadata
 * header replaces the request's at the gateway, so a leg adds and removes entries key by key), and
 * the gateway's defaults (`skipCache: false`, `autoRouter.sessionAffinity: true`) only where they
 * must undo the layer below. The merged metadata is checked.
 */
export function layerHeaders(layer: AiGatewayOptions, below: AiGatewayOptions | undefined): Record<string, string> {
  const merged = layer.metadata !== undefined && below?.metadata !== undefined ? { ...layer, metadata: { ...below.metadata, ...layer.metadata } } : layer;
  checkMergedMetadata(merged.metadata, 'metadata');
  const headers = optionsToHeaders(merged);
  if (layer.skipCache === false && below?.skipCache === true) headers['cf-aig-skip-cache'] = 'false';
  if (layer.autoRouter?.sessionAffinity === true && below?.autoRouter?.sessionAffinity === false) headers['cf-aig-no-session-affinity'] = 'false';
  return headers;
}

const MULTI_LINE = /[\r\n]/;

function invalid(option: string, problem: string, allowed: string, ...value: [] | [unknown]): AiGatewayInvalidOptionsError {
  return new AiGatewayInvalidOptionsError(value.length === 0 ? { option, problem, allowed } : { option, problem, allowed, value: value[0] });
}

/**
 * Splits `sessionAffinity` and `headers` off gateway options: the headers every model of the call
 * sends with its own request (they join the AI SDK's `headers` call option), lower-case.
 */
function splitModelHeaders(given: unknown, path: string): { options: unknown; headers: Record<string, string> | undefined } {
  if (typeof given !== 'object' || given === null || Array.isArray(given)) return { options: given, headers: undefined };
  const { sessionAffinity, headers, ...options } = given as Record<string, unknown>;
  if (sessionAffinity === undefined && headers === undefined) return { options: given, headers: undefined };
  const out: Record<string, string> = {};
  if (headers !== undefined) for (const [name, value] of Object.entries(checkHeaders(headers, path))) out[name.toLowerCase()] = value;
  if (sessionAffinity !== undefined) out['x-session-affinity'] = checkSessionAffinity(sessionAffinity, path);
  return { options, headers: out };
}

function checkSessionAffinity(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '' || MULTI_LINE.test(value)) {
    throw invalid(`${path}.sessionAffinity`, 'is not a single-line non-empty string', 'a key such as a conversation id', value);
  }
  return value;
}

function checkHeaders(value: unknown, path: string): Record<string, string> {
  const allowed = 'a record of header names to string values (or a Headers or a Map of them)';
  let entries: [unknown, unknown][];
  if (typeof Headers !== 'undefined' && value instanceof Headers) entries = [...value];
  else if (value instanceof Map) entries = [...(value as Map<unknown, unknown>)];
  else {
    // A boxed String, an array or a class instance would send its indexes or fields as headers.
    const proto = typeof value === 'object' && value !== null ? (Object.getPrototypeOf(value) as unknown) : undefined;
    if (proto !== Object.prototype && proto !== null) throw invalid(`${path}.headers`, 'is not a plain object', allowed, value);
    return checkEntries(Object.entries(value as object), path, value as Record<string, string>);
  }
  return checkEntries(entries, path, undefined);
}

/** Checks header entries; returns `record` itself when given (a plain object is passed on as it is), else a record of them. */
function checkEntries(entries: [unknown, unknown][], path: string, record: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = record ?? {};
  for (const [name, v] of entries) {
    if (typeof name !== 'string') throw invalid(`${path}.headers`, 'has a header name that is not a string', 'string names', name);
    // The value may be a credential: name the header, never show it.
    if (typeof v !== 'string' || MULTI_LINE.test(v)) throw invalid(`${path}.headers.${name}`, 'is not a single-line string', 'a string without CR or LF');
    if (record === undefined) out[name] = v;
  }
  return out;
}
