import { AiGatewayError } from './ai-gateway-error';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';
import { withFields } from './with-fields';

const name = 'AI_AiGatewayOperationError';
declare const symbol: unique symbol;

/** Why a long-running operation (a video generation) ended without a result. */
export type AiGatewayOperationReason = 'failed' | 'expired';

/** The constructor options of `AiGatewayOperationError`. */
export interface AiGatewayOperationErrorOptions {
  reason: AiGatewayOperationReason;
  /** The AI SDK provider name of the model that ran the operation, e.g. `google.generative-ai`. */
  provider: string;
  modelId: string;
  /** The operation reference as the model gave it (`experimental_startVideo`'s `operation`). */
  operation: unknown;
  /** What the provider said about the failure, when it said something. */
  detail?: string;
  /** HTTP status of the answer that ended the operation (404 or 410 for an expired one). */
  statusCode?: number;
  /** `cf-aig-log-id` of the gateway request that learnt the outcome, when it is known. */
  logId?: string;
  cause?: unknown;
}

const explain: Record<AiGatewayOperationReason, string> = {
  failed: 'the provider reports that it failed',
  expired: 'the provider no longer has it or its result (expired or unknown)',
};

/**
 * A long-running operation that ended without a result: a video generation the provider reports as
 * failed (`reason: 'failed'`), or one whose record or output file the provider no longer has
 * (`reason: 'expired'`, a 404 or 410 while polling or downloading). Polling again cannot help.
 */
export class AiGatewayOperationError extends AiGatewayError {
  declare private readonly [symbol]: true;

  declare readonly reason: AiGatewayOperationReason;
  declare readonly provider: string;
  declare readonly modelId: string;
  declare readonly operation: unknown;
  declare readonly detail: string | undefined;
  declare readonly statusCode: number | undefined;
  declare readonly logId: string | undefined;
  /** The operation is over: retrying the poll cannot change it. */
  readonly isRetryable = false;

  constructor({ reason, provider, modelId, operation, detail, statusCode, logId, cause }: AiGatewayOperationErrorOptions) {
    super({
      message:
        `The operation of ${provider} model ${JSON.stringify(modelId)} ended without a result: ${explain[reason]}` +
        `${detail === undefined ? '' : `: ${detail}`}${statusCode === undefined ? '' : ` (HTTP ${statusCode})`}.`,
      cause,
    });
    markError(this, name);
    this.reason = reason;
    this.provider = provider;
    this.modelId = modelId;
    this.operation = operation;
    this.detail = detail;
    this.statusCode = statusCode;
    this.logId = logId;
  }

  static override isInstance(error: unknown): error is AiGatewayOperationError {
    return hasMarker(error, name);
  }

  override toJSON(): Record<string, unknown> {
    return withFields(super.toJSON(), this, ['reason', 'provider', 'modelId', 'operation', 'detail', 'statusCode', 'logId']);
  }
}
