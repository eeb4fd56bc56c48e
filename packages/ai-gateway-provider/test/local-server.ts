import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A plain HTTP server on 127.0.0.1 that counts the requests it got: a proxy, a redirect target, a provider reached directly. */
export interface LocalServer {
  /** `http://127.0.0.1:{port}` */
  readonly url: string;
  /** Requests received so far, with their headers and body. */
  readonly requests: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[];
  /** The node server (e.g. to count its connections). */
  readonly server: Server;
  /** Closes the server and every socket it holds. */
  close(): Promise<void>;
}

/** Starts a server that answers each request with `handler` once the request body has arrived. */
export async function startLocalServer(handler: (request: IncomingMessage, response: ServerResponse, body: string) => void | Promise<void>): Promise<LocalServer> {
  const requests: LocalServer['requests'] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, body });
      void Promise.resolve(handler(request, response, body)).catch(() => response.destroy());
    });
  });
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
