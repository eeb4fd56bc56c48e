import { redactHeaders } from './redact-headers';
import { redactText } from './redact-text';

const MAX_DEPTH = 5;
const MAX_TEXT = 2000;

function read(object: object, key: PropertyKey): unknown {
  try {
    return (object as Record<PropertyKey, unknown>)[key];
  } catch {
    return undefined;
  }
}

function copyError(error: object, secrets: readonly string[], depth: number): Error {
  const message = read(error, 'message');
  const copy = new Error(redactText(typeof message === 'string' ? message : '', secrets));
  const target = copy as unknown as Record<PropertyKey, unknown>;
  const proto: unknown = Object.getPrototypeOf(error);
  // Built-in error classes are kept; any other class becomes a plain `Error`.
  if ([TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError].some((ctor) => ctor.prototype === proto)) Object.setPrototypeOf(copy, proto as object);
  const name = read(error, 'name');
  if (typeof name === 'string' && name !== copy.name) copy.name = name;
  const stack = read(error, 'stack');
  copy.stack = typeof stack === 'string' ? redactText(stack, secrets) : undefined;

  for (const key of Reflect.ownKeys(error)) {
    if (key === 'message' || key === 'stack' || key === 'name') continue;
    const value = read(error, key);
    const type = typeof value;
    // Keeps AI SDK markers (`Symbol.for('vercel.ai.error...')`) so `isInstance` checks still hold.
    if (typeof key === 'symbol') {
      if (type === 'boolean') target[key] = value;
    } else if (key === 'cause' || value === null || type === 'string' || type === 'number' || type === 'boolean' || type === 'undefined') {
      target[key] = redactCauseAt(value, secrets, depth + 1);
    } else if (isStringRecord(value)) {
      target[key] = redactHeaders(value, secrets);
    }
    // Other values (request bodies, nested objects, functions) may hold anything: they are dropped.
  }
  return copy;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  const proto: unknown = typeof value === 'object' && value !== null ? Object.getPrototypeOf(value) : undefined;
  return (proto === Object.prototype || proto === null) && Object.values(value as object).every((v) => typeof v === 'string');
}

function redactCauseAt(cause: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof cause === 'string') return redactText(cause, secrets);
  if (cause == null || typeof cause === 'number' || typeof cause === 'boolean' || typeof cause === 'bigint') return cause;
  if (depth > MAX_DEPTH) return undefined;
  if (typeof cause === 'object' && (cause instanceof Error || typeof read(cause, 'message') === 'string')) return copyError(cause, secrets, depth);
  let text: string | undefined;
  try {
    text = JSON.stringify(cause);
  } catch {
    // A cycle or a throwing toJSON: described by its tag below.
  }
  text ??= Object.prototype.toString.call(cause);
  return redactText(text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text, secrets);
}

/**
 * A copy of an error's cause that holds no secret: an error is copied with its message, stack and
 * primitive properties scrubbed (its class kept for built-in errors, its AI SDK markers kept) and
 * its own cause redacted in turn; object properties that could hold anything are dropped. A
 * string is scrubbed; any other object becomes its scrubbed JSON text.
 */
export function redactCause(cause: unknown, secrets: readonly string[] = []): unknown {
  return redactCauseAt(cause, secrets, 0);
}

/** `{ name, message }` of a redacted cause, for `toJSON`. */
export function summarizeCause(cause: unknown): unknown {
  if (cause == null || typeof cause !== 'object') return cause ?? undefined;
  const name = read(cause, 'name');
  const message = read(cause, 'message');
  return { name: typeof name === 'string' ? name : 'Error', message: typeof message === 'string' ? message : '' };
}
