import type { EmulatorAutoRouterSettings, RoutingDecision } from './auto-router.js';
import type { MetadataValue } from './parse-metadata.js';

/** Settings of one emulated gateway (the dashboard settings of a real one). */
export interface EmulatorGatewaySettings {
  /** Require `cf-aig-authorization: Bearer <token>` (401/2009 without it). Default false. */
  authentication?: boolean;
  /** Cache TTL in seconds for every request; 0 (the default) turns caching off. */
  cacheTtl?: number;
  /** Store a log entry per request (`cf-aig-collect-log` overrides it). Default true. */
  collectLog?: boolean;
  /** Fixed-window rate limit: at most `limit` requests per `intervalMs` (429/2003 beyond). */
  rateLimit?: { limit: number; intervalMs: number };
  /**
   * Stored provider keys (BYOK), by gateway provider id: one key (the `default` alias) or a record
   * of alias → key. The emulator never forwards them; it tells the upstream `byok: true`.
   */
  byok?: Record<string, string | Record<string, string>>;
  /** Dynamic routes: route name → the `provider/model` targets tried in order. */
  dynamicRoutes?: Record<string, string[]>;
  /**
   * Policies: decided before the first upstream call (a cache hit skips them). `deny`: a request
   * whose `cf-aig-metadata` has every entry of one of these records answers 403 "Access denied by
   * policy". `spendCaps`: USD caps per bucket (`metadataKey: 'user'` makes one bucket per
   * `user:<value>`, without it one bucket `gateway`); the spend is the logged cost, counted after
   * each answer, so the request that crosses a cap passes and the next one answers 429
   * "Spending limit exceeded" with `bucket`, `spent` and `limit`.
   */
  policies?: {
    deny?: Record<string, string | number | boolean>[];
    spendCaps?: { metadataKey?: string; limit: number }[];
  };
  /** `byok_only`: a request without a provider key or a stored key answers 400 instead of using Unified Billing. */
  byokOnly?: boolean;
  /**
   * Unified Billing: a request without a provider key or a stored key, to a provider Unified Billing
   * pays for, runs on Cloudflare's key (the upstream is told `byok: true`), at most `rateLimit`
   * requests per window (default 200 per 60 s), then 429 (with `retry-after` when `retryAfter` seconds are set).
   */
  unifiedBilling?: { rateLimit?: { limit: number; intervalMs: number }; retryAfter?: number };
  /**
   * Guardrails: a prompt (the request body) containing one of `blockPrompt` answers 424/2016 before the
   * upstream is called; an answer containing one of `blockResponse` is read whole (streams too) and
   * answers 424/2017 (422 for a Workers AI run-form model); a passing answer is sent whole.
   * `scanner: 'no-credits'` answers 402/2021, `'unavailable'` 503/7013, for every request.
   */
  guardrails?: { blockPrompt?: string[]; blockResponse?: string[]; scanner?: 'ok' | 'no-credits' | 'unavailable' };
  /**
   * Workers AI has no free capacity: a Workers AI request whose body sets `options.rejectIfBusy`
   * answers 429/3040 (with `retry-after` when `retryAfter` is set); others wait in the queue and are answered.
   */
  workersAiBusy?: boolean | { retryAfter?: number };
  /** The Auto Router (`cloudflare/auto`): its pool, cheapest first. Default a pool of three models (`DEFAULT_AUTO_ROUTER_POOL`). */
  autoRouter?: EmulatorAutoRouterSettings;
}

/** One upstream attempt made while answering a gateway request. */
export interface EmulatorAttempt {
  /** Index of the step (0 = primary). */
  step: number;
  provider: string;
  endpoint: string;
  /** The model the step asked for (from its body or endpoint; `''` when unknown). */
  model: string;
  /** 1-based attempt number within the step (retries increase it). */
  attempt: number;
  /** What happened: an upstream answer, a timeout before the first byte, or a cache hit. */
  outcome: 'response' | 'timeout' | 'cache-hit';
  /** The upstream status, when there was an answer. */
  status?: number;
  /** True when the gateway's stored key was used. */
  byok: boolean;
  /** Headers sent to the upstream, secrets redacted. */
  headers: Record<string, string>;
  /** When the attempt started, in ms since the request arrived. */
  at: number;
  ms: number;
  /** The delay waited before the next attempt (set when the attempt is retried). */
  retryDelayMs?: number;
}

/** The record of one request to the emulator (`emulator.calls`). */
export interface EmulatorCall {
  /** The `cf-aig-log-id` sent with the answer. */
  logId: string;
  requestId: string;
  eventId: string;
  method: string;
  /** Path and query as received. */
  path: string;
  kind: 'universal' | 'provider' | 'compat' | 'logs' | 'resume' | 'unknown';
  gateway?: string;
  /** Indexes of the steps that were tried, in order. */
  stepsTried: number[];
  /** The step that answered (`cf-aig-step`), null when no step did. */
  step: number | null;
  /** HTTP status sent; 0 when the socket was reset before headers. */
  status: number;
  cacheStatus: 'HIT' | 'MISS' | null;
  ms: number;
  attempts: EmulatorAttempt[];
  /** The request headers, secrets redacted. */
  requestHeaders: Record<string, string>;
  /** The response headers sent, secrets redacted (absent when the socket was reset before headers). */
  responseHeaders?: Record<string, string>;
  /** The injected faults that applied, one `step N: field=value ...` line per step. */
  faults?: string[];
  /** Code of the gateway error answered, if any. */
  gatewayError?: number;
  /**
   * A control-plane refusal that was answered: `policy-denied`, `spend-cap`, `unified-billing-rate-limit`,
   * `no-credentials`, `guardrail-prompt`, `guardrail-response`, `guardrail-no-credits`,
   * `guardrail-unavailable` or `workers-ai-busy`.
   */
  refusal?: string;
  /** A connection fault that was applied. */
  fault?: 'reset' | 'dropped';
  /** The Auto Router's decisions, one per `cloudflare/auto` step. */
  routing?: (Omit<RoutingDecision, 'pin'> & { step: number })[];
  /**
   * The gateway's spans of a request linked to the caller's trace (`cf-aig-otel-trace-id`,
   * `cf-aig-otel-parent-span-id`), in OTLP's JSON shape.
   */
  spans?: OtlpSpan[];
  /** Characters of `"p"` padding added to each SSE event, when padding applied. */
  ssePadding?: number;
  /** True when the answer was sent as an event stream (`text/event-stream`). */
  streamed?: boolean;
}

/** A gateway log entry, with the fields the binding's `getLog` returns (docs/protocol.md#logs). */
export interface GatewayLogEntry {
  id: string;
  provider: string;
  model: string;
  path: string;
  duration: number;
  request_content_type?: string;
  status_code: number;
  response_content_type?: string;
  success: boolean;
  cached: boolean;
  tokens_in?: number;
  tokens_out?: number;
  metadata?: Record<string, MetadataValue> | null;
  step?: number;
  cost?: number;
  custom_cost?: boolean;
  request_size: number;
  request_head?: string;
  request_head_complete: boolean;
  response_size: number;
  response_head?: string;
  response_head_complete: boolean;
  created_at: string;
  score?: number | null;
  feedback?: -1 | 1 | null;
}

/** An attribute of an OTLP span, in OTLP's JSON encoding (64-bit integers as strings). */
export interface OtlpAttribute {
  key: string;
  value: { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean };
}

/** One span as OTLP/JSON carries it (`resourceSpans[].scopeSpans[].spans[]`). */
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  /** 2 = SERVER (the gateway's request), 3 = CLIENT (an upstream attempt). */
  kind: 2 | 3;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: OtlpAttribute[];
  /** 1 = OK, 2 = ERROR. */
  status: { code: 1 | 2 };
}

/** A custom provider (`custom-{slug}`) the emulated gateway serves. */
export interface EmulatorCustomProvider {
  /**
   * The provider's base URL: `custom-{slug}/{path}` is forwarded over HTTP to `{baseURL}/{path}`,
   * headers and body as sent (for `/compat`, the model after the prefix). Without it the emulator
   * answers as a simulated OpenAI-compatible service.
   */
  baseURL?: string;
}
