import { describeTransportConformance } from '@aigw/core/testing';
import { startEmulator, unusedPort, type Emulator } from '@aigw/emulator';
import { emulatorBinding } from '@aigw/emulator/binding';
import { afterAll, beforeAll } from 'vitest';
import { createBindingTransport, type AiGatewayBinding } from '../src';

let emulator: Emulator;
let closedPort: number;

beforeAll(async () => {
  emulator = await startEmulator();
  closedPort = await unusedPort();
});

afterAll(async () => {
  await emulator?.close();
});

const target = () => ({ baseURL: emulator.baseURL, accountId: emulator.accountId, gateway: 'emulator-gateway', token: emulator.token });

describeTransportConformance({
  name: 'binding (emulator binding double, Node)',
  target,
  createTransport: (t) => createBindingTransport({ binding: emulatorBinding({ baseURL: t.baseURL, accountId: t.accountId, gateway: t.gateway }) }),
  unreachable: () =>
    createBindingTransport({ binding: emulatorBinding({ baseURL: `http://127.0.0.1:${closedPort}/v1`, accountId: emulator.accountId, gateway: 'emulator-gateway' }) }),
});

describeTransportConformance({
  name: 'binding that ignores the abort signal (Node)',
  target,
  concurrency: 100,
  createTransport: (t) => {
    const inner = emulatorBinding({ baseURL: t.baseURL, accountId: t.accountId, gateway: t.gateway });
    // Like the real binding, which takes no signal: the transport must settle on abort by itself.
    const binding: AiGatewayBinding = { run: (data) => inner.run(data), getUrl: (provider) => inner.getUrl(provider) };
    return createBindingTransport({ binding });
  },
  unreachable: () => {
    const inner = emulatorBinding({ baseURL: `http://127.0.0.1:${closedPort}/v1`, accountId: emulator.accountId, gateway: 'emulator-gateway' });
    return createBindingTransport({ binding: { run: (data) => inner.run(data) } });
  },
});

