import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RoutingDecision, SessionPins } from '../auto-router.js';
import { createUlid } from '../create-ulid.js';
import { createUuidV7 } from '../create-uuidv7.js';
import { readControls, type RequestControls } from '../emulator-controls.js';
import type { TraceLink } from './otel-spans.js';
import type { EmulatorCall, EmulatorCustomProvider, EmulatorGatewaySettings, GatewayLogEntry } from '../emulator-types.js';
import type { EmulatorFault, EmulatorFaultRule, FaultStore } from '../fault-controls.js';
import type { GatewayErrorSpec } from '../gateway-error.js';
import type { SpendStore } from '../control-plane.js';
import type { RateLimiter } from '../rate-limiter.js';
import { redactHeaders } from '../redact-headers.js';
import type { ResponseCache } from '../response-cache.js';
import type { UpstreamResponse, Upstreams } from '../upstreams/index.js';
import type { RunStore } from './resumable-runs.js';

/** What the gateway does when every step of a fallback chain failed. */
export type AllStepsFailedPolicy = 'last-response' | 'gateway-error';

/** The shared state one request handler works on. */
/** The bodies of one call as received and sent, each cut at `BODY_LIMIT` bytes, not yet redacted. */
export interface CallBodies {
  request: Uint8Array;
  /** The request body's full size in bytes. */
  requestSize: number;
  response: Uint8Array;
  /** The response body's full size in bytes. */
  responseSize: number;
}

/** The most bytes of each body kept for the log viewer. */
export const BODY_LIMIT = 1_000_000;

export interface GatewayState {
  accountId: string;
  token: string;
  gateways: Map<string, EmulatorGatewaySettings>;
  autoCreated: Set<string>;
  upstreams: Upstreams;
  cache: ResponseCache;
  rateLimiter: RateLimiter;
  /** What each policy spend-cap bucket has spent. */
  spend: SpendStore;
  faults: FaultStore;
  logs: Map<string, GatewayLogEntry>;
  /**
   * Records a call, its log entry and, for a request linked to the caller's trace, the gateway's spans;
   * `bodies` are the request and response bodies (each at most `BODY_LIMIT` bytes) for the log viewer.
   */
  record: (call: EmulatorCall, log: GatewayLogEntry | undefined, link?: TraceLink, bodies?: CallBodies) => void;
  onAllStepsFailed: AllStepsFailedPolicy;
  now: () => number;
  /** Aborted when the emulator closes. */
  closing: AbortSignal;
  /** Streamed answers of binding requests, kept for resuming (`cf-aig-run-id`). */
  runs: RunStore;
  /** The configured custom providers by slug; undefined serves every `custom-{slug}` as simulated. */
  customProviders: Record<string, EmulatorCustomProvider> | undefined;
  /** The Auto Router's model of each session's current turn. */
  sessionPins: SessionPins;
  /** The controls of a request that sets no `x-emulator-*` header. */
  controls: RequestControls;
}

/** One upstream request a step may make (a compat or dynamic-route step has several, tried in order). */
export interface Target {
  provider: string;
  endpoint: string;
  method: string;
  headers: Record<string, string>;
  body: Uint8Array;
  /** Provider whose stored keys apply (the prefix of a compat model). */
  keyProvider: string;
  /** Set for dynamic-route targets: the values of cf-aig-provider / cf-aig-model. */
  route?: { provider: string; model: string };
  /** Set for an Auto Router target: the decision sent as `cf-aig-routed-model`, `cf-aig-routing-*`. */
  autoRoute?: RoutingDecision;
}

/** One step of a fallback chain. */
export interface Step {
  index: number;
  /** Merged cf-aig-* headers: config > step > request > gateway. */
  cf: Record<string, string>;
  targets: Target[];
  fault: EmulatorFault | undefined;
}

/** An upstream (or cached) answer chosen to be sent to the client. */
export interface Answer {
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

export type StepOutcome =
  | { kind: 'answer'; answer: Answer }
  | { kind: 'failed'; answer: Answer | undefined; timedOut: boolean }
  | { kind: 'gateway-error'; spec: GatewayErrorSpec }
  | { kind: 'reset' };

/** Thrown by a stage to answer with the gateway's error envelope. */
export class GatewayError extends Error {
  readonly spec: GatewayErrorSpec;
  constructor(spec: GatewayErrorSpec) {
    super(`${spec.code}`);
    this.spec = spec;
  }
}

/** Everything the stages of one request share; each stage reads it and fills in its part. */
export interface ExchangeContext {
  readonly state: GatewayState;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** `performance.now()` when the request arrived. */
  readonly started: number;
  /** The request headers, lower-case names, repeated values joined. */
  readonly headers: Record<string, string>;
  /** Aborted when the client goes away or the emulator closes. */
  readonly signal: AbortSignal;
  /**
   * True for a request from the binding double (`x-emulator-binding`): it is pre-authenticated, Workers AI
   * steps run on the account, and a streamed answer is kept for resuming.
   */
  readonly binding: boolean;
  /** True for a model call on the REST API (`/client/v4/accounts/{account}/ai/...`): its Cloudflare API token runs Workers AI on the account. */
  restApi: boolean;
  /** Set once a resumable run holds the upstream's stream: a client drop no longer stops the upstream. */
  keepUpstream: boolean;
  /** The record of this request, handed to `state.record` once by the log stage. */
  readonly call: EmulatorCall;
  /** The fault rules as they were when the request arrived, and those this request consumed. */
  readonly rules: readonly EmulatorFaultRule[];
  readonly usedRules: Set<EmulatorFaultRule>;
  settings: EmulatorGatewaySettings | undefined;
  /** The request's own x-emulator-fault header. */
  outerFault: EmulatorFault | undefined;
  steps: Step[];
  requestBody: Uint8Array;
  recorded: boolean;
  /** Set once policies, Guardrails' scanner and the prompt check passed (they run before the first upstream call). */
  controlPassed: boolean;
  /** The emulator's options as this request's `x-emulator-*` headers set them. */
  readonly controls: RequestControls;
  /** A malformed control header, answered 400 before anything else. */
  readonly controlError: string | undefined;
}

export function createExchangeContext(options: { state: GatewayState; req: IncomingMessage; res: ServerResponse }): ExchangeContext {
  const { state, req, res } = options;
  const headers = headerRecord(req);
  const controller = new AbortController();
  const abort = () => controller.abort();
  res.once('close', abort);
  if (state.closing.aborted) abort();
  else state.closing.addEventListener('abort', abort, { once: true });
  res.once('close', () => state.closing.removeEventListener('abort', abort));
  const { controls, error: controlError } = readControls(headers, state.controls);
  // UUIDv7: one value for the log, event and request ids of a request (a second step gets its own request id).
  const id = controls.ids === 'uuidv7' ? createUuidV7({ now: state.now() }) : undefined;
  return {
    state,
    req,
    res,
    started: performance.now(),
    headers,
    signal: controller.signal,
    binding: headers['x-emulator-binding'] === 'true',
    restApi: false,
    keepUpstream: false,
    call: {
      logId: id ?? createUlid({ now: state.now() }),
      requestId: id ?? randomUUID(),
      eventId: headers['cf-aig-event-id'] ?? id ?? randomUUID(),
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      kind: 'unknown',
      stepsTried: [],
      step: null,
      status: 0,
      cacheStatus: null,
      ms: 0,
      attempts: [],
      requestHeaders: redactHeaders(headers),
    },
    rules: state.faults.snapshot(),
    usedRules: new Set(),
    settings: undefined,
    outerFault: undefined,
    steps: [],
    requestBody: new Uint8Array(),
    recorded: false,
    controlPassed: false,
    controls,
    controlError,
  };
}

/** The cf-aig-* headers every answer carries. */
export function baseHeaders(options: { ctx: ExchangeContext; step: string }): Record<string, string> {
  const { ctx } = options;
  return {
    'cf-aig-step': options.step,
    'cf-aig-log-id': ctx.call.logId,
    'cf-aig-event-id': eventId(ctx),
    'cf-aig-request-id': ctx.call.requestId,
    // 32 hex characters, as observed (docs/protocol.md#response-headers); derived from the request id.
    'cf-aig-trace-id': ctx.call.requestId.replace(/-/g, ''),
  };
}

/** The step's cf-aig-event-id wins over the request's. */
function eventId(ctx: ExchangeContext): string {
  const fromStep = ctx.steps[ctx.call.step ?? 0]?.cf['cf-aig-event-id'];
  if (fromStep !== undefined) ctx.call.eventId = fromStep;
  return ctx.call.eventId;
}

/**
 * The gateway's settings as cf-aig-* headers, overridden by each layer in turn
 * (request < step headers < step config).
 */
export function mergeCf(options: { ctx: ExchangeContext; layers: Record<string, string>[] }): Record<string, string> {
  const settings = options.ctx.settings;
  const gateway: Record<string, string> = {};
  const ttl = settings?.cacheTtl ?? 0;
  if (ttl > 0) gateway['cf-aig-cache-ttl'] = String(ttl);
  gateway['cf-aig-collect-log'] = String(settings?.collectLog ?? true);
  return Object.assign(gateway, ...options.layers) as Record<string, string>;
}

function headerRecord(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
