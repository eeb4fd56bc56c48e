const SECRET_HEADERS = new Set(['authorization', 'cf-aig-authorization', 'x-api-key', 'api-key', 'x-goog-api-key', 'xi-api-key', 'proxy-authorization', 'cookie']);

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
