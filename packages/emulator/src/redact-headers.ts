const SECRET_HEADERS = new Set([
  'authorization',
  'cf-aig-authorization',
  'x-api-key',
  'api-key',
  'x-goog-api-key',
  'xi-api-key',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-auth-token',
  'x-session-id',
]);

/** Query parameters that carry credentials (Google's `?key=`, and the usual token names). */
const SECRET_QUERY_PARAMS = new Set(['key', 'api_key', 'apikey', 'api-key', 'access_token', 'token', 'sig']);

/** Placeholder that replaces every secret header value in `calls`, logs and log lines. */
export const REDACTED = '[REDACTED]';

/** True for header names whose values are credentials. */
export function isSecretHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return SECRET_HEADERS.has(lower) || lower.startsWith('x-amz-');
}

/** A copy of the headers with every credential value replaced by `[REDACTED]`. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = isSecretHeader(name) ? REDACTED : value;
  return out;
}

/** True for names (header, query parameter or JSON field) whose values are credentials, e.g. `authorization`, `api_key`. */
export function isSecretName(name: string): boolean {
  return isSecretHeader(name) || isSecretParam(name) || /^(api_?key|apikey|access_?token|secret|password)$/i.test(name);
}

function isSecretParam(encodedName: string): boolean {
  let name = encodedName;
  try {
    name = decodeURIComponent(encodedName.replace(/\+/g, ' '));
  } catch {
    // not percent-encoded: the name as it is
  }
  const lower = name.toLowerCase();
  return SECRET_QUERY_PARAMS.has(lower) || lower.startsWith('x-amz-');
}

/**
 * A path or URL with the value of every credential parameter in its query or fragment (`key`,
 * `api_key`, `apikey`, `api-key`, `access_token`, `token`, `sig`, `x-amz-*`) replaced by
 * `[REDACTED]`; the rest is kept byte for byte.
 */
export function redactUrl(url: string): string {
  const start = url.search(/[?#]/);
  if (start === -1) return url;
  const tail = url.slice(start).replace(/([?&#])([^=&#]+)=([^&#]*)/g, (param: string, separator: string, name: string) =>
    isSecretParam(name) ? `${separator}${name}=${REDACTED}` : param,
  );
  return url.slice(0, start) + tail;
}
