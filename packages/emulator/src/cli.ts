#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { formatCallLine } from './format-call-line.js';
import { startEmulator } from './start-emulator.js';
import type { EmulatorGatewaySettings } from './emulator-types.js';
import type { CacheTtlBounds, EmulatorIdFormat } from './emulator-controls.js';
import type { EmulatorCustomProvider } from './pipeline/custom-provider.js';

const USAGE = `usage: aigw-emulator [--port 8787] [--host 127.0.0.1] [--account id] [--gateway id ...] [--token tok] [--auth] [--cache-ttl s]
                     [--ids uuidv7|ulid] [--sse-padding n] [--cache-ttl-bounds clamp|reject|off] [--auto-router-pool provider/model,...]
                     [--custom-provider slug[=baseURL] ...] [--limit name=value ...]`;

/** `slug` or `slug=https://base.url/v1`, as `--custom-provider` takes it. */
function customProviders(values: string[] | undefined): Record<string, EmulatorCustomProvider> | undefined {
  if (values === undefined) return undefined;
  return Object.fromEntries(
    values.map((value) => {
      const cut = value.indexOf('=');
      return cut === -1 ? [value, {}] : [value.slice(0, cut), { baseURL: value.slice(cut + 1) }];
    }),
  );
}

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
      ids: { type: 'string' },
      'sse-padding': { type: 'string' },
      'cache-ttl-bounds': { type: 'string' },
      'auto-router-pool': { type: 'string' },
      'custom-provider': { type: 'string', multiple: true },
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
  if (values['auto-router-pool'] !== undefined) settings.autoRouter = { pool: values['auto-router-pool'].split(',') };
  const ids = values.gateway ?? ['emulator-gateway'];
  const custom = customProviders(values['custom-provider']);
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
    // startEmulator checks these values and names the option of a bad one.
    ...(values.ids !== undefined ? { ids: values.ids as EmulatorIdFormat } : {}),
    ...(values['sse-padding'] !== undefined ? { ssePadding: Number(values['sse-padding']) } : {}),
    ...(values['cache-ttl-bounds'] !== undefined ? { cacheTtlBounds: values['cache-ttl-bounds'] as CacheTtlBounds } : {}),
    ...(custom !== undefined ? { customProviders: custom } : {}),
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
