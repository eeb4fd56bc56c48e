import {
  checkStepPath,
  hasFormDataBody,
  isAbortError,
  passesThrough,
  pathSegment,
  providerStep,
  stepBody,
  universalBodyBytes,
  type GatewayRequest,
  type GatewaySendOptions,
  type GatewayTransport,
} from '@aigw/core';
import { AiGatewayNetworkError } from '@aigw/errors';

/** Settings of `createSignedTransport`. */
export interface SignedTransportSettings {
  /** Base URL before `/{accountId}/{gateway}`, e.g. `https://gateway.ai.cloudflare.com/v1` or an emulator's. */
  baseURL: string;
  accountId: string;
  gateway: string;
  /** AI Gateway token, sent as `cf-aig-authorization` (authenticated gateways). */
  token?: string;
  /** The secret the HMAC-SHA256 signature of every request is made with (shared with your proxy). */
  signingKey: string;
  /** Gets one line per send: method, mode, steps, status, answering step and milliseconds. Default `console.log`. */
  log?: (line: string) => void;
  /** The fetch to send with. Default: the global one. */
  fetch?: typeof globalThis.fetch;
}

export const SIGNATURE_HEADER = 'x-aigw-signature';
export const TIMESTAMP_HEADER = 'x-aigw-timestamp';

const NAME = 'signed-http';
const encoder = new TextEncoder();

/**
 * A gateway transport of our own: it sends over `fetch` like the HTTP transport does, signs every
 * request with an HMAC-SHA256 header (for an internal egress proxy that checks it) and logs one line
 * per send. The log line has no body, header value or key in it. What every transport does around
 * its send (the step checks, the body for fetch, which errors pass as they are) comes from
 * `@aigw/core`'s transport kit.
 */
export function createSignedTransport(settings: SignedTransportSettings): GatewayTransport {
  // The account and the gateway become path segments: checked, never encoded into something else.
  const accountId = pathSegment(settings.accountId, { option: 'accountId', allowed: 'a Cloudflare account id' });
  const gateway = pathSegment(settings.gateway, { option: 'gateway', allowed: 'a gateway id' });
  const root = `${settings.baseURL.replace(/\/+$/, '')}/${accountId}/${gateway}`;
  const log = settings.log ?? ((line: string) => console.log(line));
  const secrets = [settings.signingKey, ...(settings.token ? [settings.token] : [])];
  let key: Promise<CryptoKey> | undefined;

  async function send(request: GatewayRequest, options: GatewaySendOptions = {}): Promise<Response> {
    const { signal } = options;
    signal?.throwIfAborted();
    // Every step's provider and endpoint become a path (here, or at the gateway for a universal request).
    for (let i = 0; i < request.steps.length; i++) checkStepPath(request.steps[i]!, i);
    const started = performance.now();
    const summary = `${request.mode} steps=${request.steps.map((s) => s.provider).join(',')}`;
    const outgoing = await encodeRequest({ request, root });
    key ??= importKey(settings.signingKey);
    const timestamp = String(Date.now());
    const signature = await sign({ key: await key, timestamp, method: outgoing.method, url: outgoing.url, body: outgoing.body });
    outgoing.headers.set(TIMESTAMP_HEADER, timestamp);
    outgoing.headers.set(SIGNATURE_HEADER, `v1=${signature}`);
    if (settings.token) outgoing.headers.set('cf-aig-authorization', `Bearer ${settings.token}`);

    const init: RequestInit = { method: outgoing.method, headers: outgoing.headers, body: outgoing.body };
    if (signal) init.signal = signal;
    const elapsed = () => `${Math.round(performance.now() - started)}ms`;
    try {
      const response = await (settings.fetch ?? globalThis.fetch)(outgoing.url, init);
      log(`${NAME} ${outgoing.method} ${summary} status=${response.status} step=${response.headers.get('cf-aig-step') ?? '-'} ${elapsed()}`);
      return response;
    } catch (error) {
      const aborted = signal?.aborted === true || isAbortError(error);
      log(`${NAME} ${outgoing.method} ${summary} status=${aborted ? 'aborted' : 'network-error'} ${elapsed()}`);
      // An abort and a typed error pass as they are; anything else is a network failure.
      if (passesThrough(error, signal)) throw error;
      throw new AiGatewayNetworkError({ transport: NAME, url: outgoing.url, cause: error, secrets });
    }
  }

  return { name: NAME, send };
}

interface OutgoingRequest {
  method: string;
  url: string;
  headers: Headers;
  /** The exact bytes sent, so that they can be signed. */
  body: Uint8Array<ArrayBuffer> | null;
}

/** The HTTP request for a gateway request: universal (JSON steps to the gateway root) or provider-native (one step, body untouched). */
async function encodeRequest(options: { request: GatewayRequest; root: string }): Promise<OutgoingRequest> {
  const { request, root } = options;
  if (request.mode === 'universal') {
    const headers = new Headers(request.headers);
    headers.set('content-type', 'application/json');
    return { method: 'POST', url: root, headers, body: universalBodyBytes(request) };
  }
  const step = providerStep(request);
  const headers = new Headers(request.headers);
  for (const [name, value] of Object.entries(step.headers)) headers.set(name, value);
  let body: Uint8Array<ArrayBuffer> | null = null;
  const source = stepBody(step);
  if (source !== null) {
    // Serialise the body once (a FormData gets its multipart boundary here) so the signed bytes are the sent bytes.
    const encoded = new Response(source instanceof Uint8Array ? source.slice() : source);
    body = new Uint8Array(await encoded.arrayBuffer());
    const type = encoded.headers.get('content-type');
    if (hasFormDataBody(step) && type !== null) headers.set('content-type', type);
  }
  return { method: step.method, url: `${root}/${step.provider}/${step.endpoint.replace(/^\/+/, '')}`, headers, body };
}

function importKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

/** What is signed: `timestamp \n METHOD \n path?query \n` followed by the body bytes (like Stripe's `t.payload`). */
function canonical(options: { timestamp: string; method: string; url: string; body: Uint8Array<ArrayBuffer> | null }): Uint8Array<ArrayBuffer> {
  const { pathname, search } = new URL(options.url);
  const head = encoder.encode(`${options.timestamp}\n${options.method.toUpperCase()}\n${pathname}${search}\n`);
  const out = new Uint8Array(head.length + (options.body?.length ?? 0));
  out.set(head);
  if (options.body) out.set(options.body, head.length);
  return out;
}

async function sign(options: { key: CryptoKey; timestamp: string; method: string; url: string; body: Uint8Array<ArrayBuffer> | null }): Promise<string> {
  return hex(await crypto.subtle.sign('HMAC', options.key, canonical(options)));
}

/**
 * What the proxy on the other side does: checks the signature of a received request against the
 * shared secret, and that its timestamp is at most `maxAgeMs` old.
 */
export async function verifySignature(options: { request: Request; signingKey: string; maxAgeMs?: number; now?: number }): Promise<boolean> {
  const { request } = options;
  const timestamp = request.headers.get(TIMESTAMP_HEADER);
  const signature = /^v1=([0-9a-f]{64})$/.exec(request.headers.get(SIGNATURE_HEADER) ?? '')?.[1];
  if (timestamp === null || signature === undefined) return false;
  if (Math.abs((options.now ?? Date.now()) - Number(timestamp)) > (options.maxAgeMs ?? 300_000)) return false;
  const body = request.body === null ? null : new Uint8Array(await request.clone().arrayBuffer());
  const expected = canonical({ timestamp, method: request.method, url: request.url, body });
  const bytes = Uint8Array.from(signature.match(/../g) ?? [], (pair) => parseInt(pair, 16));
  return crypto.subtle.verify('HMAC', await importKey(options.signingKey), bytes, expected);
}
