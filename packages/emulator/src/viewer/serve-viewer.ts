import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ViewerFeed } from './viewer-feed.js';

/** The path prefix of the log viewer. */
export const VIEWER_PATH = '/_emulator';

const FILES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'viewer.css': 'text/css; charset=utf-8',
  'viewer.js': 'text/javascript; charset=utf-8',
};

/** The package's `viewer/` folder: beside `dist/` when built, two levels up from `src/viewer/` in tests. */
function viewerDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', 'viewer'), join(here, '..', '..', 'viewer')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0]!;
}

let dir: string | undefined;

/** The most bytes of a feedback body the viewer reads. */
const PATCH_LIMIT = 64 * 1024;

/**
 * Serves the log viewer: the page (`/_emulator/`), its two static files, the recorded requests as
 * JSON (`/_emulator/api/requests?since=N`) and as a live event stream (`/_emulator/api/events`),
 * a row's redacted bodies (`/_emulator/api/bodies/{seq}`) and feedback on a log entry
 * (`PATCH /_emulator/api/logs/{id}`, answered by `patchLog`: the gateway's log API).
 */
export async function serveViewer(options: {
  feed: ViewerFeed;
  req: IncomingMessage;
  res: ServerResponse;
  patchLog: (id: string, body: Uint8Array) => { status: number; body: string };
}): Promise<void> {
  const { feed, req, res } = options;
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');
  const path = url.pathname.slice(VIEWER_PATH.length);
  const logId = /^\/api\/logs\/([^/]+)$/.exec(path)?.[1];
  if (logId !== undefined && req.method === 'PATCH') {
    const body = await readLimited(req);
    if (body === undefined) {
      res.writeHead(413, { 'content-type': 'text/plain' }).end('body too large');
      return;
    }
    const id = decodeURIComponent(logId);
    const answer = options.patchLog(id, body);
    if (answer.status === 200) feed.touch(id);
    res.writeHead(answer.status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(answer.body);
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { 'content-type': 'text/plain', allow: 'GET, HEAD' }).end('method not allowed');
    return;
  }
  if (path === '') {
    res.writeHead(301, { location: `${VIEWER_PATH}/` }).end();
    return;
  }
  const since = Number(url.searchParams.get('since') ?? req.headers['last-event-id'] ?? 0) || 0;
  if (path === '/api/requests') {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(feed.list(since)));
    return;
  }
  const bodiesSeq = /^\/api\/bodies\/(\d+)$/.exec(path)?.[1];
  if (bodiesSeq !== undefined) {
    const bodies = feed.bodiesOf(Number(bodiesSeq));
    if (bodies === undefined) res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'The bodies of this request are no longer kept.' }));
    else res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(bodies));
    return;
  }
  if (path === '/api/events') {
    feed.listen(res, since);
    return;
  }
  const name = path === '/' ? 'index.html' : path.slice(1);
  const type = FILES[name];
  if (type === undefined) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  dir ??= viewerDir();
  const body = await readFile(join(dir, name));
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache', 'content-length': String(body.byteLength) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** The request body, or undefined when it is over `PATCH_LIMIT` bytes. */
async function readLimited(req: IncomingMessage): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > PATCH_LIMIT) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
