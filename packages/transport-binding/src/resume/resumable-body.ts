import { AiGatewayStreamResumeError } from '@aigw/errors';

/** Fetches the resume endpoint: `env.AI.fetch` in a Worker. */
export type ResumeFetch = (url: string, init: RequestInit) => Promise<Response>;

export interface ResumableBodyOptions {
  readonly body: ReadableStream<Uint8Array>;
  readonly runId: string;
  /** The resume URL for a given count of events already received. */
  readonly resumeUrl: (fromEvent: number) => string;
  readonly fetch: ResumeFetch;
  /** Reconnects allowed for this stream in all. */
  readonly maxReconnects: number;
  readonly signal?: AbortSignal;
  /** Told before the stream errors because the run expired. */
  readonly onResumeExpired?: (info: { runId: string; fromEvent: number }) => void;
}

/**
 * An SSE body that survives a dropped connection: it hands on whole events only, counts them, and
 * when the connection breaks fetches `resumeUrl(count)`, whose answer starts at the next event, so
 * the reader gets every event once. A partial event cut by the drop is thrown away (the resume
 * sends it again whole). Pull-based: nothing is read ahead of the consumer.
 */
export function resumableBody(options: ResumableBodyOptions): ReadableStream<Uint8Array> {
  const { runId, maxReconnects, signal } = options;
  let reader = options.body.getReader();
  let pending: Uint8Array<ArrayBuffer> = new Uint8Array(0);
  let events = 0;
  let reconnects = 0;

  const fail = (reason: 'expired' | 'reconnects-exhausted' | 'failed', extra: { statusCode?: number; cause?: unknown } = {}) =>
    new AiGatewayStreamResumeError({ reason, runId, fromEvent: events, reconnects, ...extra });

  async function reconnect(cause: unknown): Promise<void> {
    if (reconnects >= maxReconnects) throw fail('reconnects-exhausted', { cause });
    reconnects++;
    pending = new Uint8Array(0);
    let response: Response;
    try {
      response = await options.fetch(options.resumeUrl(events), { method: 'GET', ...(signal ? { signal } : {}) });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw fail('failed', { cause: error });
    }
    if (response.status === 404) {
      void response.body?.cancel().catch(() => undefined);
      options.onResumeExpired?.({ runId, fromEvent: events });
      throw fail('expired', { statusCode: 404, cause });
    }
    if (!response.ok || response.body === null) {
      void response.body?.cancel().catch(() => undefined);
      throw fail('failed', { statusCode: response.status, cause });
    }
    reader = response.body.getReader();
  }

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          let next: ReadableStreamReadResult<Uint8Array>;
          try {
            next = await reader.read();
          } catch (error) {
            if (signal?.aborted) throw error;
            await reconnect(error);
            continue;
          }
          if (next.done) {
            if (pending.length > 0) controller.enqueue(pending);
            controller.close();
            return;
          }
          pending = concat(pending, next.value);
          const end = lastEventEnd(pending);
          if (end === 0) continue;
          const whole = pending.subarray(0, end);
          events += countEvents(whole);
          pending = pending.slice(end);
          controller.enqueue(whole);
          return;
        }
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

function concat(a: Uint8Array<ArrayBuffer>, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

const LF = 10;
const CR = 13;

/** The length of the blank-line terminator ending at `i` (`\n\n` or `\n\r\n`), or 0. */
function terminatorAt(buf: Uint8Array, i: number): number {
  if (buf[i] !== LF) return 0;
  if (buf[i - 1] === LF) return 2;
  if (buf[i - 1] === CR && buf[i - 2] === LF) return 3;
  return 0;
}

/** The index just past the last whole event in `buf`, or 0. */
function lastEventEnd(buf: Uint8Array): number {
  for (let i = buf.length - 1; i >= 1; i--) if (terminatorAt(buf, i) > 0) return i + 1;
  return 0;
}

/** Whole events in `buf`: SSE events end with a blank line. */
function countEvents(buf: Uint8Array): number {
  let n = 0;
  for (let i = 1; i < buf.length; i++) if (terminatorAt(buf, i) > 0) n++;
  return n;
}
