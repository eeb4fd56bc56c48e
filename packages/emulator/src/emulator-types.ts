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
  /** A connection fault that was applied. */
  fault?: 'reset' | 'dropped';
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
