import { describeTransportConformance } from '@aigw/core/testing';
import { emulatorBinding } from '@aigw/emulator/binding';
import { inject } from 'vitest';
import { createBindingTransport } from '../../src';

// Runs inside workerd (@cloudflare/vitest-plugin); the emulator runs in Node (global-setup.ts).
describeTransportConformance({
  name: 'binding (emulator binding double, workerd)',
  target: () => inject('conformanceTarget'),
  createTransport: (t) => createBindingTransport({ binding: emulatorBinding({ baseURL: t.baseURL, accountId: t.accountId, gateway: t.gateway }) }),
  unreachable: () => {
    const t = inject('conformanceTarget');
    return createBindingTransport({ binding: emulatorBinding({ baseURL: inject('unreachableBaseURL'), accountId: t.accountId, gateway: t.gateway }) });
  },
});
