import { describeTransportConformance } from '@aigw/core/testing';
import { startEmulator, unusedPort, type Emulator } from '@aigw/emulator';
import { afterAll, beforeAll } from 'vitest';
import { createHttpTransport } from '../src';

let emulator: Emulator;
let closedPort: number;

beforeAll(async () => {
  emulator = await startEmulator();
  closedPort = await unusedPort();
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

