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

/**
 * Serves the log viewer: the page (`/_emulator/`), its two static files, the recorded requests as
 * JSON (`/_emulator/api/requests?since=N`) and as a live event stream (`/_emulator/api/events`).
 */
export async function serveViewer(options: { feed: ViewerFeed; req: IncomingMessage; res: ServerResponse }): Promise<void> {
  const { feed, req, res } = options;
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');
  const path = url.pathname.slice(VIEWER_PATH.length);
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
