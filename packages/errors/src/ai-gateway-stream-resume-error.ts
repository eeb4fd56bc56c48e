import { AiGatewayError } from './ai-gateway-error';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';
import { withFields } from './with-fields';

const name = 'AI_AiGatewayStreamResumeError';
declare const symbol: unique symbol;

/** Why a dropped stream could not be resumed. */
export type AiGatewayStreamResumeReason = 'expired' | 'reconnects-exhausted' | 'failed';

/** The constructor options of `AiGatewayStreamResumeError`. */
export interface AiGatewayStreamResumeErrorOptions {
  reason: AiGatewayStreamResumeReason;
  /** `cf-aig-run-id` of the stream. */
  runId: string;
  /** How many whole SSE events the caller had received when the stream could not go on. */
  fromEvent: number;
  /** Reconnects made before giving up. */
  reconnects: number;
  /** HTTP status of the last resume request, when there was one. */
  statusCode?: number;
  cause?: unknown;
}

const explain: Record<AiGatewayStreamResumeReason, string> = {
  expired: 'the gateway no longer holds the run (it keeps a stream for about 5.5 minutes)',
  'reconnects-exhausted': 'the reconnect budget (maxReconnects) is spent',
  failed: 'the resume request failed',
};

/**
 * A stream dropped mid-way could not be resumed through `cf-aig-run-id`: the run expired (404 from
 * the resume endpoint), the reconnect budget is spent, or the resume request failed. The caller has
 * received every event before `fromEvent`, once.
 */
export class AiGatewayStreamResumeError extends AiGatewayError {
  declare private readonly [symbol]: true;

  declare readonly reason: AiGatewayStreamResumeReason;
  declare readonly runId: string;
  declare readonly fromEvent: number;
  declare readonly reconnects: number;
  declare readonly statusCode: number | undefined;
  /** Resuming later cannot help: the stream is over. */
  readonly isRetryable = false;

  constructor({ reason, runId, fromEvent, reconnects, statusCode, cause }: AiGatewayStreamResumeErrorOptions) {
    super({
      message: `The AI Gateway stream of run ${JSON.stringify(runId)} dropped after ${fromEvent} events and could not be resumed after ${reconnects} reconnects: ${explain[reason]}${statusCode === undefined ? '' : ` (HTTP ${statusCode})`}.`,
      cause,
    });
    markError(this, name);
    this.reason = reason;
    this.runId = runId;
    this.fromEvent = fromEvent;
    this.reconnects = reconnects;
    this.statusCode = statusCode;
  }

  static override isInstance(error: unknown): error is AiGatewayStreamResumeError {
    return hasMarker(error, name);
  }

  override toJSON(): Record<string, unknown> {
    return withFields(super.toJSON(), this, ['reason', 'runId', 'fromEvent', 'reconnects', 'statusCode']);
  }
}
