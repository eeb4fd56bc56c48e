#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { HELP, USAGE } from './cli-help.js';
import { EmulatorConfigError, readEmulatorConfig } from './config-file.js';
import { formatCallLine } from './format-call-line.js';
import { startEmulator, type EmulatorOptions } from './start-emulator.js';
import type { EmulatorGatewaySettings } from './emulator-types.js';
import type { CacheTtlBounds, EmulatorIdFormat } from './emulator-controls.js';
import type { EmulatorCustomProvider } from './emulator-types.js';

/** A bad flag: reported with the usage line, without a stack. */
class FlagError extends Error {}

/** `slug` or `slug=https://base.url/v1`, as `--custom-provider` takes it. */
function customProviders(values: string[]): Record<string, EmulatorCustomProvider> {
  return Object.fromEntries(
    values.map((value) => {
      const cut = value.indexOf('=');
      return cut === -1 ? [value, {}] : [value.slice(0, cut), { baseURL: value.slice(cut + 1) }];
    }),
  );
}

function integerFlag(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new FlagError(`--${name}: expected an integer from ${min} to ${max}, got ${value}`);
  return n;
}

/** The options of the emulator: the config file's, then each flag given over it. */
async function resolveOptions(values: Record<string, string | boolean | string[] | undefined>): Promise<EmulatorOptions> {
  const options: EmulatorOptions = typeof values.config === 'string' ? await readEmulatorConfig(values.config) : {};
  const str = (name: string) => (typeof values[name] === 'string' ? values[name] : undefined);
  const list = (name: string) => (Array.isArray(values[name]) ? values[name] : undefined);
  options.port = str('port') !== undefined ? integerFlag('port', str('port')!, 0, 65535) : (options.port ?? 8787);
  options.host = str('host') ?? options.host ?? '127.0.0.1';
  if (str('account') !== undefined) options.accountId = str('account');
  if (str('token') !== undefined) options.token = str('token');
  const fileGateways = options.gateways ?? { 'emulator-gateway': {} };
  const ids = list('gateway') ?? Object.keys(fileGateways);
  const overrides: EmulatorGatewaySettings = {};
  if (values.auth === true) overrides.authentication = true;
  if (str('cache-ttl') !== undefined) overrides.cacheTtl = integerFlag('cache-ttl', str('cache-ttl')!, 0, Number.MAX_SAFE_INTEGER);
  if (str('auto-router-pool') !== undefined) overrides.autoRouter = { pool: str('auto-router-pool')!.split(',') };
  options.gateways = Object.fromEntries(ids.map((id) => [id, { ...fileGateways[id], ...overrides }]));
  // startEmulator checks these values and names the option of a bad one.
  if (str('ids') !== undefined) options.ids = str('ids') as EmulatorIdFormat;
  if (str('sse-padding') !== undefined) options.ssePadding = integerFlag('sse-padding', str('sse-padding')!, 0, Number.MAX_SAFE_INTEGER);
  if (str('cache-ttl-bounds') !== undefined) options.cacheTtlBounds = str('cache-ttl-bounds') as CacheTtlBounds;
  if (list('custom-provider') !== undefined) options.customProviders = { ...options.customProviders, ...customProviders(list('custom-provider')!) };
  const limits: Record<string, number> = { ...options.upstreamOptions?.limits };
  for (const entry of list('limit') ?? []) {
    const eq = entry.indexOf('=');
    if (eq <= 0 || entry.slice(eq + 1).trim() === '') throw new FlagError(`--limit: expected name=value, got ${entry}`);
    limits[entry.slice(0, eq)] = Number(entry.slice(eq + 1));
  }
  options.upstreamOptions = { ...options.upstreamOptions, limits };
  return options;
}

/** `a (authenticated), b`: each gateway with the settings worth a glance. */
function describeGateways(gateways: Record<string, EmulatorGatewaySettings>): string {
  return Object.entries(gateways)
    .map(([id, settings]) => {
      const notes = [
        ...(settings.authentication === true ? ['authenticated'] : []),
        ...(settings.byok !== undefined && Object.keys(settings.byok).length > 0 ? [`stored keys ${Object.keys(settings.byok).join(' ')}`] : []),
        ...(settings.unifiedBilling !== undefined ? ['Unified Billing'] : []),
      ];
      return notes.length > 0 ? `${id} (${notes.join(', ')})` : id;
    })
    .join(', ');
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        config: { type: 'string', short: 'c' },
        port: { type: 'string' },
        host: { type: 'string' },
        account: { type: 'string' },
        gateway: { type: 'string', multiple: true },
        token: { type: 'string' },
        auth: { type: 'boolean' },
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
  } catch (error) {
    throw new FlagError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help === true) {
    console.log(HELP);
    return;
  }
  const options = await resolveOptions(values);
  const emulator = await startEmulator({ ...options, logger: (call) => console.log(formatCallLine({ call })) });
  console.log(`aigw-emulator listening on ${emulator.baseURL}`);
  console.log(`account ${emulator.accountId}; gateways ${describeGateways(options.gateways ?? {})}`);
  if (typeof values.config === 'string') console.log(`config ${values.config}`);
  console.log(`log viewer ${emulator.viewerURL}`);
  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`aigw-emulator: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof EmulatorConfigError) console.error('The config file format: aigw-emulator --help');
  else console.error(USAGE);
  process.exit(1);
});
