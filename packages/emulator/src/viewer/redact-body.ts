import { isSecretName, REDACTED, redactUrl } from '../redact-headers.js';

const decoder = new TextDecoder();

/** A JSON value with credentials replaced: secret-named fields, `Bearer` values, credential query parameters of URLs. */
function redactValue(value: unknown, name: string | undefined): unknown {
  if (name !== undefined && isSecretName(name) && value !== null && typeof value !== 'object') return REDACTED;
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, undefined));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = redactValue(item, key);
    return out;
  }
  return value;
}

/**
 * Text with `Bearer` tokens, secret-named JSON string fields and credential query parameters replaced.
 * Every pattern is bounded, so a megabyte of base64 or slashes takes linear time.
 */
function redactText(text: string): string {
  return text
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`)
    .replace(/"([^"\\]{1,64})"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g, (field: string, key: string, colon: string) =>
      isSecretName(key) ? `"${key}"${colon}"${REDACTED}"` : field,
    )
    .replace(/\bhttps?:\/\/[^\s"'<>?#]{1,2048}[?#][^\s"'<>]{1,8192}|\/[^\s"'<>?#/]{0,256}[?#][^\s"'<>]{1,8192}/g, (url: string) => redactUrl(url));
}

/**
 * A recorded body as text for the log viewer, credentials redacted: a JSON body is re-printed with
 * every secret-named field (`authorization`, `x-api-key`, `api_key`, `token`...) read `[REDACTED]`,
 * as the emulator's header redaction does; any other text (an event stream) gets the same redaction
 * line by line, and `Bearer` tokens and `?key=` parameters are replaced everywhere.
 */
export function redactBody(bytes: Uint8Array): string {
  const text = decoder.decode(bytes);
  if (text.length === 0) return '';
  try {
    return JSON.stringify(redactValue(JSON.parse(text), undefined), null, 2);
  } catch {
    return redactText(text);
  }
}
