import type { ServerResponse } from 'node:http';
import type { EmulatorCall, GatewayLogEntry } from '../emulator-types.js';

/** One row of the log viewer: a recorded call and its log entry, as the page reads them. */
export interface ViewerRow {
  /** Arrival order, from 1. */
  seq: number;
  /** When the request was recorded, ISO 8601. */
  time: string;
  call: EmulatorCall;
  log: GatewayLogEntry | null;
}

const MAX_ROWS = 1000;

/**
 * The requests the viewer shows, and the pages listening for new ones over server-sent events.
 * Rows hold only redacted records (`calls` and `logs` never contain secrets).
 */
export class ViewerFeed {
  private rows: ViewerRow[] = [];
  private seq = 0;
  private readonly listeners = new Set<ServerResponse>();

  constructor(private readonly now: () => number) {}

  add(call: EmulatorCall, log: GatewayLogEntry | undefined): void {
    const row: ViewerRow = { seq: ++this.seq, time: new Date(this.now()).toISOString(), call, log: log ?? null };
    this.rows.push(row);
    if (this.rows.length > MAX_ROWS) this.rows.splice(0, this.rows.length - MAX_ROWS);
    this.broadcast(`id: ${row.seq}\nevent: row\ndata: ${JSON.stringify(row)}\n\n`);
  }

  clear(): void {
    this.rows = [];
    this.broadcast('event: reset\ndata: {}\n\n');
  }

  list(since = 0): ViewerRow[] {
    return this.rows.filter((row) => row.seq > since);
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
