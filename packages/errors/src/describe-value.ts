import { redactText } from './redact-text';

const MAX_STRING = 40;

/**
 * A short, safe description of a value for an error message: numbers, booleans, `null` and
 * `undefined` as they are, strings quoted (credential shapes scrubbed, cut at 40 characters),
 * anything else by its type only (`an array of 2 items`, `an object`, `a Map`, `a function`).
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'string': {
      const safe = redactText(value);
      return JSON.stringify(safe.length > MAX_STRING ? `${safe.slice(0, MAX_STRING)}…` : safe);
    }
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      break;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length} ${value.length === 1 ? 'item' : 'items'}`;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return 'an object';
  const ctorName: unknown = typeof proto === 'object' && proto !== null ? (proto as { constructor?: { name?: unknown } }).constructor?.name : undefined;
  if (typeof ctorName !== 'string' || ctorName === '') return 'an object';
  return `${/^[AEIOU]/.test(ctorName) ? 'an' : 'a'} ${ctorName}`;
}
