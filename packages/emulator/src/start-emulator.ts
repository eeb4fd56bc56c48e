import { createServer, STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo, Socket } from 'node:net';
import { emulatorAi, emulatorBinding, type EmulatorAi, type EmulatorBinding } from './binding.js';
import { RunStore } from './pipeline/resumable-runs.js';
import type { EmulatorCall, EmulatorGatewaySettings, GatewayLogEntry } from './emulator-types.js';
import { FaultStore, type FaultControls } from './fault-controls.js';
import { handleGatewayRequest, type AllStepsFailedPolicy, type GatewayState } from './handle-gateway-request.js';
import { RateLimiter } from './rate-limiter.js';
import { ResponseCache } from './response-cache.js';
import { serveViewer, VIEWER_PATH } from './viewer/serve-viewer.js';
import { ViewerFeed } from './viewer/viewer-feed.js';
import { handleLogRequest, pendingLogs } from './handle-log-request.js';
import { DEFAULT_PRICES, priceOf, type ModelPrice } from './price-table.js';
import { bucketOf, SpendStore } from './control-plane.js';
import { createUpstreams, type UpstreamOptions, type Upstreams } from './upstreams/index.js';
import { MAX_SSE_PADDING, type CacheTtlBounds, type EmulatorIdFormat } from './emulator-controls.js';
import type { EmulatorCustomProvider } from './emulator-types.js';
import { gatewaySpans } from './pipeline/otel-spans.js';

/** Options of `startEmulator`. */
export interface EmulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** The account id in gateway paths. Default `emulator-account`. */
  accountId?: string;
  /**
   * The gateways that exist, by id. Default `{ 'emulator-gateway': {} }`. A `default` gateway is
   * also created on the first request with a valid token, as the real service does.
   */
  gateways?: Record<string, EmulatorGatewaySettings>;
  /** The valid `cf-aig-authorization` bearer token. Default `emulator-token`. */
  token?: string;
  /**
   * What a fallback chain answers when every step failed: the last step's response
   * (`'last-response'`, the default, [inferred]) or a 502/2005 gateway error.
   */
  onAllStepsFailed?: AllStepsFailedPolicy;
  /** Called once per request when it is recorded (the CLI prints `formatCallLine`). */
  logger?: (call: EmulatorCall) => void;
  /** The simulated providers; default `createUpstreams(upstreamOptions)`. */
  upstreams?: Upstreams;
  /** Options for the default simulated providers. */
  upstreamOptions?: UpstreamOptions;
  /** Clock in ms for cache expiry, rate-limit windows and log timestamps. Default `Date.now`. */
  now?: () => number;
  /** How many calls and log entries are kept (oldest dropped first). Default 10000. */
  recordLimit?: number;
  /**
   * Prices in USD per million tokens, by model id or `provider/model`, added to (or replacing
   * entries of) `DEFAULT_PRICES`: a log's `cost` is computed from them unless `cf-aig-custom-cost` is set.
   */
  prices?: Record<string, ModelPrice>;
  /**
   * The log entry of a streamed answer is readable through the log API only this many ms after
   * the stream ended, as on the real gateway ("Log not found" right after a streamed call). Default 0.
   */
  logDelayMs?: number;
  /**
   * The format of `cf-aig-log-id`, `cf-aig-event-id` and `cf-aig-request-id`: `'uuidv7'` (the
   * default, as the gateway sends since October 2026: one value for all three on a single step) or
   * `'ulid'` (a ULID log id and UUIDv4 event and request ids, as before). Per request: `x-emulator-ids`.
   */
  ids?: EmulatorIdFormat;
  /**
   * Characters of `"p"` padding the gateway adds to the JSON of each SSE event of a streamed 2xx
   * answer (clients must ignore it). Default 0 (none). Per request: `x-emulator-sse-padding`.
   */
  ssePadding?: number;
  /**
   * A cache TTL outside 60 s to one month (2 592 000 s) is raised or lowered to the bound
   * (`'clamp'`, the default [inferred]), refused with 400/2005 (`'reject'`), or used as given
   * (`'off'`, for tests of short TTLs). Per request: `x-emulator-cache-ttl-bounds`.
   */
  cacheTtlBounds?: CacheTtlBounds;
  /**
   * Record the gateway's OTLP spans (`call.spans`) for requests that carry
   * `cf-aig-otel-trace-id` and `cf-aig-otel-parent-span-id`. Default true. Per request:
   * `x-emulator-otel-spans`.
   */
  otelSpans?: boolean;
  /**
   * The custom providers (`custom-{slug}`) the gateway serves, by slug. Unset (the default), every
   * `custom-{slug}` is served as a simulated OpenAI-compatible service; set, only these slugs are
   * (others answer 400/2008), each forwarded to its `baseURL` when it has one.
   */
  customProviders?: Record<string, EmulatorCustomProvider>;
}

/** A running emulator. */
export interface Emulator {
  /** `http://host:port/v1`: append `/{accountId}/{gateway}`. */
  readonly baseURL: string;
  readonly port: number;
  readonly host: string;
  readonly accountId: string;
  /** Ids of the gateways that exist (including an auto-created `default`). */
  readonly gateways: string[];
  /** The valid `cf-aig-authorization` bearer token. */
  readonly token: string;
  /** Every gateway request, oldest first (log API requests included, `kind: 'logs'`). */
  readonly calls: readonly EmulatorCall[];
  /** Every stored gateway log entry, oldest first. */
  readonly logs: readonly GatewayLogEntry[];
  /** Programmatic fault injection. */
  readonly faults: FaultControls;
  /** The underlying node server (e.g. to count connections). */
  readonly server: Server;
  /** The live log viewer, `http://host:port/_emulator/`. */
  readonly viewerURL: string;
  /** `baseURL/{accountId}/{gateway}` for a gateway (default: the first configured one). */
  gatewayURL(gateway?: string): string;
  /** A double of `env.AI.gateway(id)` talking to this emulator. */
  binding(gateway?: string): EmulatorBinding;
  /** A double of the whole `env.AI` binding: `gateway(id)` and the `fetch` that reaches the resume endpoint. */
  ai(): EmulatorAi;
  /** Forgets calls, logs, cache entries, rate-limit windows, faults and the auto-created gateway. */
  reset(): void;
  /** Stops listening and destroys every open socket, keep-alive ones included. */
  close(): Promise<void>;
}

/** Starts a local AI Gateway double and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const accountId = options.accountId ?? 'emulator-account';
  const token = options.token ?? 'emulator-token';
  const now = options.now ?? Date.now;
  const recordLimit = options.recordLimit ?? 10_000;
  const configured = options.gateways ?? { 'emulator-gateway': {} };
  validateGateways(configured);
  validateOptions(options);
  const calls: EmulatorCall[] = [];
  const logs: GatewayLogEntry[] = [];
  const faults = new FaultStore();
  const closing = new AbortController();
  const feed = new ViewerFeed(now, recordLimit);
  const prices = { ...DEFAULT_PRICES, ...options.prices };
  const logDelayMs = options.logDelayMs ?? 0;
  /** The gateway computes a log's cost from its price table unless the request set a custom cost. */
  const priceEntry = (entry: GatewayLogEntry) => {
    if (entry.cached || entry.custom_cost === true || !entry.success) return;
    const cost = priceOf({ prices, provider: entry.provider, model: entry.model, tokensIn: entry.tokens_in, tokensOut: entry.tokens_out });
    if (cost !== undefined) entry.cost = cost;
  };
  /** A policy spend cap counts the logged cost in its bucket after the answer (so the next request meets it). */
  const countSpend = (call: EmulatorCall, entry: GatewayLogEntry) => {
    const gateway = call.gateway ?? '';
    for (const cap of state.gateways.get(gateway)?.policies?.spendCaps ?? []) {
      const bucket = bucketOf(cap.metadataKey, entry.metadata);
      if (bucket !== undefined) state.spend.add(gateway, bucket, entry.cost ?? 0);
    }
  };
  const state: GatewayState = {
    accountId,
    token,
    gateways: new Map(Object.entries(configured).map(([id, settings]) => [id, { ...settings }])),
    autoCreated: new Set(),
    upstreams: options.upstreams ?? createUpstreams(options.upstreamOptions),
    cache: new ResponseCache({ now }),
    rateLimiter: new RateLimiter({ now }),
    spend: new SpendStore(),
    faults,
    logs: new Map(),
    onAllStepsFailed: options.onAllStepsFailed ?? 'last-response',
    now,
    closing: closing.signal,
    runs: new RunStore(now),
    customProviders: options.customProviders,
    sessionPins: new Map(),
    controls: { ids: options.ids ?? 'uuidv7', ssePadding: options.ssePadding ?? 0, cacheTtlBounds: options.cacheTtlBounds ?? 'clamp', otelSpans: options.otelSpans ?? true },
    record: (call, entry, link, bodies) => {
      if (entry !== undefined) {
        priceEntry(entry);
        countSpend(call, entry);
      }
      if (link !== undefined) call.spans = gatewaySpans({ call, entry, link, endedAt: now() });
      calls.push(call);
      if (calls.length > recordLimit) calls.splice(0, calls.length - recordLimit);
      if (entry !== undefined) {
        logs.push(entry);
        state.logs.set(entry.id, entry);
        if (logDelayMs > 0 && (entry.response_content_type ?? '').includes('text/event-stream')) {
          const readyAt = now() + logDelayMs;
          pendingLogs.set(entry, () => now() >= readyAt);
        }
        if (logs.length > recordLimit) for (const old of logs.splice(0, logs.length - recordLimit)) state.logs.delete(old.id);
      }
      feed.add(call, entry, bodies);
      // Feedback set through the log API shows in the viewer too.
      if (call.kind === 'logs' && call.method === 'PATCH' && call.status === 200) feed.touch(call.path.split('?')[0]!.split('/').at(-1) ?? '');
      options.logger?.(call);
    },
  };

  /** The viewer's feedback goes through the same log API handler as the client's `PATCH logs/{id}`. */
  const patchLog = (id: string, body: Uint8Array) => handleLogRequest({ logs: state.logs, method: 'PATCH', id, body });

  const sockets = new Set<Socket>();
  // Cloudflare accepts request headers up to 32 KB in all (Node's default is 16 KB).
  const server = createServer({ keepAlive: true, maxHeaderSize: 32 * 1024 }, (req, res) => {
    if (req.url === VIEWER_PATH || req.url?.startsWith(`${VIEWER_PATH}/`) === true) void serveViewer({ feed, req, res, patchLog }).catch(() => res.destroy());
    else void handleGatewayRequest({ state, req, res });
  });
  // Node's default keep-alive timeout (5 s) races clients that reuse an idle socket just as the
  // server closes it (ECONNRESET after a pause on a busy machine). Keep idle sockets well past any
  // client's own idle timeout; close() destroys them all anyway.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 130_000;
  // A body shorter than its content-length is answered 408 in the end, not waited for forever.
  server.requestTimeout = 130_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // A deep accept queue: a client opening a thousand connections at once on a busy machine must
    // not have its SYNs dropped (a dropped SYN is retried after 1, 3, 7 s: a connect timeout).
    server.listen({ port: options.port ?? 0, host, backlog: 4096 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const baseURL = `http://${urlHost}:${port}/v1`;
  const firstGateway = Object.keys(configured)[0] ?? 'default';
  let closed: Promise<void> | undefined;

  return {
    baseURL,
    port,
    host,
    accountId,
    token,
    get gateways() {
      return [...state.gateways.keys()];
    },
    calls,
    logs,
    faults,
    server,
    viewerURL: `http://${urlHost}:${port}${VIEWER_PATH}/`,
    gatewayURL: (gateway = firstGateway) => `${baseURL}/${accountId}/${gateway}`,
    binding: (gateway = firstGateway) => emulatorBinding({ baseURL, accountId, gateway, token }),
    ai: () => emulatorAi({ baseURL, accountId, token }),
    reset() {
      calls.length = 0;
      logs.length = 0;
      state.logs.clear();
      state.cache.clear();
      state.rateLimiter.clear();
      state.spend.clear();
      state.runs.clear();
      state.sessionPins.clear();
      faults.clear();
      for (const id of state.autoCreated) state.gateways.delete(id);
      state.autoCreated.clear();
      feed.clear();
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}

function validateOptions(options: EmulatorOptions): void {
  if (options.ids !== undefined && options.ids !== 'uuidv7' && options.ids !== 'ulid') throw new Error(`ids must be 'uuidv7' or 'ulid'`);
  const padding = options.ssePadding;
  if (padding !== undefined && (!Number.isInteger(padding) || padding < 0 || padding > MAX_SSE_PADDING)) throw new Error(`ssePadding must be an integer from 0 to ${MAX_SSE_PADDING}`);
  if (options.cacheTtlBounds !== undefined && !['clamp', 'reject', 'off'].includes(options.cacheTtlBounds)) throw new Error(`cacheTtlBounds must be 'clamp', 'reject' or 'off'`);
  for (const [slug, custom] of Object.entries(options.customProviders ?? {})) {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) throw new Error(`customProviders: '${slug}' is not a slug (lower-case letters, digits and single hyphens)`);
    if (custom.baseURL !== undefined && !/^https?:\/\//.test(custom.baseURL)) throw new Error(`customProviders.${slug}.baseURL must be an http(s) URL`);
  }
}

function validateGateways(gateways: Record<string, EmulatorGatewaySettings>): void {
  for (const [id, settings] of Object.entries(gateways)) {
    const router = settings.autoRouter;
    if (router !== undefined) {
      if (!Array.isArray(router.pool) || router.pool.length === 0) throw new Error(`gateway '${id}': autoRouter.pool must list at least one 'provider/model'`);
      for (const model of [...router.pool, ...(router.unavailable ?? []), ...(router.fallbackModel !== undefined ? [router.fallbackModel] : [])]) {
        if (typeof model !== 'string' || model.indexOf('/') <= 0 || model.endsWith('/')) throw new Error(`gateway '${id}': autoRouter model '${String(model)}' is not 'provider/model'`);
      }
    }
    for (const [route, targets] of Object.entries(settings.dynamicRoutes ?? {})) {
      for (const target of targets) {
        if (target.indexOf('/') <= 0) throw new Error(`gateway '${id}': dynamic route '${route}' target '${target}' is not 'provider/model'`);
      }
    }
  }
}

/**
 * A request Node could not parse (a malformed request line, headers over the limit, a bad
 * content-length) gets the status a real server sends, then the connection closes; a socket that
 * is already gone is only destroyed.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = `${status} ${STATUS_CODES[status] ?? 'Bad Request'}`;
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nconnection: close\r\ncontent-type: text/plain\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
}
