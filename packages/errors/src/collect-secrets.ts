import { headerEntries, type HeadersLike } from './header-entries';
import { isSecretHeaderName } from './redact-headers';
import { decodeName, isSecretParamName } from './redact-url';
import { REDACTED } from './redact-text';

function decodeBase64(text: string): string | undefined {
  try {
    return atob(text);
  } catch {
    return undefined;
  }
}

/** The secret parts of one credential header's value. */
function addHeaderValue(found: Set<string>, name: string, value: string): void {
  const trimmed = value.trim();
  found.add(trimmed);
  if (name === 'cookie' || name === 'set-cookie') {
    for (const pair of trimmed.split(/;\s*/)) {
      const eq = pair.indexOf('=');
      if (eq !== -1) found.add(pair.slice(eq + 1));
    }
    return;
  }
  const scheme = /^(\S+)\s+([\s\S]+)$/.exec(trimmed);
  if (!scheme) return;
  const [, kind = '', rest = ''] = scheme;
  if (kind.toUpperCase().startsWith('AWS4-')) {
    // SigV4: `Credential=AKIA.../date/region/service/aws4_request, SignedHeaders=..., Signature=hex`.
    const credential = /Credential=([^/,\s]+)/.exec(rest)?.[1];
    const signature = /Signature=([0-9a-fA-F]+)/.exec(rest)?.[1];
    if (credential) found.add(credential);
    if (signature) found.add(signature);
    return;
  }
  found.add(rest.trim());
  if (kind.toLowerCase() === 'basic') {
    const decoded = decodeBase64(rest.trim());
    if (decoded !== undefined) {
      found.add(decoded);
      const colon = decoded.indexOf(':');
      if (colon !== -1) found.add(decoded.slice(colon + 1));
    }
  }
}

function addHeaders(found: Set<string>, headers: HeadersLike | undefined | null): void {
  for (const [name, value] of headerEntries(headers)) {
    if (isSecretHeaderName(name)) addHeaderValue(found, name, value);
  }
}

function addUrl(found: Set<string>, url: string): void {
  const userInfo = /^[a-z][a-z0-9+.-]*:\/\/([^/?#@]*)@/i.exec(url)?.[1];
  if (userInfo) {
    for (const part of userInfo.split(':')) {
      found.add(part);
      found.add(decodeName(part));
    }
  }
  const queryAt = url.indexOf('?');
  if (queryAt === -1) return;
  for (const part of url.slice(queryAt + 1).split(/[&#]/)) {
    const eq = part.indexOf('=');
    if (eq === -1 || !isSecretParamName(decodeName(part.slice(0, eq)))) continue;
    const raw = part.slice(eq + 1);
    found.add(raw);
    found.add(decodeName(raw));
  }
}

/** Steps of a universal request body (a JSON array of steps, or one step), whose `headers` hold provider keys. */
function addUniversalBody(found: Set<string>, body: unknown): void {
  let value = body;
  if (typeof value === 'string') {
    if (!/^\s*[[{]/.test(value)) return;
    try {
      value = JSON.parse(value);
    } catch {
      return;
    }
  }
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return;
  const steps: unknown[] = Array.isArray(value) ? value : [value];
  for (const step of steps) {
    if (typeof step !== 'object' || step === null) continue;
    const { headers, authorization, endpoint } = step as { headers?: unknown; authorization?: unknown; endpoint?: unknown };
    if (typeof headers === 'object' && headers !== null) addHeaders(found, headers as HeadersLike);
    if (typeof authorization === 'string') addHeaderValue(found, 'authorization', authorization);
    if (typeof endpoint === 'string') addUrl(found, endpoint);
  }
}

/**
 * The raw secret values in a request, to scrub text with (`redactText`): the values of credential
 * headers and the tokens inside them (after `Bearer`, SigV4's access key id and signature, Basic
 * credentials), credential query parameters and user info of the URL, and the credential headers
 * inside the steps of a universal request body when `body` is given.
 */
export function collectSecrets(headers?: HeadersLike | null, url?: string, body?: unknown): string[] {
  const found = new Set<string>();
  addHeaders(found, headers);
  if (typeof url === 'string') addUrl(found, url);
  if (body !== undefined && body !== null) addUniversalBody(found, body);
  found.delete('');
  found.delete(REDACTED);
  return [...found];
}
