import type { UpstreamResponse } from './types.js';

/** One SSE event: optional `event:` line, one `data:` line, blank line. */
export function sseEvent(data: unknown, options: { event?: string; eol?: '\n' | '\r\n' } = {}): string {
  const eol = options.eol ?? '\n';
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  return `${options.event === undefined ? '' : `event: ${options.event}${eol}`}data: ${payload}${eol}${eol}`;
}

/** Waits `ms`, rejecting with the signal's reason when it aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Yields the events one by one, waiting `delayMs` between them; stops when the signal aborts. */
export async function* paced<T>(events: readonly T[], delayMs: number, signal: AbortSignal): AsyncGenerator<T> {
  for (let i = 0; i < events.length; i++) {
    if (signal.aborted) return;
    if (i > 0 && delayMs > 0) {
      try {
        await sleep(delayMs, signal);
      } catch {
        return;
      }
    }
    yield events[i]!;
  }
}

/** A response whose body is a stream of pre-framed events. */
export function streamResponse(options: {
  events: readonly (string | Uint8Array)[];
  contentType?: string;
  delayMs: number;
  signal: AbortSignal;
  headers?: Record<string, string>;
}): UpstreamResponse {
  return {
    status: 200,
    headers: {
      'content-type': options.contentType ?? 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      ...options.headers,
    },
    body: paced(options.events, options.delayMs, options.signal),
  };
}

/** A JSON response. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): UpstreamResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}
