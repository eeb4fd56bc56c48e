import { headerEntries, type HeadersLike } from './header-entries';
import { isSecretHeaderName } from './redact-headers';
import { decodeName, isSecretParamName, PARAMS, queryAndFragment, USER_INFO } from './redact-url';
import { REDACTED } from './redact-text';

/** The secret parts of one credential header's value. */
function addHeaderValue(found: Set<string>, name: string, value: string): void {
  const trimmed = value.trim();
  found.add(trimmed);
  if (name === 'cookie' || name === 'set-cookie') {
    for (const [, cookie = ''] of trimmed.matchAll(/=([^;]*)/g)) found.add(cookie.trimEnd());
    return;
  }
  const [, kind = '', rest = ''] = /^(\S+)\s+([\s\S]+)$/.exec(trimmed) ?? [];
  if (/^AWS4-/i.test(kind)) {
    // SigV4: `Credential=AKIA.../date/region/service/aws4_request, SignedHeaders=..., Signature=hex`.
    for (const [, credential, signature = ''] of rest.matchAll(/Credential=([^/,\s]+)|Signature=([0-9a-fA-F]+)/g)) found.add(credential ?? signature);
    return;
  }
  found.add(rest.trim());
  if (kind.toLowerCase() === 'basic') {
    try {
      const decoded = atob(rest.trim());
      found.add(decoded).add(decoded.slice(decoded.indexOf(':') + 1));
    } catch {
      // Not base64: the raw value is collected already.
    }
  }
}

function addHeaders(found: Set<string>, headers: HeadersLike | undefined | null): void {
  for (const [name, value] of headerEntries(headers)) {
    if (isSecretHeaderName(name)) addHeaderValue(found, name, value);
  }
}

function addUrl(found: Set<string>, url: string): void {
  for (const part of USER_INFO.exec(url)?.[2]?.split(':') ?? []) found.add(part).add(decodeName(part));
  for (const [, , name = '', value = ''] of queryAndFragment(url).matchAll(PARAMS)) {
    if (isSecretParamName(decodeName(name))) found.add(value).add(decodeName(value));
  }
}

/** Steps of a universal request body (a JSON array of steps, or one step), whose `headers` hold provider keys. */
function addUniversalBody(found: Set<string>, body: unknown): void {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = /^\s*[[{]/.test(value) ? JSON.parse(value) : undefined;
    } catch {
      return;
    }
  }
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return;
  for (const step of Array.isArray(value) ? (value as unknown[]) : [value]) {
    const { headers, authorization, endpoint } = (step ?? {}) as { headers?: unknown; authorization?: unknown; endpoint?: unknown };
    if (typeof headers === 'object') addHeaders(found, headers as HeadersLike | null);
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
