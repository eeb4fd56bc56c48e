import { createServer } from 'node:net';

/**
 * A TCP port on 127.0.0.1 where nothing listens (bound, then released): point a client at it to
 * test how it handles a refused connection.
 */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('the operating system gave no TCP port');
  return address.port;
}
