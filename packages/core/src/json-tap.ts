/**
 * A successful JSON answer handed to the model's own parser as it came, unread, with a tap on its
 * body: the parser's reads pass through, a connection dropped mid-body becomes a typed error, and
 * a gateway error envelope (`"success": false`, which the gateway may send with a 2xx status) is
 * refused at the end of the body instead of being parsed as the provider's answer. A parser that
 * reads with the body's default reader (every `@ai-sdk/provider-utils`) gets no copy of the body,
 * no second stream and no new `Response`: reading the answer first and handing the provider a copy
 * cost a small call more than everything else core does. Whole-body reads (`text()`, `json()`, ...)
 * read the tapped reader themselves; pipes (and `blob()`) go through a pass-through stream over it.
 *
 * What the tap refuses reaches the parser as a failed read, which the provider SDK wraps in an
 * error of its own; `tappedFailure` gives the caller back the typed error itself.
 */

import { readerStream } from './reader-stream';

/** Gateway error envelopes are a few hundred bytes; a longer answer is not one, and is not kept. */
const ENVELOPE_MAX_BYTES = 64 * 1024;
const OPEN_BRACE = 0x7b;

/** What a tap refused, by the answer it was put on. */
const failures = new WeakMap<Response, unknown>();

/** The typed error a tapped answer's body ended with (a dropped connection, an envelope), if any. */
export function tappedFailure(response: Response): unknown {
  return failures.get(response);
}

export interface JsonTapChecks {
  /** The error for a connection dropped while the body is read. */
  cutOff(error: unknown): Promise<unknown>;
  /** Rejects with the typed error when `text` is a gateway error envelope; undefined when it cannot be one. */
  checkEnvelope(text: string): Promise<void> | undefined;
}

type Reader = ReadableStreamDefaultReader<Uint8Array>;

const decoder = new TextDecoder();

/** Where a tapped body, and each reader it hands out, keeps its tap. */
const TAP = Symbol('aigw.jsonTap');

/** One answer's tap: data only, shared by the body and its reader. */
interface Tap {
  readonly response: Response;
  readonly checks: JsonTapChecks;
  /** The body's own `getReader` and its reader's own `read` (the runtime's methods). */
  readonly getReader: (this: ReadableStream<Uint8Array>, options?: unknown) => Reader;
  read: ((this: Reader) => Promise<ReadableStreamReadResult<Uint8Array>>) | undefined;
  /** The first chunks, while they may still be an envelope; undefined once the body cannot be one. */
  kept: Uint8Array[] | undefined;
  keptBytes: number;
}
type Tapped<T> = T & { [TAP]?: Tap };

/**
 * The answer with its body tapped, or undefined where the runtime does not let the body's reader be
 * tapped (the caller then reads the answer first, as before).
 *
 * The body and its reader get the module's shared functions and a data property, never a function
 * made for this answer: a closure stored on a runtime object (the body's `getReader`, the reader's
 * `read`) kept each call's objects alive past the young-generation collections in V8, so that every
 * call was promoted and collected by full collections.
 */
export function tapJsonBody(response: Response, checks: JsonTapChecks): Response | undefined {
  const body = response.body as Tapped<ReadableStream<Uint8Array>> | null;
  if (body === null) return response;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called on its own stream, with .call
  const getReader = body.getReader as Tap['getReader'];
  try {
    body[TAP] = { response, checks, getReader, read: undefined, kept: [], keptBytes: 0 };
    body.getReader = tappedGetReader as typeof body.getReader;
  } catch {
    return undefined;
  }
  // A runtime whose `body` is a new object per access, or that ignores the assignment, cannot be tapped.
  if (response.body !== body || body.getReader !== (tappedGetReader as unknown)) {
    delete (body as { getReader?: unknown }).getReader;
    delete body[TAP];
    return undefined;
  }
  // A parser that reads the whole body at once (`text()`, `json()`, ...) or pipes it reads it
  // through the tap too. Node's own whole-body reads already take the body's `getReader`; runtimes
  // whose reads are native (workerd, Bun, Deno) would go around it without these.
  Object.assign(response, TAPPED_READS);
  Object.assign(body, TAPPED_PIPES);
  return response;
}

/** The tapped body's `getReader` (`this` is the body): its default reader reads through the tap. */
function tappedGetReader(this: Tapped<ReadableStream<Uint8Array>>, options?: unknown): Reader {
  const tap = this[TAP];
  // Called on another stream (`body.getReader.call(other)`): that stream's own method.
  if (tap === undefined) return ReadableStream.prototype.getReader.call(this, options as undefined) as Reader;
  const reader = tap.getReader.call(this, options) as Tapped<Reader>;
  // A BYOB reader is left alone.
  if ((options as { mode?: unknown } | undefined)?.mode !== undefined) return reader;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called on its own reader, with .call
  tap.read ??= reader.read as Tap['read'];
  reader[TAP] = tap;
  reader.read = tappedRead;
  return reader;
}

/** The tapped reader's `read` (`this` is the reader). */
function tappedRead(this: Tapped<Reader>): Promise<ReadableStreamReadResult<Uint8Array>> {
  const tap = this[TAP]!;
  return tap.read!.call(this).then(
    (next) => onChunk(tap, next),
    (error: unknown) => tap.checks.cutOff(error).then((typed) => fail(tap, typed)),
  );
}

function onChunk(tap: Tap, next: ReadableStreamReadResult<Uint8Array>): ReadableStreamReadResult<Uint8Array> | Promise<ReadableStreamReadResult<Uint8Array>> {
  const kept = tap.kept;
  if (kept === undefined) return next;
  if (next.done) {
    const text = textOf(kept, tap.keptBytes);
    tap.kept = undefined;
    const checking = text === undefined ? undefined : tap.checks.checkEnvelope(text);
    return checking === undefined ? next : checking.then(() => next, (error: unknown) => fail(tap, error));
  }
  const chunk = next.value;
  if ((tap.keptBytes === 0 && !mayStartObject(chunk)) || tap.keptBytes + chunk.byteLength > ENVELOPE_MAX_BYTES) tap.kept = undefined;
  else {
    kept.push(chunk);
    tap.keptBytes += chunk.byteLength;
  }
  return next;
}

/** Records what the tap refused, for `tappedFailure`, and rejects the read with it. */
function fail(tap: Tap, error: unknown): never {
  failures.set(tap.response, error);
  throw error;
}

/** The body again, read through its (tapped) default reader. */
const viaReader = (body: ReadableStream<Uint8Array>) => readerStream(body.getReader());

/** Shared by every tapped body (`this` is the body): its pipes and iterators go through the tap. */
const TAPPED_PIPES = {
  pipeThrough<T>(this: ReadableStream<Uint8Array>, transform: ReadableWritablePair<T, Uint8Array>, options?: StreamPipeOptions): ReadableStream<T> {
    return viaReader(this).pipeThrough(transform, options);
  },
  pipeTo(this: ReadableStream<Uint8Array>, destination: WritableStream<Uint8Array>, options?: StreamPipeOptions): Promise<void> {
    return viaReader(this).pipeTo(destination, options);
  },
  tee(this: ReadableStream<Uint8Array>): [ReadableStream<Uint8Array>, ReadableStream<Uint8Array>] {
    return viaReader(this).tee();
  },
  values(this: ReadableStream<Uint8Array>, options?: { preventCancel?: boolean }): AsyncIterableIterator<Uint8Array> {
    return (viaReader(this) as unknown as { values(o?: unknown): AsyncIterableIterator<Uint8Array> }).values(options);
  },
  [Symbol.asyncIterator](this: ReadableStream<Uint8Array>, options?: { preventCancel?: boolean }): AsyncIterableIterator<Uint8Array> {
    return (viaReader(this) as unknown as { values(o?: unknown): AsyncIterableIterator<Uint8Array> }).values(options);
  },
};

/**
 * The answer again, its body read through the tap, for a `blob()` read: the runtime's own
 * `Response` does the reading, and gives the blob the answer's content type.
 */
function again(response: Response): Response {
  checkUnused(response);
  return new Response(viaReader(response.body!), { status: response.status, statusText: response.statusText, headers: response.headers });
}

function checkUnused(response: Response): void {
  if (response.bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
}

/**
 * The whole body, read through the tapped reader: no second stream and no new `Response` for a
 * parser that reads the answer whole (`text()`, as the Workers AI chat model does). One chunk (the
 * usual small answer) is handed on as it is.
 */
async function readWhole(response: Response): Promise<Uint8Array> {
  checkUnused(response);
  const reader = response.body!.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const next = await reader.read();
    if (next.done) break;
    chunks.push(next.value);
    length += next.value.byteLength;
  }
  reader.releaseLock();
  return chunks.length === 1 ? chunks[0]! : concat(chunks, length);
}

/** The bytes in an `ArrayBuffer` of their own (a chunk may be a view on a larger one). */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const buffer = bytes.buffer as ArrayBuffer;
  return bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength ? buffer : buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

/**
 * Shared by every tapped answer (`this` is the answer): nothing is made per call. The text is
 * decoded as `Response.text()` decodes it (UTF-8, a byte order mark dropped, invalid bytes replaced).
 */
const TAPPED_READS = {
  async text(this: Response): Promise<string> {
    return decoder.decode(await readWhole(this));
  },
  async json(this: Response): Promise<unknown> {
    return JSON.parse(decoder.decode(await readWhole(this))) as unknown;
  },
  async bytes(this: Response): Promise<Uint8Array> {
    const bytes = await readWhole(this);
    return new Uint8Array(ownBuffer(bytes));
  },
  async arrayBuffer(this: Response): Promise<ArrayBuffer> {
    return ownBuffer(await readWhole(this));
  },
  async blob(this: Response): Promise<Blob> {
    return again(this).blob();
  },
};

/** False when a body's first chunk shows it is not a JSON object (its first non-blank byte is not `{`). */
function mayStartObject(chunk: Uint8Array): boolean {
  for (let i = 0; i < chunk.byteLength; i++) {
    const byte = chunk[i]!;
    if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return byte === OPEN_BRACE;
  }
  return true;
}

function textOf(chunks: readonly Uint8Array[], length: number): string | undefined {
  if (length === 0) return undefined;
  return decoder.decode(chunks.length === 1 ? chunks[0] : concat(chunks, length));
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
