/** Secrets shorter than this are not searched for: they would match ordinary words. */
export const MIN_SECRET_LENGTH = 6;


/** Secret sets seen lately, by their joined values: the forms are worked out once per set. */
const cache = new Map<string, readonly string[]>();
const CACHE_SIZE = 64;

const encoder = new TextEncoder();

/**
 * The base64 text that stands for `bytes` wherever they sit in a longer base64 text: for each of the
 * three byte offsets (mod 3) the secret may start at, the characters that depend on its bytes only
 * (a `Bearer <secret>` or `user:<secret>` header value encoded whole holds one of them), in the
 * standard and the URL-safe alphabet.
 */
function base64Forms(bytes: Uint8Array, add: (form: string) => void): void {
  for (let offset = 0; offset < 3; offset++) {
    const padded = new Uint8Array(offset + bytes.byteLength);
    padded.set(bytes, offset);
    let binary = '';
    for (const byte of padded) binary += String.fromCharCode(byte);
    const encoded = btoa(binary);
    // Characters from the first that holds no byte before the secret to the last that holds no byte after it.
    const form = encoded.slice(Math.ceil((offset * 8) / 6), Math.floor((padded.byteLength * 8) / 6));
    if (form.length < MIN_SECRET_LENGTH) continue;
    add(form);
    add(form.replace(/\+/g, '-').replace(/\//g, '_'));
  }
}

/**
 * The forms each secret (6 characters or longer) may take in a text, longest first: as it is,
 * URL-encoded, JSON-escaped, and base64-encoded at any byte offset. Other escapes (percent-encoding
 * in lower case or of some characters only, JSON `\u` escapes, HTML character references) are
 * decoded in the text before these are looked for (see `decodedView`). Worked out once per set.
 */
export function secretForms(secrets: readonly string[]): readonly string[] {
  if (secrets.length === 0) return [];
  const key = secrets.join('\u0000');
  const known = cache.get(key);
  if (known !== undefined) return known;
  const forms = new Set<string>();
  const add = (form: string) => {
    if (form.length >= MIN_SECRET_LENGTH && form !== '[REDACTED]') forms.add(form);
  };
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH || secret === '[REDACTED]') continue;
    add(secret);
    add(encodeURIComponent(secret));
    add(JSON.stringify(secret).slice(1, -1));
    base64Forms(encoder.encode(secret), add);
  }
  const sorted = [...forms].sort((a, b) => b.length - a.length);
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(key, sorted);
  return sorted;
}
