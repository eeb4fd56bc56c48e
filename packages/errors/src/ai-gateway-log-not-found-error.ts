import { AiGatewayError } from './ai-gateway-error';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';
import { withFields } from './with-fields';

const name = 'AI_AiGatewayLogNotFoundError';
declare const symbol: unique symbol;

/** The constructor options of `AiGatewayLogNotFoundError`. */
export interface AiGatewayLogNotFoundErrorOptions {
  logId: string;
  /** How many times the log was asked for before giving up. */
  lookups: number;
  cause?: unknown;
}

/**
 * The gateway has no log with this id: it was never stored (`collectLog: false`, an unknown id), or
 * it was still being written when the last lookup was made (right after a streamed call).
 */
export class AiGatewayLogNotFoundError extends AiGatewayError {
  declare private readonly [symbol]: true;

  declare readonly logId: string;
  declare readonly lookups: number;

  constructor({ logId, lookups, cause }: AiGatewayLogNotFoundErrorOptions) {
    super({
      message:
        `AI Gateway log ${JSON.stringify(logId.slice(0, 64))} was not found (${lookups} ${lookups === 1 ? 'lookup' : 'lookups'}). ` +
        'Check the log id and that logging is on for the gateway and the request (collectLog); a log of a streamed call may take a few seconds to appear.',
      cause,
    });
    markError(this, name);
    this.logId = logId;
    this.lookups = lookups;
  }

  static override isInstance(error: unknown): error is AiGatewayLogNotFoundError {
    return hasMarker(error, name);
  }

  override toJSON(): Record<string, unknown> {
    return withFields(super.toJSON(), this, ['logId', 'lookups']);
  }
}
