import { redactCause } from './redact-cause';
import { redactText } from './redact-text';

const MAX_DEPTH = 8;
/** Most values visited in one error's data (a parsed answer): past it, what is left is dropped. */
const MAX_VALUES = 20_000;

/** The fields of the AI SDK's errors that hold what the caller sent, never the answer: left as they are. */
const SENT_FIELDS = new Set(['requestBodyValues']);

interface Walk {
  readonly secrets: readonly string[];
  readonly seen: WeakSet<object>;
  budget: number;
  /** False once a field could not be written (a frozen error). */
  written: boolean;
}

function read(object: object, key: PropertyKey): unknown {
  try {
    return (object as Record<PropertyKey, unknown>)[key];
  } catch {
    return undefined;
  }
}

function write(walk: Walk, object: object, key: PropertyKey, value: unknown): void {
  try {
    if (Reflect.set(object, key, value) && read(object, key) === value) return;
  } catch {
    // A setter that throws: reported below.
  }
  walk.written = false;
}

const isPlain = (value: object) => {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null || Array.isArray(value);
};

const isErrorLike = (value: object) => value instanceof Error || typeof read(value, 'message') === 'string';

/** The scrubbed value of one field; objects are scrubbed in place. */
function scrub(walk: Walk, value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactText(value, walk.secrets);
  if (typeof value !== 'object' || value === null) return value;
  if (walk.seen.has(value)) return value;
  if (depth > MAX_DEPTH || --walk.budget < 0) return undefined;
  if (!isPlain(value) && !isErrorLike(value)) return value;
  walk.seen.add(value);
  const error = isErrorLike(value);
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === 'symbol' || (error && SENT_FIELDS.has(key))) continue;
    const field = read(value, key);
    const clean = scrub(walk, field, depth + 1);
    if (clean !== field) write(walk, value, key, clean);
  }
  if (error) {
    // `stack` repeats the message; on some runtimes it is an accessor, not an own field.
    const stack = read(value, 'stack');
    if (typeof stack === 'string') {
      const clean = redactText(stack, walk.secrets);
      if (clean !== stack) write(walk, value, 'stack', clean);
    }
  }
  return value;
}

/**
 * Scrubs an error that other code threw (a provider's `APICallError` built from the gateway's
 * answer, a JSON parse error quoting it) of the given secrets and of credential shapes, in place,
 * so that its class, its identity and its AI SDK markers stay: its message, stack, every string
 * field, the plain data it holds (`responseHeaders`, `data`, `value`, ...) and its `cause` chain.
 * `requestBodyValues`, what the caller's own model sent, is left as it is. An error whose fields
 * cannot be written (a frozen one) is replaced by a redacted copy (see `redactCause`). A string is
 * returned scrubbed; any other value as it is, scrubbed in place when it is plain data.
 */
export function redactError<T>(error: T, secrets: readonly string[] = []): T {
  const walk: Walk = { secrets, seen: new WeakSet(), budget: MAX_VALUES, written: true };
  const clean = scrub(walk, error, 0) as T;
  return walk.written ? clean : (redactCause(error, secrets) as T);
}
