import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createUlid } from './create-ulid.js';
import type { EmulatorCall, EmulatorGatewaySettings, GatewayLogEntry } from './emulator-types.js';
import { parseFaultHeader, type EmulatorFault, type EmulatorFaultRule, type FaultStore } from './fault-controls.js';
import { gatewayErrorBody, type GatewayErrorSpec } from './gateway-error.js';
import { handleLogRequest } from './handle-log-request.js';
import { parseMetadata } from './parse-metadata.js';
import type { RateLimiter } from './rate-limiter.js';
import { redactHeaders } from './redact-headers.js';
import { defaultCacheKey, type ResponseCache } from './response-cache.js';
import type { UpstreamResponse, Upstreams } from './upstreams/index.js';

/** What the gateway does when every step of a fallback chain failed. */
export type AllStepsFailedPolicy = 'last-response' | 'gateway-error';

/** The shared state one request handler works on. */
export interface GatewayState {
  accountId: string;
  token: string;
  gateways: Map<string, EmulatorGatewaySettings>;
  autoCreated: Set<string>;
  upstreams: Upstreams;
  cache: ResponseCache;
  rateLimiter: RateLimiter;
  faults: FaultStore;
  logs: Map<string, GatewayLogEntry>;
  record: (call: EmulatorCall, log: GatewayLogEntry | undefined) => void;
  onAllStepsFailed: AllStepsFailedPolicy;
  now: () => number;
  /** Aborted when the emulator closes. */
  closing: AbortSignal;
}

const PROVIDER_AUTH_HEADERS = ['authorization', 'x-api-key', 'api-key', 'x-goog-api-key'];
const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade', 'te', 'trailer', 'proxy-connection', 'expect']);
const HEAD_LIMIT = 4096;
const DEFAULT_CACHE_KEY_TTL_SECONDS = 300;
const MAX_ATTEMPTS = 5;
const MAX_RETRY_DELAY_MS = 5000;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

interface Target {
  provider: string;
  endpoint: string;
  method: string;
  headers: Record<string, string>;
  body: Uint8Array;
  /** Provider whose stored keys apply (the prefix of a compat model). */
  keyProvider: string;
  /** Set for dynamic-route targets: the values of cf-aig-provider / cf-aig-model. */
  route?: { provider: string; model: string };
}

interface Step {
  index: number;
  /** Merged cf-aig-* headers: config > step > request > gateway. */
  cf: Record<string, string>;
  targets: Target[];
  fault: EmulatorFault | undefined;
}

interface Answer {
  step: number;
  status: number;
  headers: Record<string, string>;
  body: UpstreamResponse['body'];
  cacheStatus: 'HIT' | 'MISS' | null;
  target: Target;
  fault: EmulatorFault;
  /** Where to store a whole 2xx body, when caching applies. */
  store?: { key: string; ttlSeconds: number };
}

type StepOutcome =
  | { kind: 'answer'; answer: Answer }
  | { kind: 'failed'; answer: Answer | undefined; timedOut: boolean }
  | { kind: 'gateway-error'; spec: GatewayErrorSpec }
  | { kind: 'reset' };

class GatewayError extends Error {
  readonly spec: GatewayErrorSpec;
  constructor(spec: GatewayErrorSpec) {
    super(`${spec.code}`);
    this.spec = spec;
  }
}

/** Answers one HTTP request to the emulator. */
export async function handleGatewayRequest(options: { state: GatewayState; req: IncomingMessage; res: ServerResponse }): Promise<void> {
  const exchange = new Exchange(options);
  try {
    await exchange.run();
  } catch (error) {
    try {
      exchange.fail(error);
    } catch {
      options.res.destroy();
    }
  }
}

class Exchange {
  readonly state: GatewayState;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly started = performance.now();
  readonly headers: Record<string, string>;
  readonly controller = new AbortController();
  readonly call: EmulatorCall;
  readonly usedRules = new Set<EmulatorFaultRule>();
  readonly rules: readonly EmulatorFaultRule[];
  settings: EmulatorGatewaySettings | undefined;
  outerFault: EmulatorFault | undefined;
  steps: Step[] = [];
  requestBody: Uint8Array = new Uint8Array();
  recorded = false;

  constructor(options: { state: GatewayState; req: IncomingMessage; res: ServerResponse }) {
    this.state = options.state;
    this.req = options.req;
    this.res = options.res;
    this.headers = headerRecord(options.req);
    this.rules = this.state.faults.snapshot();
    const abort = () => this.controller.abort();
    options.res.once('close', abort);
    if (this.state.closing.aborted) abort();
    else this.state.closing.addEventListener('abort', abort, { once: true });
    options.res.once('close', () => this.state.closing.removeEventListener('abort', abort));
    this.call = {
      logId: createUlid({ now: this.state.now() }),
      requestId: randomUUID(),
      eventId: this.headers['cf-aig-event-id'] ?? randomUUID(),
      method: options.req.method ?? 'GET',
      path: options.req.url ?? '/',
      kind: 'unknown',
      stepsTried: [],
      step: null,
      status: 0,
      cacheStatus: null,
      ms: 0,
      attempts: [],
      requestHeaders: redactHeaders(this.headers),
    };
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  async run(): Promise<void> {
    const url = new URL(this.call.path, 'http://emulator.invalid');
    const segments = url.pathname.split('/').filter((s) => s !== '').map(decodeURIComponent);
    const rest = /^\/client\/v4\/accounts\/([^/]+)\/ai-gateway\/gateways\/([^/]+)\/(logs(?:\/.*)?)$/.exec(url.pathname);
    let account: string | undefined;
    let gateway: string | undefined;
    let tail: string[];
    if (rest !== null) {
      account = decodeURIComponent(rest[1] ?? '');
      gateway = decodeURIComponent(rest[2] ?? '');
      tail = (rest[3] ?? '').split('/').filter((s) => s !== '');
    } else if (segments[0] === 'v1' && segments.length >= 3) {
      account = segments[1];
      gateway = segments[2];
      tail = segments.slice(3);
    } else {
      this.sendV4NotFound();
      return;
    }
    this.call.gateway = gateway;
    if (tail[0] === 'logs' && (rest !== null || tail.length <= 2)) this.call.kind = 'logs';
    const settings = this.resolveGateway(account ?? '', gateway ?? '');
    if (settings === undefined) throw new GatewayError({ code: 2001 });
    this.settings = settings;
    if (settings.authentication === true && !this.hasValidToken()) throw new GatewayError({ code: 2009 });

    if (this.call.kind === 'logs') {
      this.requestBody = await this.readBody();
      const answer = handleLogRequest({
        logs: this.state.logs,
        method: this.call.method,
        id: tail[1],
        body: this.requestBody,
      });
      this.call.status = answer.status;
      this.finish();
      this.res.writeHead(answer.status, { 'content-type': 'application/json', ...this.baseHeaders('0') });
      this.res.end(answer.body);
      return;
    }

    const limit = settings.rateLimit;
    if (limit !== undefined && !this.state.rateLimiter.allow({ gateway: gateway ?? '', limit: limit.limit, intervalMs: limit.intervalMs })) {
      throw new GatewayError({ code: 2003 });
    }
    this.outerFault = parseFault(this.headers['x-emulator-fault']);
    this.requestBody = await this.readBody();
    const providerPath = url.pathname.split('/').slice(4).join('/') + url.search;
    this.steps = this.plan(tail, providerPath);
    if (this.steps.length === 0) {
      this.sendV4NotFound();
      return;
    }
    await this.runSteps();
  }

  resolveGateway(account: string, gateway: string): EmulatorGatewaySettings | undefined {
    if (account !== this.state.accountId) return undefined;
    const found = this.state.gateways.get(gateway);
    if (found !== undefined) return found;
    if (gateway === 'default' && this.hasValidToken()) {
      const created: EmulatorGatewaySettings = { authentication: true, collectLog: true, cacheTtl: 0 };
      this.state.gateways.set(gateway, created);
      this.state.autoCreated.add(gateway);
      return created;
    }
    return undefined;
  }

  hasValidToken(): boolean {
    const expected = `Bearer ${this.state.token}`;
    return this.headers['cf-aig-authorization'] === expected || (this.call.kind === 'logs' && this.headers.authorization === expected);
  }

  /** Turns the request into the steps to try. */
  plan(tail: string[], providerPath: string): Step[] {
    const requestCf = cfHeaders(this.headers);
    if (tail.length === 0) {
      if (this.call.method !== 'POST') return [];
      this.call.kind = 'universal';
      let parsed: unknown;
      try {
        parsed = JSON.parse(decoder.decode(this.requestBody));
      } catch {
        throw new GatewayError({ code: 2005, message: 'Failed to get response from provider: the body is not JSON' });
      }
      const list: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
      if (list.length === 0) throw new GatewayError({ code: 2008, message: 'Invalid provider' });
      return list.map((raw, index) => this.planUniversalStep(raw, index, requestCf));
    }
    const provider = tail[0] ?? '';
    const endpoint = providerPath.slice(provider.length + 1);
    const headers = providerHeaders(this.headers);
    const cf = this.mergeCf([requestCf]);
    if (provider === 'compat') {
      this.call.kind = 'compat';
      const body = parseJsonObject(this.requestBody);
      const compatEndpoint = endpoint.replace(/^v1\//, '');
      return [{ index: 0, cf, fault: undefined, targets: this.compatTargets({ body, endpoint: compatEndpoint, headers, method: this.call.method }) }];
    }
    this.call.kind = 'provider';
    if (!this.state.upstreams.knows(provider)) throw new GatewayError({ code: 2008 });
    return [
      {
        index: 0,
        cf,
        fault: undefined,
        targets: [{ provider, endpoint, method: this.call.method, headers, body: this.requestBody, keyProvider: provider }],
      },
    ];
  }

  planUniversalStep(raw: unknown, index: number, requestCf: Record<string, string>): Step {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new GatewayError({ code: 2008 });
    const step = raw as { provider?: unknown; endpoint?: unknown; headers?: unknown; query?: unknown; config?: unknown };
    if (typeof step.provider !== 'string' || step.provider === '') throw new GatewayError({ code: 2008 });
    const endpoint = typeof step.endpoint === 'string' ? step.endpoint.replace(/^\//, '') : '';
    const rawHeaders: Record<string, unknown> = step.headers !== null && typeof step.headers === 'object' ? (step.headers as Record<string, unknown>) : {};
    const stepHeaders: Record<string, string> = {};
    let fault: EmulatorFault | undefined;
    for (const [name, value] of Object.entries(rawHeaders)) {
      const lower = name.toLowerCase();
      if (lower === 'x-emulator-fault') fault = parseFault(value);
      else if (value !== undefined && value !== null) stepHeaders[lower] = typeof value === 'string' ? value : JSON.stringify(value);
    }
    const cf = this.mergeCf([requestCf, cfHeaders(stepHeaders), configHeaders(step.config)]);
    const headers = providerHeaders(stepHeaders);
    const query = step.query;
    if (step.provider === 'compat') {
      if (query === null || typeof query !== 'object' || Array.isArray(query)) throw new GatewayError({ code: 2005 });
      return { index, cf, fault, targets: this.compatTargets({ body: query as Record<string, unknown>, endpoint, headers, method: 'POST' }) };
    }
    if (!this.state.upstreams.knows(step.provider)) throw new GatewayError({ code: 2008 });
    if (headers['content-type'] === undefined) headers['content-type'] = 'application/json';
    const body = query === undefined ? new Uint8Array() : encoder.encode(JSON.stringify(query));
    return { index, cf, fault, targets: [{ provider: step.provider, endpoint, method: 'POST', headers, body, keyProvider: step.provider }] };
  }

  compatTargets(options: { body: Record<string, unknown>; endpoint: string; headers: Record<string, string>; method: string }): Target[] {
    const model = options.body.model;
    const slash = typeof model === 'string' ? model.indexOf('/') : -1;
    if (typeof model !== 'string' || slash <= 0 || slash === model.length - 1) throw new GatewayError({ code: 2005 });
    const prefix = model.slice(0, slash);
    const rest = model.slice(slash + 1);
    const target = (provider: string, providerModel: string, route: boolean): Target => {
      const headers: Record<string, string> = { ...options.headers, 'x-emulator-compat-provider': provider };
      if (headers['content-type'] === undefined) headers['content-type'] = 'application/json';
      return {
        provider: 'compat',
        endpoint: options.endpoint,
        method: options.method,
        headers,
        body: encoder.encode(JSON.stringify({ ...options.body, model: providerModel })),
        keyProvider: provider,
        ...(route ? { route: { provider, model: providerModel } } : {}),
      };
    };
    if (prefix === 'dynamic') {
      const route = this.settings?.dynamicRoutes?.[rest];
      if (route === undefined || route.length === 0) throw new GatewayError({ code: 2008, message: `Invalid provider: no dynamic route named '${rest}'` });
      return route.map((entry) => {
        const cut = entry.indexOf('/');
        return target(entry.slice(0, cut), entry.slice(cut + 1), true);
      });
    }
    if (!this.state.upstreams.knows(prefix)) throw new GatewayError({ code: 2008 });
    return [target(prefix, rest, false)];
  }

  mergeCf(layers: Record<string, string>[]): Record<string, string> {
    const gateway: Record<string, string> = {};
    const ttl = this.settings?.cacheTtl ?? 0;
    if (ttl > 0) gateway['cf-aig-cache-ttl'] = String(ttl);
    gateway['cf-aig-collect-log'] = String(this.settings?.collectLog ?? true);
    return Object.assign(gateway, ...layers) as Record<string, string>;
  }

  async runSteps(): Promise<void> {
    let last: StepOutcome | undefined;
    for (const step of this.steps) {
      this.call.stepsTried.push(step.index);
      const outcome = await this.runStep(step);
      if (outcome.kind === 'gateway-error') {
        this.call.step = step.index;
        throw new GatewayError(outcome.spec);
      }
      if (outcome.kind === 'reset') {
        this.call.step = step.index;
        this.call.fault = 'reset';
        this.finish();
        this.req.socket.destroy();
        return;
      }
      if (outcome.kind === 'answer') {
        await this.send(outcome.answer);
        return;
      }
      if (last?.kind === 'failed' && last.answer !== undefined) discard(last.answer.body);
      last = outcome;
    }
    const lastIndex = this.steps.length - 1;
    if (last?.kind !== 'failed') return;
    this.call.step = lastIndex;
    if (last.timedOut || last.answer === undefined) {
      throw new GatewayError({ code: 2005, status: 504, message: 'Failed to get response from provider: request timed out' });
    }
    if (this.state.onAllStepsFailed === 'gateway-error' && this.steps.length > 1) {
      discard(last.answer.body);
      throw new GatewayError({ code: 2005, status: 502 });
    }
    await this.send(last.answer);
  }

  async runStep(step: Step): Promise<StepOutcome> {
    let failed: StepOutcome = { kind: 'failed', answer: undefined, timedOut: false };
    for (const target of step.targets) {
      if (failed.kind === 'failed' && failed.answer !== undefined) discard(failed.answer.body);
      const fault: EmulatorFault = {
        ...this.state.faults.match({ rules: this.rules, step: step.index, provider: target.keyProvider, used: this.usedRules }),
        ...this.outerFault,
        ...step.fault,
      };
      if (fault.gatewayError !== undefined) {
        this.call.step = step.index;
        const spec = typeof fault.gatewayError === 'number' ? { code: fault.gatewayError } : fault.gatewayError;
        return { kind: 'gateway-error', spec };
      }
      if (fault.reset === true) return { kind: 'reset' };
      const outcome = await this.runTarget(step, target, fault);
      if (outcome.kind !== 'failed') return outcome;
      failed = outcome;
    }
    return failed;
  }

  async runTarget(step: Step, target: Target, fault: EmulatorFault): Promise<StepOutcome> {
    const cf = step.cf;
    const byok = this.useStoredKey(target, cf['cf-aig-byok-alias']);
    if (byok.error !== undefined) return { kind: 'gateway-error', spec: byok.error };
    const headers = byok.headers;

    const skipCache = cf['cf-aig-skip-cache'] === 'true';
    const cacheKeyHeader = cf['cf-aig-cache-key'];
    let ttl = toNumber(cf['cf-aig-cache-ttl']) ?? 0;
    if (ttl <= 0 && cacheKeyHeader !== undefined && cacheKeyHeader !== '') ttl = DEFAULT_CACHE_KEY_TTL_SECONDS;
    const caching = !skipCache && ttl > 0;
    const gateway = this.call.gateway ?? '';
    const cacheKey = caching
      ? cacheKeyHeader !== undefined && cacheKeyHeader !== ''
        ? `${gateway}:key:${cacheKeyHeader}`
        : defaultCacheKey({ gateway, provider: target.provider, endpoint: target.endpoint, auth: authValue(headers), body: target.body })
      : undefined;
    const base = { step: step.index, provider: target.provider, endpoint: target.endpoint, byok: byok.byok, headers: redactHeaders(headers) };
    if (cacheKey !== undefined) {
      const hit = this.state.cache.get(cacheKey);
      if (hit !== undefined) {
        this.call.attempts.push({ ...base, attempt: 1, outcome: 'cache-hit', status: hit.status, at: Math.round(performance.now() - this.started), ms: 0 });
        return {
          kind: 'answer',
          answer: { step: step.index, status: hit.status, headers: hit.headers, body: hit.body, cacheStatus: 'HIT', target, fault },
        };
      }
    }

    const maxAttempts = clamp(toNumber(cf['cf-aig-max-attempts']) ?? 1, 1, MAX_ATTEMPTS);
    const retryDelay = clamp(toNumber(cf['cf-aig-retry-delay']) ?? 0, 0, MAX_RETRY_DELAY_MS);
    const backoff = cf['cf-aig-backoff'] ?? 'constant';
    const timeoutMs = toNumber(cf['cf-aig-request-timeout']);
    let failure: StepOutcome = { kind: 'failed', answer: undefined, timedOut: false };
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const started = performance.now();
      const result = await this.attempt({ target, headers, byok: byok.byok, fault, attempt, timeoutMs });
      const ms = Math.round(performance.now() - started);
      const at = Math.round(started - this.started);
      const cacheStatus = cacheKey !== undefined ? 'MISS' : null;
      if (result === 'timeout') {
        this.call.attempts.push({ ...base, attempt, outcome: 'timeout', at, ms });
        failure = { kind: 'failed', answer: undefined, timedOut: true };
      } else {
        this.call.attempts.push({ ...base, attempt, outcome: 'response', status: result.status, at, ms });
        const answer: Answer = { step: step.index, status: result.status, headers: result.headers, body: result.body, cacheStatus, target, fault };
        if (result.status >= 200 && result.status < 300) {
          const faulted = Object.keys(fault).length > 0;
          if (cacheKey !== undefined && !faulted) answer.store = { key: cacheKey, ttlSeconds: ttl };
          return { kind: 'answer', answer };
        }
        failure = { kind: 'failed', answer, timedOut: false };
        if (!(result.status === 429 || result.status >= 500)) return failure;
      }
      if (attempt < maxAttempts) {
        if (failure.kind === 'failed' && failure.answer !== undefined) discard(failure.answer.body);
        const delay = retryDelayFor({ base: retryDelay, backoff, attempt });
        const record = this.call.attempts.at(-1);
        if (record !== undefined) record.retryDelayMs = delay;
        await sleep(delay, undefined, { signal: this.signal });
      }
    }
    return failure;
  }

  useStoredKey(target: Target, alias: string | undefined): { headers: Record<string, string>; byok: boolean; error?: GatewayErrorSpec } {
    const headers = { ...target.headers };
    const cfToken = `Bearer ${this.state.token}`;
    // A Cloudflare token in the provider's key slot is not a provider key [inferred, PROTOCOL §5].
    for (const name of PROVIDER_AUTH_HEADERS) {
      if (headers[name] === cfToken || headers[name] === this.state.token) delete headers[name];
    }
    const hasKey = PROVIDER_AUTH_HEADERS.some((name) => headers[name] !== undefined) || Object.keys(headers).some((name) => name.startsWith('x-amz-'));
    if (hasKey) return { headers: target.headers, byok: false };
    const stored = this.settings?.byok?.[target.keyProvider];
    const aliases: Record<string, string> = typeof stored === 'string' ? { default: stored } : (stored ?? {});
    if (alias !== undefined && aliases[alias] === undefined) {
      const names = Object.keys(aliases);
      return {
        headers,
        byok: false,
        error: {
          code: 2040,
          message: `Provider '${target.keyProvider}' has no BYOK credential named '${alias}'. Configured aliases: ${names.length > 0 ? names.join(', ') : 'none'}`,
        },
      };
    }
    const useStored = aliases[alias ?? 'default'] !== undefined;
    return { headers: useStored ? headers : target.headers, byok: useStored };
  }

  /** One upstream attempt; 'timeout' when no header arrived within the request timeout. */
  async attempt(options: {
    target: Target;
    headers: Record<string, string>;
    byok: boolean;
    fault: EmulatorFault;
    attempt: number;
    timeoutMs: number | undefined;
  }): Promise<UpstreamResponse | 'timeout'> {
    const { target, fault } = options;
    const controller = new AbortController();
    const abort = () => controller.abort();
    this.signal.addEventListener('abort', abort, { once: true });
    const work = (async (): Promise<UpstreamResponse> => {
      if (fault.firstByteDelayMs !== undefined && fault.firstByteDelayMs > 0) {
        await sleep(fault.firstByteDelayMs, undefined, { signal: controller.signal });
      }
      const failing = fault.failAttempts !== undefined ? options.attempt <= fault.failAttempts : fault.status !== undefined;
      if (failing) return emulatedFailure(fault.status ?? 503);
      if (fault.malformed === true) {
        return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":"emulated","object":"chat.completion","choices":[{"message":{"content":"trunc' };
      }
      try {
        return await this.state.upstreams.handle({
          provider: target.provider,
          endpoint: target.endpoint,
          method: target.method,
          headers: options.headers,
          body: target.body,
          byok: options.byok,
          signal: controller.signal,
        });
      } catch (error) {
        if (controller.signal.aborted) throw error;
        return emulatedFailure(502, `emulated upstream error: ${error instanceof Error ? error.message : String(error)}`);
      }
    })();
    if (options.timeoutMs === undefined || options.timeoutMs <= 0) {
      try {
        return await work;
      } finally {
        if (this.signal.aborted) controller.abort();
      }
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), options.timeoutMs);
    });
    try {
      const result = await Promise.race([work, timeout]);
      if (result === 'timeout') {
        controller.abort();
        work.then((late) => discard(late.body)).catch(() => undefined);
        if (this.signal.aborted) throw new Error('request aborted');
      }
      return result;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Writes an answer (whole or streamed) to the client, with the gateway's headers. */
  async send(answer: Answer): Promise<void> {
    this.call.step = answer.step;
    this.call.cacheStatus = answer.cacheStatus;
    const fault = answer.fault;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      const lower = name.toLowerCase();
      if (!HOP_BY_HOP.has(lower) && !lower.startsWith('cf-aig-')) headers[lower] = value;
    }
    Object.assign(headers, this.baseHeaders(fault.stepHeader ?? String(answer.step)));
    if (answer.cacheStatus !== null) headers['cf-aig-cache-status'] = answer.cacheStatus;
    if (answer.target.route !== undefined) {
      headers['cf-aig-model'] = answer.target.route.model;
      headers['cf-aig-provider'] = answer.target.route.provider;
    }
    this.call.status = answer.status;
    const res = this.res;
    const body = answer.body;
    if (typeof body === 'string' || body instanceof Uint8Array) {
      const bytes = typeof body === 'string' ? encoder.encode(body) : body;
      if (answer.store !== undefined && !isEventStream(headers)) {
        this.state.cache.set({ key: answer.store.key, ttlSeconds: answer.store.ttlSeconds, answer: { status: answer.status, headers: answer.headers, body: bytes } });
      }
      if (fault.dropAfterEvents === 0) {
        res.writeHead(answer.status, headers);
        res.flushHeaders();
        this.call.fault = 'dropped';
        this.finish({ answer, responseBytes: new Uint8Array() });
        dropConnection(res);
        return;
      }
      headers['content-length'] = String(bytes.byteLength);
      res.writeHead(answer.status, headers);
      this.finish({ answer, responseBytes: bytes });
      res.end(bytes);
      return;
    }
    res.writeHead(answer.status, headers);
    res.flushHeaders();
    const head: Uint8Array[] = [];
    let size = 0;
    let events = 0;
    const iterator = body[Symbol.asyncIterator]();
    try {
      if (fault.dropAfterEvents === 0) {
        this.call.fault = 'dropped';
        this.finish({ answer, responseBytes: new Uint8Array(), responseSize: 0 });
        dropConnection(res);
        return;
      }
      for (;;) {
        if (events > 0 && fault.chunkDelayMs !== undefined && fault.chunkDelayMs > 0) {
          await sleep(fault.chunkDelayMs, undefined, { signal: this.signal });
        }
        const next = await iterator.next();
        if (next.done === true || this.signal.aborted) break;
        const chunk = typeof next.value === 'string' ? encoder.encode(next.value) : next.value;
        size += chunk.byteLength;
        if (size - chunk.byteLength < HEAD_LIMIT) head.push(chunk);
        events += 1;
        const flushed = new Promise<void>((resolve) => res.write(chunk, () => resolve()));
        if (res.writableNeedDrain) await once(res, 'drain', { signal: this.signal });
        if (fault.dropAfterEvents !== undefined && events >= fault.dropAfterEvents) await flushed;
        if (fault.dropAfterEvents !== undefined && events >= fault.dropAfterEvents) {
          this.call.fault = 'dropped';
          this.finish({ answer, responseBytes: concat(head), responseSize: size });
          dropConnection(res);
          return;
        }
      }
    } finally {
      void iterator.return?.()?.catch?.(() => undefined);
    }
    this.finish({ answer, responseBytes: concat(head), responseSize: size });
    res.end();
  }

  baseHeaders(step: string): Record<string, string> {
    return {
      'cf-aig-step': step,
      'cf-aig-log-id': this.call.logId,
      'cf-aig-event-id': this.eventId(),
      'cf-aig-request-id': this.call.requestId,
    };
  }

  eventId(): string {
    const fromStep = this.steps[this.call.step ?? 0]?.cf['cf-aig-event-id'];
    if (fromStep !== undefined) this.call.eventId = fromStep;
    return this.call.eventId;
  }

  /** Records the call (and its log entry) once; called just before the last byte is written. */
  finish(options?: { answer: Answer; responseBytes: Uint8Array; responseSize?: number }): void {
    if (this.recorded) return;
    this.recorded = true;
    this.call.ms = Math.round(performance.now() - this.started);
    if (this.call.kind === 'logs') {
      this.state.record(this.call, undefined);
      return;
    }
    const step = this.steps[this.call.step ?? 0];
    const cf = step?.cf ?? this.mergeCf([cfHeaders(this.headers)]);
    // Requests refused before any step ran (auth, rate limit, bad body) leave no log entry.
    const collect = cf['cf-aig-collect-log'] !== 'false' && this.call.status !== 0 && this.call.stepsTried.length > 0;
    if (!collect) {
      this.state.record(this.call, undefined);
      return;
    }
    const answer = options?.answer;
    const target = answer?.target ?? step?.targets[0];
    const payload = cf['cf-aig-collect-log-payload'] !== 'false';
    const responseBytes = options?.responseBytes ?? new Uint8Array();
    const responseSize = options?.responseSize ?? responseBytes.byteLength;
    const requestBody = target?.body ?? this.requestBody;
    const tokens = answer !== undefined && options?.responseSize === undefined ? usageOf(responseBytes) : {};
    const cached = answer?.cacheStatus === 'HIT';
    const customCost = parseCustomCost(cf['cf-aig-custom-cost']);
    const entry: GatewayLogEntry = {
      id: this.call.logId,
      provider: target?.route?.provider ?? (target?.provider === 'compat' ? target.keyProvider : (target?.provider ?? '')),
      model: target !== undefined ? modelOf(target) : '',
      path: target?.endpoint ?? this.call.path,
      duration: this.call.ms,
      status_code: this.call.status,
      success: this.call.status >= 200 && this.call.status < 300,
      cached,
      ...tokens,
      metadata: parseMetadata({ header: cf['cf-aig-metadata'] }) ?? null,
      step: this.call.step ?? 0,
      cost: cached ? 0 : costOf(customCost, tokens),
      custom_cost: customCost !== undefined,
      request_size: requestBody.byteLength,
      request_head_complete: payload && requestBody.byteLength <= HEAD_LIMIT,
      response_size: responseSize,
      response_head_complete: payload && options?.responseSize === undefined && responseSize <= HEAD_LIMIT,
      created_at: new Date(this.state.now()).toISOString(),
    };
    const requestType = target?.headers['content-type'];
    if (requestType !== undefined) entry.request_content_type = requestType;
    const responseType = answer !== undefined ? lowerKeys(answer.headers)['content-type'] : 'application/json';
    if (responseType !== undefined) entry.response_content_type = responseType;
    if (payload) {
      entry.request_head = decoder.decode(requestBody.subarray(0, HEAD_LIMIT));
      entry.response_head = decoder.decode(responseBytes.subarray(0, HEAD_LIMIT));
    }
    this.state.record(this.call, entry);
  }

  /** Answers with a gateway error envelope, or gives up quietly when the client is gone. */
  fail(error: unknown): void {
    if (this.res.headersSent || this.res.destroyed || this.signal.aborted) {
      this.finish();
      if (!this.res.writableEnded) this.res.destroy();
      return;
    }
    let spec: GatewayErrorSpec;
    if (error instanceof GatewayError) spec = error.spec;
    else if (error instanceof FaultHeaderError) spec = { code: 2005, status: 400, message: error.message };
    else spec = { code: 2005, status: 500, message: `emulator failure: ${error instanceof Error ? error.message : String(error)}` };
    const { status, body } = gatewayErrorBody(spec);
    this.call.status = status;
    this.call.gatewayError = spec.code;
    this.finish();
    const step = this.call.step ?? 0;
    this.res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...this.baseHeaders(String(step)) });
    this.res.end(body);
  }

  sendV4NotFound(): void {
    const body = JSON.stringify({ result: null, success: false, errors: [{ code: 7000, message: 'No route for that URI' }], messages: [] });
    this.call.status = 404;
    this.recorded = true;
    this.call.ms = Math.round(performance.now() - this.started);
    this.state.record(this.call, undefined);
    this.res.writeHead(404, { 'content-type': 'application/json', ...this.baseHeaders('0') });
    this.res.end(body);
  }

  async readBody(): Promise<Uint8Array> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.req) chunks.push(chunk as Buffer);
    return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
  }
}

class FaultHeaderError extends Error {}

/** Cuts the connection mid-answer: what was written reaches the client, the rest never comes. */
function dropConnection(res: ServerResponse): void {
  const socket = res.socket;
  if (socket === null) return;
  socket.end();
  setTimeout(() => socket.destroy(), 1000).unref();
}

function parseFault(value: unknown): EmulatorFault | undefined {
  try {
    return parseFaultHeader({ value });
  } catch (error) {
    throw new FaultHeaderError(error instanceof Error ? error.message : 'bad x-emulator-fault');
  }
}

function headerRecord(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}

/** The cf-aig-* headers of a layer, with the deprecated aliases mapped (the cf-aig-* spelling wins). */
function cfHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers['cf-cache-ttl'] !== undefined) out['cf-aig-cache-ttl'] = headers['cf-cache-ttl'];
  if (headers['cf-skip-cache'] !== undefined) out['cf-aig-skip-cache'] = headers['cf-skip-cache'];
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('cf-aig-') && name !== 'cf-aig-authorization') out[name] = value;
  }
  return out;
}

/** A universal step's `config`, as the cf-aig-* headers it overrides. */
function configHeaders(config: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (config === null || typeof config !== 'object') return out;
  const c = config as Record<string, unknown>;
  const put = (name: string, value: unknown) => {
    if (typeof value === 'number' || typeof value === 'string') out[name] = String(value);
  };
  put('cf-aig-request-timeout', c.requestTimeout);
  put('cf-aig-max-attempts', c.maxAttempts);
  put('cf-aig-retry-delay', c.retryDelay);
  put('cf-aig-backoff', c.backoff);
  return out;
}

/** Headers for the upstream: everything but cf-aig-*, the deprecated aliases, hop-by-hop and the fault header. */
function providerHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('cf-aig-') || name === 'cf-cache-ttl' || name === 'cf-skip-cache' || name === 'x-emulator-fault' || HOP_BY_HOP.has(name)) continue;
    out[name] = value;
  }
  return out;
}

function authValue(headers: Record<string, string>): string {
  for (const name of PROVIDER_AUTH_HEADERS) {
    const value = headers[name];
    if (value !== undefined) return `${name}:${value}`;
  }
  return '';
}

function parseJsonObject(body: Uint8Array): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(decoder.decode(body));
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new GatewayError({ code: 2005 });
}

function toNumber(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.floor(value)));
}

/** Delay before retry number `attempt` (1 = after the first failed attempt). */
function retryDelayFor(options: { base: number; backoff: string; attempt: number }): number {
  if (options.backoff === 'linear') return options.base * options.attempt;
  if (options.backoff === 'exponential') return options.base * 2 ** (options.attempt - 1);
  return options.base;
}

function emulatedFailure(status: number, message = 'emulated upstream failure'): UpstreamResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ error: { message, type: 'server_error' } }),
  };
}

function isEventStream(headers: Record<string, string>): boolean {
  return (headers['content-type'] ?? '').includes('text/event-stream');
}

function discard(body: UpstreamResponse['body']): void {
  if (typeof body === 'string' || body instanceof Uint8Array) return;
  const iterator = body[Symbol.asyncIterator]();
  void iterator.return?.()?.catch?.(() => undefined);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks);
}

function modelOf(target: Target): string {
  if (target.route !== undefined) return target.route.model;
  try {
    const body: unknown = JSON.parse(decoder.decode(target.body.subarray(0, 1_000_000)));
    if (body !== null && typeof body === 'object' && typeof (body as { model?: unknown }).model === 'string') {
      return (body as { model: string }).model;
    }
  } catch {
    // not JSON: look at the endpoint
  }
  const path = target.endpoint.split('?')[0] ?? '';
  return (
    /models\/([^/:]+)/.exec(path)?.[1] ??
    /model\/([^/]+)/.exec(path)?.[1] ??
    /(@cf\/.+)$/.exec(path)?.[1] ??
    ''
  );
}

function usageOf(bytes: Uint8Array): { tokens_in?: number; tokens_out?: number } {
  if (bytes.byteLength === 0 || bytes.byteLength > 1_000_000) return {};
  try {
    const body = JSON.parse(decoder.decode(bytes)) as Record<string, unknown>;
    const usage = (body.usage ?? body.usageMetadata) as Record<string, unknown> | undefined;
    if (usage === undefined || usage === null || typeof usage !== 'object') return {};
    const pick = (...names: string[]) => names.map((n) => usage[n]).find((v): v is number => typeof v === 'number');
    const tokensIn = pick('prompt_tokens', 'input_tokens', 'promptTokenCount', 'inputTokens');
    const tokensOut = pick('completion_tokens', 'output_tokens', 'candidatesTokenCount', 'outputTokens');
    return { ...(tokensIn !== undefined ? { tokens_in: tokensIn } : {}), ...(tokensOut !== undefined ? { tokens_out: tokensOut } : {}) };
  } catch {
    return {};
  }
}

interface CustomCost {
  per_token_in?: number;
  per_token_out?: number;
  total_cost?: number;
}

function parseCustomCost(header: string | undefined): CustomCost | undefined {
  if (header === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(header);
    return parsed !== null && typeof parsed === 'object' ? (parsed) : undefined;
  } catch {
    return undefined;
  }
}

function costOf(custom: CustomCost | undefined, tokens: { tokens_in?: number; tokens_out?: number }): number {
  if (custom === undefined) return 0;
  if (typeof custom.total_cost === 'number') return custom.total_cost;
  return (custom.per_token_in ?? 0) * (tokens.tokens_in ?? 0) + (custom.per_token_out ?? 0) * (tokens.tokens_out ?? 0);
}
