import { AiGatewayError } from './ai-gateway-error';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';
import { redactText } from './redact-text';
import { withFields } from './with-fields';

const name = 'AI_AiGatewayBatchError';
declare const symbol: unique symbol;

/** Where a batch stands when its results cannot be had: still running, or ended without results. */
export type AiGatewayBatchState = 'pending' | 'failed' | 'expired' | 'cancelled';

/** The constructor options of `AiGatewayBatchError`. */
export interface AiGatewayBatchErrorOptions {
  /** The batch id, as the AI SDK's batch reference holds it. */
  batchId: string;
  /** The AI SDK provider of the batch, e.g. `workers-ai.batch`. */
  provider: string;
  state: AiGatewayBatchState;
  /** The provider's own status word, e.g. `running`, `failed`. */
  rawStatus?: string;
  /** What the provider said about the failure, when it said anything. */
  reason?: string;
  /** The provider's code for the failure, when it gave one. */
  code?: string;
  /** Secret values to scrub from the message. */
  secrets?: readonly string[];
  cause?: unknown;
}

/**
 * The results of a batch were asked for, but the batch has none to give: it is still queued or
 * running (`state: 'pending'`, poll `experimental_getBatchStatus` until it is `completed`), or it
 * ended as a whole without results (`failed`, `expired`, `cancelled`). A batch that completed with
 * some items failed is not this error: those items come as `status: 'failed'` results.
 */
export class AiGatewayBatchError extends AiGatewayError {
  declare private readonly [symbol]: true;

  declare readonly batchId: string;
  declare readonly provider: string;
  declare readonly state: AiGatewayBatchState;
  declare readonly rawStatus: string | undefined;
  declare readonly reason: string | undefined;
  declare readonly code: string | undefined;

  constructor({ batchId, provider, state, rawStatus, reason, code, secrets = [], cause }: AiGatewayBatchErrorOptions) {
    const id = JSON.stringify(batchId.slice(0, 200));
    const said = reason === undefined ? '' : `: ${redactText(reason.slice(0, 500), secrets)}`;
    super({
      message:
        state === 'pending'
          ? `${provider} batch ${id} is not complete yet (${rawStatus ?? 'pending'}); poll experimental_getBatchStatus until its status is "completed", then ask for its results.`
          : `${provider} batch ${id} ${state === 'cancelled' ? 'was cancelled' : state === 'expired' ? 'expired' : 'failed'} without results${said}.`,
      cause,
    });
    markError(this, name);
    this.batchId = batchId;
    this.provider = provider;
    this.state = state;
    this.rawStatus = rawStatus;
    this.reason = reason === undefined ? undefined : redactText(reason, secrets);
    this.code = code;
  }

  static override isInstance(error: unknown): error is AiGatewayBatchError {
    return hasMarker(error, name);
  }

  override toJSON(): Record<string, unknown> {
    return withFields(super.toJSON(), this, ['batchId', 'provider', 'state', 'rawStatus', 'reason', 'code']);
  }
}
