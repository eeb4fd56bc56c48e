import { redactHeaders } from './redact-headers';
import { redactText } from './redact-text';

const MAX_DEPTH = 5;
const MAX_TEXT = 2000;

/** Built-in error classes whose prototype a copy may keep; any other class becomes a plain `Error`. */
const BUILT_IN_PROTOTYPES = new Set<object>(
  [Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError].map((ctor) => ctor.prototype as object),
);

function read(object: object, key: PropertyKey): unknown {
  try {
    return (object as Record<PropertyKey, unknown>)[key];
  } catch {
    return undefined;
  }
}

function isStringRecord(value: object): value is Record<string, string> {
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && Object.values(value).every((v) => typeof v === 'string');
}

function copyError(error: object, secrets: readonly string[], depth: number): Error {
  const message = read(error, 'message');
  const copy = new Error(redactText(typeof message === 'string' ? message : '', secrets));
  const proto: unknown = Object.getPrototypeOf(error);
  if (typeof proto === 'object' && proto !== null && BUILT_IN_PROTOTYPES.has(proto)) Object.setPrototypeOf(copy, proto);
  const name = read(error, 'name');
  if (typeof name === 'string' && name !== copy.name) copy.name = name;
  const stack = read(error, 'stack');
  copy.stack = typeof stack === 'string' ? redactText(stack, secrets) : undefined;

  const target = copy as unknown as Record<PropertyKey, unknown>;
  for (const key of Reflect.ownKeys(error)) {
    if (key === 'message' || key === 'stack' || key === 'name') continue;
    const value = read(error, key);
    if (typeof key === 'symbol') {
      // Keeps AI SDK markers (`Symbol.for('vercel.ai.error...')`) so `isInstance` checks still hold.
      if (typeof value === 'boolean') target[key] = value;
      continue;
    }
    if (key === 'cause') target[key] = redactCauseAt(value, secrets, depth + 1);
    else if (typeof value === 'string') target[key] = redactText(value, secrets);
    else if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) target[key] = value;
    else if (typeof value === 'object' && isStringRecord(value)) target[key] = redactHeaders(value, secrets);
    // Other values (request bodies, nested objects, functions) may hold anything: they are dropped.
  }
  return copy;
}

function redactCauseAt(cause: unknown, secrets: readonly string[], depth: number): unknown {
  if (cause === undefined || cause === null) return cause;
  if (typeof cause === 'string') return redactText(cause, secrets);
  if (typeof cause === 'number' || typeof cause === 'boolean' || typeof cause === 'bigint') return cause;
  if (depth > MAX_DEPTH) return undefined;
  if (typeof cause === 'object' && (cause instanceof Error || typeof read(cause, 'message') === 'string')) {
    return copyError(cause, secrets, depth);
  }
  let text: string;
  try {
    text = JSON.stringify(cause) ?? Object.prototype.toString.call(cause);
  } catch {
    text = Object.prototype.toString.call(cause);
  }
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
  if (cause === undefined || cause === null) return undefined;
  if (typeof cause !== 'object') return cause;
  const name = read(cause, 'name');
  const message = read(cause, 'message');
  return { name: typeof name === 'string' ? name : 'Error', message: typeof message === 'string' ? message : '' };
}
