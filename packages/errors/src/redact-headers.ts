import { headerEntries, type HeadersLike } from './header-entries';
import { REDACTED, redactText } from './redact-text';

/**
 * True for a header that may carry a credential: any name containing `key`, `token`, `secret`,
 * `signature`, `auth`, `cookie`, `password`, `credential` or `session` (which covers `authorization`,
 * `cf-aig-authorization`, `x-api-key`, `x-goog-api-key`, `x-amz-security-token`, `set-cookie`, ...),
 * except rate-limit headers such as `x-ratelimit-remaining-tokens` and a few names that hold
 * nothing secret (`cf-aig-cache-key`, `www-authenticate`).
 */
export function isSecretHeaderName(name: string): boolean {
  const lower = name.trim().toLowerCase();
  return (
    !/^(?:cf-aig-cache-key|www-authenticate|proxy-authenticate|access-control-allow-credentials)$|rate-?limit/.test(lower) &&
    /key|token|secret|signature|auth|cookie|password|credential|session/.test(lower)
  );
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
    out[name] = isSecretHeaderName(name) ? REDACTED : (previous === undefined ? '' : `${previous}, `) + redactText(value, secrets);
  }
  return out;
}
