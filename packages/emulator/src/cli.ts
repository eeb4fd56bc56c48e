#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { formatCallLine } from './format-call-line.js';
import { startEmulator } from './start-emulator.js';
import type { EmulatorGatewaySettings } from './emulator-types.js';

const USAGE = `usage: aigw-emulator [--port 8787] [--host 127.0.0.1] [--account id] [--gateway id ...] [--token tok] [--auth] [--cache-ttl s] [--limit name=value ...]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      account: { type: 'string' },
      gateway: { type: 'string', multiple: true },
      token: { type: 'string' },
      auth: { type: 'boolean', default: false },
      'cache-ttl': { type: 'string' },
      limit: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port number: ${values.port}`);
  const settings: EmulatorGatewaySettings = { authentication: values.auth };
  if (values['cache-ttl'] !== undefined) settings.cacheTtl = Number(values['cache-ttl']);
  const ids = values.gateway ?? ['emulator-gateway'];
  const limits: Record<string, number> = {};
  for (const entry of values.limit ?? []) {
    const eq = entry.indexOf('=');
    if (eq <= 0 || entry.slice(eq + 1).trim() === '') throw new Error(`--limit: expected name=value, got ${entry}`);
    limits[entry.slice(0, eq)] = Number(entry.slice(eq + 1));
  }
  const emulator = await startEmulator({
    port,
    host: values.host,
    ...(values.account !== undefined ? { accountId: values.account } : {}),
    ...(values.token !== undefined ? { token: values.token } : {}),
    gateways: Object.fromEntries(ids.map((id) => [id, { ...settings }])),
    upstreamOptions: { limits },
    logger: (call) => console.log(formatCallLine({ call })),
  });
  console.log(`aigw-emulator listening on ${emulator.baseURL}`);
  console.log(`account ${emulator.accountId}; gateways ${ids.join(', ')}${values.auth ? ' (authenticated)' : ''}`);
  console.log(`log viewer ${emulator.viewerURL}`);
  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`aigw-emulator: ${error instanceof Error ? error.message : String(error)}`);
  console.error(USAGE);
  process.exit(1);
});
