import type { AiGatewayBinding } from '@aigw/transport-binding';
import type { AiGatewayLogsSettings } from '../settings';

/** A gateway log record, as `aigateway.logs.get(logId)` returns it. */
export interface AiGatewayLog {
  /** The log id (`cf-aig-log-id`). */
  readonly id: string;
  /** Gateway provider id that answered, e.g. `anthropic`. */
  readonly provider: string;
  readonly model: string;
  /** The provider path, e.g. `v1/messages`. */
  readonly path: string;
  /** HTTP status of the answer. */
  readonly status: number;
  readonly success: boolean;
  /** True when the answer came from the gateway's cache. */
  readonly cached: boolean;
  readonly tokensIn?: number;
  readonly tokensOut?: number;
  /** Cost in USD as the gateway computed it (0 for a cache hit). */
  readonly cost?: number;
  /** True when the cost came from `cf-aig-custom-cost`. */
  readonly customCost?: boolean;
  /** Milliseconds the gateway took. */
  readonly duration: number;
  /** The request's `cf-aig-metadata`, as the gateway stored it (null when it dropped it). */
  readonly metadata?: Readonly<Record<string, string | number | boolean>> | null;
  /** Index of the fallback step that answered. */
  readonly step?: number;
  readonly score?: number | null;
  readonly feedback?: -1 | 1 | null;
  readonly requestContentType?: string;
  readonly responseContentType?: string;
  readonly requestSize?: number;
  readonly responseSize?: number;
  /** The first bytes of the request body, when the gateway logs payloads. */
  readonly requestHead?: string;
  /** The first bytes of the response body, when the gateway logs payloads. */
  readonly responseHead?: string;
  /** When the gateway stored it, an ISO 8601 string. */
  readonly createdAt: string;
}

/** What `aigateway.logs.feedback(logId, feedback)` records on a log. */
export interface AiGatewayLogFeedback {
  /** A score from 0 to 100; null clears it. */
  score?: number | null;
  /** Thumbs up (1) or down (-1); null clears it. */
  feedback?: -1 | 1 | null;
  /** Up to 5 entries of string, number or boolean; null clears it. */
  metadata?: Record<string, string | number | boolean> | null;
}

/** The gateway's record (snake_case, as the REST API and the binding's `getLog` send it) in camelCase. */
export function toGatewayLog(raw: Record<string, unknown>): AiGatewayLog {
  const text = (name: string) => {
    const value = raw[name];
    return typeof value === 'string' ? value : undefined;
  };
  const num = (name: string) => {
    const value = raw[name];
    return typeof value === 'number' ? value : undefined;
  };
  const log: Record<string, unknown> = {
    id: text('id') ?? '',
    provider: text('provider') ?? '',
    model: text('model') ?? '',
    path: text('path') ?? '',
    status: num('status_code') ?? 0,
    success: raw.success === true,
    cached: raw.cached === true,
    tokensIn: num('tokens_in'),
    tokensOut: num('tokens_out'),
    cost: num('cost'),
    customCost: typeof raw.custom_cost === 'boolean' ? raw.custom_cost : undefined,
    duration: num('duration') ?? 0,
    metadata: metadataOf(raw.metadata),
    step: num('step'),
    score: raw.score === null ? null : num('score'),
    feedback: raw.feedback === null ? null : raw.feedback === 1 || raw.feedback === -1 ? raw.feedback : undefined,
    requestContentType: text('request_content_type'),
    responseContentType: text('response_content_type'),
    requestSize: num('request_size'),
    responseSize: num('response_size'),
    requestHead: text('request_head'),
    responseHead: text('response_head'),
    createdAt: text('created_at') ?? '',
  };
  for (const key of Object.keys(log)) if (log[key] === undefined) delete log[key];
  return log as unknown as AiGatewayLog;
}

/** The REST API sends metadata as an object or as its JSON text. */
function metadataOf(value: unknown): AiGatewayLog['metadata'] | undefined {
  if (value === null) return null;
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, string | number | boolean>) : undefined;
}

/** Logs and feedback from code: `aigateway.logs`. */
export interface AiGatewayLogs {
  /**
   * The gateway's log record of a call (`providerMetadata.aigateway.logId`). A log that is not
   * there yet (right after a streamed call) is asked for again a few times with a short backoff;
   * then `AiGatewayLogNotFoundError`.
   */
  get(logId: string, options?: { signal?: AbortSignal }): Promise<AiGatewayLog>;
  /** Records human feedback on a log: a score, thumbs up or down, metadata. */
  feedback(logId: string, feedback: AiGatewayLogFeedback, options?: { signal?: AbortSignal }): Promise<void>;
}

/** The settings `createAiGateway` reads for `aigateway.logs`. */
export interface GatewayLogsSettings {
  accountId?: string | undefined;
  gateway?: string | undefined;
  binding?: AiGatewayBinding | undefined;
  cloudflareApiToken?: string | undefined;
  cloudflareApiBaseURL?: string | undefined;
  logs?: AiGatewayLogsSettings | undefined;
  fetch?: typeof globalThis.fetch | undefined;
}
