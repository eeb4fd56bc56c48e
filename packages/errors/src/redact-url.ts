import { REDACTED, redactText } from './redact-text';

/** `scheme://user:password@` at the start of a URL; group 2 is the user info. Shared with `collectSecrets`. */
export const USER_INFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i;

/** The `name=value` parameters of a query and fragment (of the URL's part from its first `?` or `#`). */
export const PARAMS = /([?&#])([^&#=]*)=([^&#]*)/g;

/** The URL's query and fragment, from the first `?` or `#` (`''` when it has neither). */
export function queryAndFragment(url: string): string {
  const at = url.search(/[?#]/);
  return at === -1 ? '' : url.slice(at);
}

/** True for a query parameter that may carry a credential (`key`, `api_key`, `token`, `sig`, `X-Amz-Signature`, ...). */
export function isSecretParamName(name: string): boolean {
  return /^(?:sig|code_verifier)$|key|token|secret|signature|password|credential|auth/.test(name.trim().toLowerCase());
}

/** A form-encoded query part decoded (`+` is a space); the raw text when it is not valid percent-encoding. Shared with `collectSecrets`. */
export function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * Returns the URL with user info removed and the value of every credential-like query (or
 * fragment) parameter replaced by `[REDACTED]`; the rest of the URL is kept as written. Text that
 * is not a URL is scrubbed of credential shapes.
 */
export function redactUrl(url: string): string {
  const tail = queryAndFragment(url);
  return redactText(
    url.slice(0, url.length - tail.length).replace(USER_INFO, '$1') +
      tail.replace(PARAMS, (part, separator: string, name: string) => (isSecretParamName(decodeName(name)) ? `${separator}${name}=${REDACTED}` : part)),
  );
}
