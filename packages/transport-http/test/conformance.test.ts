import { createServer } from 'node:net';
import { describeTransportConformance } from '@aigw/core/testing';
import { startEmulator, type Emulator } from '@aigw/emulator';
import { afterAll, beforeAll } from 'vitest';
import { createHttpTransport } from '../src';

let emulator: Emulator;
let closedPort: number;

beforeAll(async () => {
  emulator = await startEmulator();
  closedPort = await freePort();
});

afterAll(async () => {
  await emulator?.close();
});

describeTransportConformance({
  name: 'http',
  target: () => ({ baseURL: emulator.baseURL, accountId: emulator.accountId, gateway: 'emulator-gateway', token: emulator.token }),
  createTransport: (target) =>
    createHttpTransport({ baseURL: target.baseURL, accountId: target.accountId, gateway: target.gateway, ...(target.token ? { apiKey: target.token } : {}) }),
  unreachable: () =>
    createHttpTransport({ baseURL: `http://127.0.0.1:${closedPort}/v1`, accountId: emulator.accountId, gateway: 'emulator-gateway', apiKey: emulator.token }),
});

describeTransportConformance({
  name: 'http (gatewayURL)',
  target: () => ({ baseURL: emulator.baseURL, accountId: emulator.accountId, gateway: 'emulator-gateway', token: emulator.token }),
  createTransport: (target) => createHttpTransport({ gatewayURL: `${target.baseURL}/${target.accountId}/${target.gateway}`, apiKey: target.token! }),
  unreachable: () => createHttpTransport({ gatewayURL: `http://127.0.0.1:${closedPort}/v1/acct/gw`, apiKey: emulator.token }),
  concurrency: 100,
});

/** A port on 127.0.0.1 where nothing listens: bound, then closed again. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
