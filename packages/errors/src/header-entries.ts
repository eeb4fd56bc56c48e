/** A header value as the common header containers hold it. */
export type HeaderValue = string | readonly string[] | number | boolean | null | undefined;

/**
 * Any of the usual ways to pass headers: a `Headers` object, a list of `[name, value]` pairs
 * (`HeadersInit`), or a record whose `undefined` values are skipped.
 */
export type HeadersLike = Headers | readonly (readonly string[])[] | Readonly<Record<string, HeaderValue>>;

/** The headers as `[lower-case name, value]` pairs, in order, skipping empty entries. */
export function headerEntries(headers: HeadersLike | undefined | null): [string, string][] {
  const out: [string, string][] = [];
  const add = (value: HeaderValue, name: unknown): void => {
    if (typeof name !== 'string' || value === undefined || value === null) return;
    out.push([name.toLowerCase(), typeof value === 'object' ? value.join(', ') : String(value)]);
  };
  const maybeHeaders = (headers ?? {}) as Partial<Headers>;
  if (Array.isArray(headers)) for (const [name, value] of headers as readonly (readonly string[])[]) add(value, name);
  else if (typeof maybeHeaders.forEach === 'function' && typeof maybeHeaders.get === 'function') maybeHeaders.forEach(add);
  else if (typeof headers === 'object' && headers !== null) for (const [name, value] of Object.entries(headers as Readonly<Record<string, HeaderValue>>)) add(value, name);
  return out;
}
