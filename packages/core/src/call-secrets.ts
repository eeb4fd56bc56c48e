import { collectSecrets, isSecretHeaderName, secretMatcher, type SecretMatcher } from '@aigw/errors';
import type { GatewayRequest } from './gateway-request';

/** The gateway's own options (`cf-aig-cache-key`, `cf-aig-event-id`, ...): never secret, except its token. */
const GATEWAY_OPTION = /^cf-aig-/i;

/**
 * A header value that looks like a credential whatever its name: 16 or more letters, digits and
 * `_-.~+/=:`, without spaces, with at least one letter and one digit. A loop over the characters
 * that stops at the first other one (most values have a space or no digit): this runs for every
 * header of every call.
 */
function looksSecret(value: string): boolean {
  if (value.length < 16) return false;
  let digit = false;
  let letter = false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) digit = true;
    else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) letter = true;
    // `_ - . ~ + / = :`
    else if (code !== 0x5f && code !== 0x2d && code !== 0x2e && code !== 0x7e && code !== 0x2b && code !== 0x2f && code !== 0x3d && code !== 0x3a) return false;
  }
  return digit && letter;
}

function addSecretLooking(found: string[], headers: Readonly<Record<string, string>>): void {
  for (const name in headers) {
    const value = headers[name]!;
    if (GATEWAY_OPTION.test(name) || isSecretHeaderName(name)) continue;
    if (looksSecret(value)) found.push(value);
  }
}

/**
 * Every secret a call carries, to scrub from whatever comes back: the transport's (the gateway
 * token, secret extra headers), the credentials in the request's and each step's headers (provider
 * keys, given to the provider, per call through the AI SDK's `headers` or by the model's own
 * settings, or in the endpoint's query), and the values of other step headers that look like credentials (a long run of letters
 * and digits, e.g. `x-team-ref: 9f8c...`).
 */
export function callSecrets(request: GatewayRequest, transportSecrets?: readonly string[]): string[] {
  const found: string[] = transportSecrets === undefined ? [] : [...transportSecrets];
  found.push(...collectSecrets(request.headers));
  addSecretLooking(found, request.headers);
  for (const step of request.steps) {
    found.push(...collectSecrets(step.headers, step.endpoint));
    addSecretLooking(found, step.headers);
  }
  return found;
}

/** What `callSecrets` takes from a header, by its name: its value (a credential's), nothing (a gateway option), or its value if it looks like a credential. */
const SECRET = 0;
const OPTION = 1;
const OTHER = 2;
const kinds = new Map<string, number>();
const NAMES_KEPT = 512;

function kindOf(name: string): number {
  let kind = kinds.get(name);
  if (kind === undefined) {
    kind = isSecretHeaderName(name) ? SECRET : GATEWAY_OPTION.test(name) ? OPTION : OTHER;
    if (kinds.size >= NAMES_KEPT) kinds.clear();
    kinds.set(name, kind);
  }
  return kind;
}

/**
 * The cache of matchers: a tree whose every edge is one part of a call that `callSecrets` takes
 * secrets from (a transport secret, the start of a header list, a credential header's name and
 * value, a value that looks like a credential, an endpoint that may hold one), each kind of part in
 * a map of its own, so that two calls reach the same node exactly when they have the same secrets.
 * Walking it costs a few map lookups of strings the call already holds, and builds no key.
 */
interface Node {
  matcher?: SecretMatcher;
  /** The next nodes, by the kind of part (`PART_*`), then by the part. */
  readonly next: (Map<string, Node> | undefined)[];
}
const PART_TRANSPORT = 0;
const PART_HEADERS = 1;
const PART_NAME = 2;
const PART_VALUE = 3;
const PART_LOOKS_SECRET = 4;
const PART_ENDPOINT = 5;

let root: Node = { next: [] };
let matcherCount = 0;
/** More sets of secrets than this, and the cache starts again (a call with secrets of its own every time). */
const MATCHERS_KEPT = 128;

function child(node: Node, part: number, value: string): Node {
  let map = node.next[part];
  if (map === undefined) map = node.next[part] = new Map();
  let next = map.get(value);
  if (next === undefined) {
    next = { next: [] };
    map.set(value, next);
  }
  return next;
}

function walkHeaders(node: Node, headers: Readonly<Record<string, string>>): Node {
  let at = child(node, PART_HEADERS, '');
  for (const name in headers) {
    const kind = kindOf(name);
    if (kind === OPTION) continue;
    const value = headers[name]!;
    if (kind === SECRET) at = child(child(at, PART_NAME, name), PART_VALUE, value);
    else if (looksSecret(value)) at = child(at, PART_LOOKS_SECRET, value);
  }
  return at;
}

/** What may hold a credential in an endpoint: a query, a fragment, user info. */
const MAY_HOLD_CREDENTIAL = /[?#@]/;

/**
 * The `SecretMatcher` of every secret of a call (`callSecrets`), built once per set of secrets and
 * kept for the next calls with the same set: a call whose transport and credentials were seen
 * before (the usual one) only looks its parts up.
 */
export function callSecretMatcher(request: GatewayRequest, transportSecrets?: readonly string[]): SecretMatcher {
  let node = root;
  if (transportSecrets !== undefined) for (const secret of transportSecrets) node = child(node, PART_TRANSPORT, secret);
  node = walkHeaders(node, request.headers);
  for (const step of request.steps) {
    node = walkHeaders(node, step.headers);
    if (MAY_HOLD_CREDENTIAL.test(step.endpoint)) node = child(node, PART_ENDPOINT, step.endpoint);
  }
  if (node.matcher !== undefined) return node.matcher;
  const matcher = secretMatcher(callSecrets(request, transportSecrets));
  if (++matcherCount > MATCHERS_KEPT) {
    // Started again from here: the nodes just made hang from the old root, and go with it.
    root = { next: [] };
    matcherCount = 0;
    return matcher;
  }
  node.matcher = matcher;
  return matcher;
}
