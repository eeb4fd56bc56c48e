import { once } from 'node:events';
import { createEventPadder } from './sse-padding.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { UpstreamResponse } from '../upstreams/index.js';
import { BODY_LIMIT, type Answer, type ExchangeContext } from './exchange-context.js';
import { concat, HEAD_LIMIT } from './exchange-helpers.js';
import { recordLog } from './record-log.js';
import type { Run } from './resumable-runs.js';
import { dropConnection } from './drop-connection.js';

const encoder = new TextEncoder();

/**
 * Sends a streamed answer of the binding path as a resumable run: it gets `cf-aig-run-id`, the
 * upstream is read to its end into the run whatever happens to this connection, and the client
 * reads the run's events. A `dropAfterEvents` fault cuts this connection (and, with `dropTimes`,
 * the resumes after it) so that the client resumes.
 */
export async function sendRun(options: {
  ctx: ExchangeContext;
  answer: Answer;
  headers: Record<string, string>;
  body: Exclude<UpstreamResponse['body'], string | Uint8Array>;
  /** Characters of `"p"` padding for each event's JSON (0: none). */
  padding: number;
}): Promise<void> {
  const { ctx, answer, headers, body, padding } = options;
  const run = ctx.state.runs.create(ctx.call.gateway ?? '', answer.fault);
  ctx.keepUpstream = true;
  void pump({ run, body, padding });
  const res = ctx.res;
  res.writeHead(answer.status, { ...headers, 'cf-aig-run-id': run.id });
  res.flushHeaders();
  const { written, dropped } = await writeEvents({ ctx, run, from: 0, chunkDelayMs: answer.fault.chunkDelayMs, dropAfter: run.takeDrop() });
  if (dropped) {
    ctx.call.fault = 'dropped';
    if (run.expireOnDrop) ctx.state.runs.delete(run.id);
  }
  const sent = run.events.slice(0, written);
  recordLog({ ctx, answer, responseBytes: concat(head(sent)), responseSize: size(sent), responseBody: concat(head(sent, BODY_LIMIT)) });
  if (dropped) dropConnection(res);
  else res.end();
}

/** Reads the upstream's events into the run, to the end. */
async function pump(options: { run: Run; body: AsyncIterable<Uint8Array | string>; padding: number }): Promise<void> {
  const padder = options.padding > 0 ? createEventPadder(options.padding) : undefined;
  try {
    for await (const event of options.body) {
      const bytes = padder !== undefined ? padder.push(event) : typeof event === 'string' ? encoder.encode(event) : event;
      if (padder === undefined || bytes.byteLength > 0) options.run.push(bytes);
    }
  } catch {
    // The emulator closed, or the upstream failed: the run ends where it is.
  } finally {
    const rest = padder?.end();
    if (rest !== undefined && rest.byteLength > 0) options.run.push(rest);
    options.run.finish();
  }
}

/**
 * Writes the run's events from `from` on as they arrive; with `dropAfter`, stops after that many
 * and reports the connection as to be cut. Shared by the first answer and the resume endpoint.
 */
export async function writeEvents(options: {
  ctx: ExchangeContext;
  run: Run;
  from: number;
  chunkDelayMs?: number | undefined;
  dropAfter: number | undefined;
}): Promise<{ written: number; dropped: boolean }> {
  const { ctx, run, dropAfter } = options;
  const res = ctx.res;
  let index = options.from;
  let sent = 0;
  for (;;) {
    if (dropAfter !== undefined && sent >= dropAfter) return { written: index, dropped: true };
    await run.waitFor(index, ctx.signal);
    if (ctx.signal.aborted || index >= run.events.length) return { written: index, dropped: false };
    if (sent > 0 && options.chunkDelayMs !== undefined && options.chunkDelayMs > 0) await sleep(options.chunkDelayMs, undefined, { signal: ctx.signal });
    const chunk = run.events[index]!;
    const flushed = new Promise<void>((resolve) => res.write(chunk, () => resolve()));
    if (res.writableNeedDrain) await once(res, 'drain', { signal: ctx.signal });
    index += 1;
    sent += 1;
    if (dropAfter !== undefined && sent >= dropAfter) await flushed;
  }
}

function head(events: Uint8Array[], limit = HEAD_LIMIT): Uint8Array[] {
  const out: Uint8Array[] = [];
  let total = 0;
  for (const event of events) {
    if (total >= limit) break;
    out.push(event);
    total += event.byteLength;
  }
  return out;
}

const size = (events: Uint8Array[]) => events.reduce((n, e) => n + e.byteLength, 0);
