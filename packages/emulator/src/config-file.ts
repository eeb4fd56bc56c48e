import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EmulatorGatewaySettings } from './emulator-types.js';
import type { EmulatorOptions } from './start-emulator.js';
import { MAX_SSE_PADDING } from './emulator-controls.js';
import { DEFAULT_UPSTREAM_LIMITS } from './upstreams/limits.js';

/**
 * A bad emulator config file: the message names the file and the field, e.g.
 * `emulator.config.json: gateways.main.rateLimit.limit must be a positive integer, got "10"`.
 * It never contains a stored key or the token.
 */
export class EmulatorConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmulatorConfigError';
  }
}

/** Fields of a config file's top level (the options of `startEmulator` that data can express). */
const TOP_FIELDS = [
  'port',
  'host',
  'accountId',
  'token',
  'gateways',
  'onAllStepsFailed',
  'ids',
  'ssePadding',
  'cacheTtlBounds',
  'otelSpans',
  'customProviders',
  'limits',
  'prices',
  'logDelayMs',
  'recordLimit',
] as const;

/** Fields of one gateway's settings (`EmulatorGatewaySettings`). */
const GATEWAY_FIELDS = [
  'authentication',
  'cacheTtl',
  'collectLog',
  'rateLimit',
  'byok',
  'dynamicRoutes',
  'policies',
  'byokOnly',
  'unifiedBilling',
  'guardrails',
  'workersAiBusy',
  'autoRouter',
] as const;

type Json = Record<string, unknown>;

/** How a value is shown in an error: its JSON for plain data, only its kind for secrets. */
function shown(value: unknown, secret = false): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (secret) return `a ${typeof value}`;
  const text = JSON.stringify(value) ?? typeof value;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Checks a config value at `path` (`gateways.main.cacheTtl`), throwing one error naming the file and the field. */
class Checker {
  constructor(private readonly source: string) {}

  fail(path: string, must: string, value: unknown, secret = false): never {
    throw new EmulatorConfigError(`${this.source}: ${path === '' ? 'the config' : path} ${must}, got ${shown(value, secret)}`);
  }

  object(path: string, value: unknown, fields?: readonly string[]): Json {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) this.fail(path, 'must be an object', value);
    if (fields !== undefined) {
      for (const key of Object.keys(value)) {
        if (!fields.includes(key)) throw new EmulatorConfigError(`${this.source}: ${path === '' ? '' : `${path}.`}${key} is not a known field (known: ${fields.join(', ')})`);
      }
    }
    return value as Json;
  }

  boolean(path: string, value: unknown): boolean {
    if (typeof value !== 'boolean') this.fail(path, 'must be true or false', value);
    return value;
  }

  integer(path: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
      this.fail(path, max === Number.MAX_SAFE_INTEGER ? `must be an integer of at least ${min}` : `must be an integer from ${min} to ${max}`, value);
    }
    return value;
  }

  number(path: string, value: unknown): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) this.fail(path, 'must be a number of at least 0', value);
    return value;
  }

  string(path: string, value: unknown, secret = false): string {
    if (typeof value !== 'string' || value === '') this.fail(path, 'must be a non-empty string', value, secret);
    return value;
  }

  oneOf<T extends string>(path: string, value: unknown, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !allowed.includes(value as T)) this.fail(path, `must be ${allowed.slice(0, -1).map((a) => `'${a}'`).join(', ')} or '${allowed.at(-1)}'`, value);
    return value as T;
  }

  strings(path: string, value: unknown): string[] {
    if (!Array.isArray(value)) this.fail(path, 'must be an array of strings', value);
    value.forEach((item, i) => this.string(`${path}[${i}]`, item));
    return value as string[];
  }

  models(path: string, value: unknown, nonEmpty: boolean): string[] {
    const models = this.strings(path, value);
    if (nonEmpty && models.length === 0) this.fail(path, "must list at least one 'provider/model'", value);
    models.forEach((model, i) => this.model(`${path}[${i}]`, model));
    return models;
  }

  model(path: string, value: unknown): string {
    const model = this.string(path, value);
    if (model.indexOf('/') <= 0 || model.endsWith('/')) this.fail(path, "must be 'provider/model'", value);
    return model;
  }

  window(path: string, value: unknown): { limit: number; intervalMs: number } {
    const o = this.object(path, value, ['limit', 'intervalMs']);
    return { limit: this.integer(`${path}.limit`, o.limit, 1), intervalMs: this.integer(`${path}.intervalMs`, o.intervalMs, 1) };
  }

  gateway(path: string, value: unknown): EmulatorGatewaySettings {
    const o = this.object(path, value, GATEWAY_FIELDS);
    const out: EmulatorGatewaySettings = {};
    const at = (field: string) => `${path}.${field}`;
    if (o.authentication !== undefined) out.authentication = this.boolean(at('authentication'), o.authentication);
    if (o.cacheTtl !== undefined) out.cacheTtl = this.integer(at('cacheTtl'), o.cacheTtl, 0);
    if (o.collectLog !== undefined) out.collectLog = this.boolean(at('collectLog'), o.collectLog);
    if (o.rateLimit !== undefined) out.rateLimit = this.window(at('rateLimit'), o.rateLimit);
    if (o.byok !== undefined) {
      const byok = this.object(at('byok'), o.byok);
      out.byok = {};
      for (const [provider, keys] of Object.entries(byok)) {
        const where = `${at('byok')}.${provider}`;
        if (typeof keys === 'string') out.byok[provider] = this.string(where, keys, true);
        else {
          if (keys === null || typeof keys !== 'object' || Array.isArray(keys)) this.fail(where, 'must be a key or an object of alias → key', keys, true);
          const aliases: Record<string, string> = {};
          for (const [alias, key] of Object.entries(keys)) aliases[alias] = this.string(`${where}.${alias}`, key, true);
          out.byok[provider] = aliases;
        }
      }
    }
    if (o.dynamicRoutes !== undefined) {
      const routes = this.object(at('dynamicRoutes'), o.dynamicRoutes);
      out.dynamicRoutes = Object.fromEntries(Object.entries(routes).map(([name, targets]) => [name, this.models(`${at('dynamicRoutes')}.${name}`, targets, true)]));
    }
    if (o.policies !== undefined) {
      const policies = this.object(at('policies'), o.policies, ['deny', 'spendCaps']);
      out.policies = {};
      if (policies.deny !== undefined) {
        const where = `${at('policies')}.deny`;
        if (!Array.isArray(policies.deny)) this.fail(where, 'must be an array of metadata records', policies.deny);
        out.policies.deny = policies.deny.map((record: unknown, i) => {
          const entries = this.object(`${where}[${i}]`, record);
          for (const [key, v] of Object.entries(entries)) {
            if (!['string', 'number', 'boolean'].includes(typeof v)) this.fail(`${where}[${i}].${key}`, 'must be a string, number or boolean', v);
          }
          return entries as Record<string, string | number | boolean>;
        });
      }
      if (policies.spendCaps !== undefined) {
        const where = `${at('policies')}.spendCaps`;
        if (!Array.isArray(policies.spendCaps)) this.fail(where, 'must be an array of { metadataKey?, limit }', policies.spendCaps);
        out.policies.spendCaps = policies.spendCaps.map((cap: unknown, i) => {
          const c = this.object(`${where}[${i}]`, cap, ['metadataKey', 'limit']);
          return { limit: this.number(`${where}[${i}].limit`, c.limit), ...(c.metadataKey !== undefined ? { metadataKey: this.string(`${where}[${i}].metadataKey`, c.metadataKey) } : {}) };
        });
      }
    }
    if (o.byokOnly !== undefined) out.byokOnly = this.boolean(at('byokOnly'), o.byokOnly);
    if (o.unifiedBilling !== undefined) {
      const billing = this.object(at('unifiedBilling'), o.unifiedBilling, ['rateLimit', 'retryAfter']);
      out.unifiedBilling = {
        ...(billing.rateLimit !== undefined ? { rateLimit: this.window(`${at('unifiedBilling')}.rateLimit`, billing.rateLimit) } : {}),
        ...(billing.retryAfter !== undefined ? { retryAfter: this.integer(`${at('unifiedBilling')}.retryAfter`, billing.retryAfter, 0) } : {}),
      };
    }
    if (o.guardrails !== undefined) {
      const g = this.object(at('guardrails'), o.guardrails, ['blockPrompt', 'blockResponse', 'scanner']);
      out.guardrails = {
        ...(g.blockPrompt !== undefined ? { blockPrompt: this.strings(`${at('guardrails')}.blockPrompt`, g.blockPrompt) } : {}),
        ...(g.blockResponse !== undefined ? { blockResponse: this.strings(`${at('guardrails')}.blockResponse`, g.blockResponse) } : {}),
        ...(g.scanner !== undefined ? { scanner: this.oneOf(`${at('guardrails')}.scanner`, g.scanner, ['ok', 'no-credits', 'unavailable'] as const) } : {}),
      };
    }
    if (o.workersAiBusy !== undefined) {
      if (typeof o.workersAiBusy === 'boolean') out.workersAiBusy = o.workersAiBusy;
      else {
        if (o.workersAiBusy === null || typeof o.workersAiBusy !== 'object' || Array.isArray(o.workersAiBusy)) this.fail(at('workersAiBusy'), 'must be true, false or { retryAfter? }', o.workersAiBusy);
        const busy = this.object(at('workersAiBusy'), o.workersAiBusy, ['retryAfter']);
        out.workersAiBusy = busy.retryAfter !== undefined ? { retryAfter: this.integer(`${at('workersAiBusy')}.retryAfter`, busy.retryAfter, 0) } : {};
      }
    }
    if (o.autoRouter !== undefined) {
      const r = this.object(at('autoRouter'), o.autoRouter, ['pool', 'fallbackModel', 'unavailable']);
      out.autoRouter = {
        pool: this.models(`${at('autoRouter')}.pool`, r.pool, true),
        ...(r.fallbackModel !== undefined ? { fallbackModel: this.model(`${at('autoRouter')}.fallbackModel`, r.fallbackModel) } : {}),
        ...(r.unavailable !== undefined ? { unavailable: this.models(`${at('autoRouter')}.unavailable`, r.unavailable, false) } : {}),
      };
    }
    return out;
  }
}

/**
 * Checks the contents of a config file and turns them into `startEmulator` options: the top-level
 * fields are the options of the same names, except `limits`, which becomes `upstreamOptions.limits`.
 * `source` (the file's name) starts every error message. Unknown fields are errors, so a typo is
 * reported instead of ignored.
 */
export function emulatorOptionsFromConfig(options: { config: unknown; source: string }): EmulatorOptions {
  const check = new Checker(options.source);
  const o = check.object('', options.config, TOP_FIELDS);
  const out: EmulatorOptions = {};
  if (o.port !== undefined) out.port = check.integer('port', o.port, 0, 65535);
  if (o.host !== undefined) out.host = check.string('host', o.host);
  if (o.accountId !== undefined) out.accountId = check.string('accountId', o.accountId);
  if (o.token !== undefined) out.token = check.string('token', o.token, true);
  if (o.gateways !== undefined) {
    const gateways = check.object('gateways', o.gateways);
    if (Object.keys(gateways).length === 0) check.fail('gateways', 'must name at least one gateway', gateways);
    out.gateways = {};
    for (const [id, settings] of Object.entries(gateways)) {
      if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new EmulatorConfigError(`${options.source}: gateways: '${id}' is not a gateway id (letters, digits, '-' and '_')`);
      out.gateways[id] = check.gateway(`gateways.${id}`, settings);
    }
  }
  if (o.onAllStepsFailed !== undefined) out.onAllStepsFailed = check.oneOf('onAllStepsFailed', o.onAllStepsFailed, ['last-response', 'gateway-error'] as const);
  if (o.ids !== undefined) out.ids = check.oneOf('ids', o.ids, ['uuidv7', 'ulid'] as const);
  if (o.ssePadding !== undefined) out.ssePadding = check.integer('ssePadding', o.ssePadding, 0, MAX_SSE_PADDING);
  if (o.cacheTtlBounds !== undefined) out.cacheTtlBounds = check.oneOf('cacheTtlBounds', o.cacheTtlBounds, ['clamp', 'reject', 'off'] as const);
  if (o.otelSpans !== undefined) out.otelSpans = check.boolean('otelSpans', o.otelSpans);
  if (o.customProviders !== undefined) {
    const custom = check.object('customProviders', o.customProviders);
    out.customProviders = {};
    for (const [slug, provider] of Object.entries(custom)) {
      if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) throw new EmulatorConfigError(`${options.source}: customProviders: '${slug}' is not a slug (lower-case letters, digits and single hyphens)`);
      const p = check.object(`customProviders.${slug}`, provider, ['baseURL']);
      if (p.baseURL !== undefined && (typeof p.baseURL !== 'string' || !/^https?:\/\/[^/]/.test(p.baseURL))) check.fail(`customProviders.${slug}.baseURL`, 'must be an http(s) URL', p.baseURL);
      out.customProviders[slug] = p.baseURL !== undefined ? { baseURL: p.baseURL as string } : {};
    }
  }
  if (o.limits !== undefined) {
    const limits = check.object('limits', o.limits, Object.keys(DEFAULT_UPSTREAM_LIMITS));
    out.upstreamOptions = { limits: Object.fromEntries(Object.entries(limits).map(([name, value]) => [name, check.integer(`limits.${name}`, value, 1)])) };
  }
  if (o.prices !== undefined) {
    const prices = check.object('prices', o.prices);
    out.prices = {};
    for (const [model, price] of Object.entries(prices)) {
      const p = check.object(`prices.${model}`, price, ['input', 'output']);
      out.prices[model] = { input: check.number(`prices.${model}.input`, p.input), output: check.number(`prices.${model}.output`, p.output) };
    }
  }
  if (o.logDelayMs !== undefined) out.logDelayMs = check.integer('logDelayMs', o.logDelayMs, 0);
  if (o.recordLimit !== undefined) out.recordLimit = check.integer('recordLimit', o.recordLimit, 1);
  return out;
}

/**
 * Reads an emulator config file and checks it (see `emulatorOptionsFromConfig`): `.json`, or
 * `.js`/`.mjs` whose default export is the config object. Throws an {@link EmulatorConfigError}
 * naming the file, and the field, when it cannot be read or a value is wrong.
 */
export async function readEmulatorConfig(path: string | URL): Promise<EmulatorOptions> {
  const file = typeof path === 'string' ? resolve(path) : path;
  const name = typeof path === 'string' ? path : fileURLToPath(path);
  const extension = extname(typeof file === 'string' ? file : file.pathname).toLowerCase();
  let config: unknown;
  if (extension === '.json') {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new EmulatorConfigError(`${name}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    try {
      config = JSON.parse(text);
    } catch (error) {
      throw new EmulatorConfigError(`${name}: not valid JSON: ${(error as Error).message}`);
    }
  } else if (extension === '.mjs' || extension === '.js') {
    try {
      const loaded = (await import(typeof file === 'string' ? pathToFileURL(file).href : file.href)) as { default?: unknown };
      config = loaded.default;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new EmulatorConfigError(`${name}: cannot be loaded (${code ?? (error as Error).message})`);
    }
    if (config === undefined) throw new EmulatorConfigError(`${name}: has no default export (export default { gateways: { ... } })`);
  } else {
    throw new EmulatorConfigError(`${name}: a config file ends in .json, .mjs or .js`);
  }
  return emulatorOptionsFromConfig({ config, source: name });
}
