/** `json` (a `toJSON` result) with the named fields of `error` added, so each class's `toJSON` only names its own. */
export function withFields<T extends object>(json: Record<string, unknown>, error: T, keys: readonly (keyof T & string)[]): Record<string, unknown> {
  for (const key of keys) json[key] = error[key];
  return json;
}
