import { AiGatewayError } from './ai-gateway-error';
import { redactText } from './redact-text';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';
import { withFields } from './with-fields';

const name = 'AI_AiGatewayCaptureError';
declare const symbol: unique symbol;

/** The constructor options of `AiGatewayCaptureError`. */
export interface AiGatewayCaptureErrorOptions {
  /** The model's `provider`. */
  provider: string;
  /** The model's `modelId`. */
  modelId: string;
  /** Why the request could not be captured, a phrase that completes the message. */
  reason: string;
  cause?: unknown;
  /** Raw secrets to scrub from the reason and the cause. */
  secrets?: readonly string[];
}

/**
 * The request a model would send could not be captured: the model does not send HTTP through a
 * configurable `fetch`, sent more than one request, or threw while building its request.
 */
export class AiGatewayCaptureError extends AiGatewayError {
  declare private readonly [symbol]: true;

  declare readonly provider: string;
  declare readonly modelId: string;
  declare readonly reason: string;

  constructor({ provider, modelId, reason, cause, secrets = [] }: AiGatewayCaptureErrorOptions) {
    super({
      message: `Could not capture the request of model ${JSON.stringify(modelId)} (provider ${JSON.stringify(provider)}) for AI Gateway: ${reason}.`,
      cause,
      secrets,
    });
    markError(this, name);
    this.provider = provider;
    this.modelId = modelId;
    this.reason = redactText(reason, secrets);
  }

  static override isInstance(error: unknown): error is AiGatewayCaptureError {
    return hasMarker(error, name);
  }

  override toJSON(): Record<string, unknown> {
    return withFields(super.toJSON(), this, ['provider', 'modelId', 'reason']);
  }
}
