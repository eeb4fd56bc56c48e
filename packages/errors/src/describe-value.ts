import { redactText } from './redact-text';

const MAX_STRING = 40;

/**
 * A short, safe description of a value for an error message: numbers, booleans, `null` and
 * `undefined` as they are, strings quoted (credential shapes scrubbed, cut at 40 characters),
 * anything else by its type only (`an array of 2 items`, `an object`, `a Map`, `a function`).
 */
export function describeValue(value: unknown): string {
  const type = typeof value;
  if (typeof value === 'string') {
    const safe = redactText(value);
    return JSON.stringify(safe.length > MAX_STRING ? `${safe.slice(0, MAX_STRING)}…` : safe);
  }
  if (type === 'bigint') return `${value as bigint}n`;
  if (type === 'symbol' || type === 'function') return `a ${type}`;
  // Numbers, booleans, `undefined` and `null` as they are.
  if (type !== 'object' || value === null) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length} ${value.length === 1 ? 'item' : 'items'}`;
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null;
  const ctorName = proto === Object.prototype ? '' : proto?.constructor?.name;
  return typeof ctorName === 'string' && ctorName !== '' ? `${/^[AEIOU]/.test(ctorName) ? 'an' : 'a'} ${ctorName}` : 'an object';
}
