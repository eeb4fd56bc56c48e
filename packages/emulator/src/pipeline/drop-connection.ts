import type { ServerResponse } from 'node:http';

/** Cuts the connection mid-answer: what was written reaches the client, the rest never comes. */
export function dropConnection(res: ServerResponse): void {
  const socket = res.socket;
  if (socket === null) return;
  socket.end();
  setTimeout(() => socket.destroy(), 1000).unref();
}
