/** A header value as the common header containers hold it. */
export type HeaderValue = string | readonly string[] | number | boolean | null | undefined;

/**
 * Any of the usual ways to pass headers: a `Headers` object, a list of `[name, value]` pairs
 * (`HeadersInit`), or a record whose `undefined` values are skipped.
 */
export type HeadersLike = Headers | readonly (readonly string[])[] | Readonly<Record<string, HeaderValue>>;

function valueText(value: HeaderValue): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/** The headers as `[lower-case name, value]` pairs, in order, skipping empty entries. */
export function headerEntries(headers: HeadersLike | undefined | null): [string, string][] {
  const out: [string, string][] = [];
  if (headers === undefined || headers === null || typeof headers !== 'object') return out;
  if (Array.isArray(headers)) {
    for (const pair of headers as readonly (readonly string[])[]) {
      const [name, value] = pair;
      if (typeof name === 'string' && value !== undefined) out.push([name.toLowerCase(), String(value)]);
    }
    return out;
  }
  const maybeHeaders = headers as Partial<Headers>;
  if (typeof maybeHeaders.forEach === 'function' && typeof maybeHeaders.get === 'function') {
    maybeHeaders.forEach((value, name) => out.push([name.toLowerCase(), value]));
    return out;
  }
  for (const [name, value] of Object.entries(headers as Readonly<Record<string, HeaderValue>>)) {
    const text = valueText(value);
    if (text !== undefined) out.push([name.toLowerCase(), text]);
  }
  return out;
}
