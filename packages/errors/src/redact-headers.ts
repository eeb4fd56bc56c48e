import { headerEntries, type HeadersLike } from './header-entries';
import { REDACTED, redactText } from './redact-text';

/** Headers that carry credentials for the providers the gateway serves. */
const SECRET_HEADERS = new Set([
  'authorization',
  'cf-aig-authorization',
  'proxy-authorization',
  'x-api-key',
  'api-key',
  'x-goog-api-key',
  'xi-api-key',
  'x-amz-security-token',
  'cookie',
  'set-cookie',
]);

/** Names that contain a secret-looking word but hold nothing secret. */
const NOT_SECRET = new Set(['cf-aig-cache-key', 'www-authenticate', 'proxy-authenticate', 'access-control-allow-credentials']);

const SECRET_NAME_PARTS = /key|token|secret|signature|auth|cookie|password|credential|session/;

/**
 * True for a header that may carry a credential: the known auth headers, and any name containing
 * `key`, `token`, `secret`, `signature`, `auth`, `cookie`, `password`, `credential` or `session`
 * (rate-limit headers such as `x-ratelimit-remaining-tokens` and `cf-aig-cache-key` excepted).
 */
export function isSecretHeaderName(name: string): boolean {
  const lower = name.trim().toLowerCase();
  if (SECRET_HEADERS.has(lower)) return true;
  if (NOT_SECRET.has(lower) || lower.includes('ratelimit') || lower.includes('rate-limit')) return false;
  return SECRET_NAME_PARTS.test(lower);
}

/**
 * Copies headers into a plain record with lower-case names, replacing the value of every secret
 * header (see `isSecretHeaderName`) with `[REDACTED]` and scrubbing the given secrets and credential
 * shapes from the others (a server may echo a key in any header). Repeated names are joined with `, `.
 */
export function redactHeaders(headers: HeadersLike | undefined | null, secrets: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headerEntries(headers)) {
    const previous = out[name];
    if (isSecretHeaderName(name)) out[name] = REDACTED;
    else out[name] = previous === undefined ? redactText(value, secrets) : `${previous}, ${redactText(value, secrets)}`;
  }
  return out;
}
