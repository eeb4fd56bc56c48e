import { REDACTED, redactText } from './redact-text';

const SECRET_PARAMS = new Set(['sig', 'x-amz-credential', 'x-amz-security-token', 'x-amz-signature', 'code_verifier']);
const SECRET_PARAM_PARTS = /key|token|secret|signature|password|credential|auth/;

/** True for a query parameter that may carry a credential (`key`, `api_key`, `token`, `sig`, `X-Amz-Signature`, ...). */
export function isSecretParamName(name: string): boolean {
  const lower = name.trim().toLowerCase();
  return SECRET_PARAMS.has(lower) || SECRET_PARAM_PARTS.test(lower);
}

/** A form-encoded query part decoded (`+` is a space); the raw text when it is not valid percent-encoding. Shared with `collectSecrets`. */
export function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

function redactParams(params: string): string {
  return params
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq === -1) return part;
      const rawName = part.slice(0, eq);
      return isSecretParamName(decodeName(rawName)) ? `${rawName}=${REDACTED}` : part;
    })
    .join('&');
}

/**
 * Returns the URL with user info removed and the value of every credential-like query (or
 * fragment) parameter replaced by `[REDACTED]`; the rest of the URL is kept as written. Text that
 * is not a URL is scrubbed of credential shapes.
 */
export function redactUrl(url: string): string {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  const base = (queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt)).replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, '$1');
  const query = queryAt === -1 ? '' : `?${redactParams(beforeHash.slice(queryAt + 1))}`;
  const hash = hashAt === -1 ? '' : `#${redactParams(url.slice(hashAt + 1))}`;
  return redactText(`${base}${query}${hash}`);
}
