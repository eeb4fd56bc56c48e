import type { ServerResponse } from 'node:http';
import type { EmulatorCall, GatewayLogEntry } from '../emulator-types.js';
import type { CallBodies } from '../pipeline/exchange-context.js';
import { redactBody } from './redact-body.js';

/** One row of the log viewer: a recorded call and its log entry, as the page reads them. */
export interface ViewerRow {
  /** Arrival order, from 1. */
  seq: number;
  /** When the request was recorded, ISO 8601. */
  time: string;
  call: EmulatorCall;
  log: GatewayLogEntry | null;
}

/** The bodies of one row as the page loads them: redacted text, with the full sizes. */
export interface ViewerBodies {
  request: string;
  requestSize: number;
  /** True when only the first `BODY_LIMIT` bytes were kept. */
  requestTruncated: boolean;
  response: string;
  responseSize: number;
  responseTruncated: boolean;
}

/** The most body bytes kept for all rows together; the oldest rows' bodies are dropped first. */
const BODY_BUDGET = 64 * 1024 * 1024;

/**
 * The requests the viewer shows, and the pages listening for new ones over server-sent events.
 * Rows hold only redacted records (`calls` and `logs` never contain secrets); bodies are kept
 * as received (bounded) and redacted when a page loads them.
 */
export class ViewerFeed {
  private rows: ViewerRow[] = [];
  private seq = 0;
  private readonly listeners = new Set<ServerResponse>();
  private readonly bodies = new Map<number, CallBodies>();
  private bodyBytes = 0;

  /** `limit`: the most rows kept (the emulator's `recordLimit`). */
  constructor(
    private readonly now: () => number,
    private readonly limit = 10_000,
  ) {}

  add(call: EmulatorCall, log: GatewayLogEntry | undefined, bodies?: CallBodies): void {
    const row: ViewerRow = { seq: ++this.seq, time: new Date(this.now()).toISOString(), call, log: log ?? null };
    this.rows.push(row);
    if (this.rows.length > this.limit) for (const old of this.rows.splice(0, this.rows.length - this.limit)) this.dropBodies(old.seq);
    if (bodies !== undefined) this.keepBodies(row.seq, bodies);
    this.broadcast(`id: ${row.seq}\nevent: row\ndata: ${JSON.stringify(row)}\n\n`);
  }

  /** Tells the pages that the log entry `logId` changed (feedback, score or metadata set through the log API). */
  touch(logId: string): void {
    for (let i = this.rows.length - 1; i >= 0; i -= 1) {
      const row = this.rows[i]!;
      if (row.log?.id !== logId) continue;
      this.broadcast(`event: log\ndata: ${JSON.stringify({ seq: row.seq, log: row.log })}\n\n`);
      return;
    }
  }

  clear(): void {
    this.rows = [];
    this.bodies.clear();
    this.bodyBytes = 0;
    this.broadcast('event: reset\ndata: {}\n\n');
  }

  list(since = 0): ViewerRow[] {
    return this.rows.filter((row) => row.seq > since);
  }

  /** The redacted bodies of row `seq`, undefined when they are no longer kept. */
  bodiesOf(seq: number): ViewerBodies | undefined {
    const bodies = this.bodies.get(seq);
    if (bodies === undefined) return undefined;
    return {
      request: redactBody(bodies.request),
      requestSize: bodies.requestSize,
      requestTruncated: bodies.request.byteLength < bodies.requestSize,
      response: redactBody(bodies.response),
      responseSize: bodies.responseSize,
      responseTruncated: bodies.response.byteLength < bodies.responseSize,
    };
  }

  /** Keeps row `seq`'s bodies, copied (a view must not pin a larger buffer), within `BODY_BUDGET`. */
  private keepBodies(seq: number, bodies: CallBodies): void {
    const kept = { ...bodies, request: bodies.request.slice(), response: bodies.response.slice() };
    this.bodies.set(seq, kept);
    this.bodyBytes += kept.request.byteLength + kept.response.byteLength;
    for (const old of this.bodies.keys()) {
      if (this.bodyBytes <= BODY_BUDGET) break;
      this.dropBodies(old);
    }
  }

  private dropBodies(seq: number): void {
    const bodies = this.bodies.get(seq);
    if (bodies === undefined) return;
    this.bodyBytes -= bodies.request.byteLength + bodies.response.byteLength;
    this.bodies.delete(seq);
  }

  /** Keeps `res` open as an event stream: the rows after `since`, then each new one as it is recorded. */
  listen(res: ServerResponse, since: number): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write('retry: 1000\n\n');
    for (const row of this.list(since)) res.write(`id: ${row.seq}\nevent: row\ndata: ${JSON.stringify(row)}\n\n`);
    this.listeners.add(res);
    res.once('close', () => this.listeners.delete(res));
  }

  private broadcast(frame: string): void {
    for (const res of this.listeners) res.write(frame);
  }
}
