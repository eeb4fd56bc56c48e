import { AiGatewayResponseError, type AiGatewayResponseErrorOptions } from './ai-gateway-response-error';
import { codeErrorOptions } from './code-error-options';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';
import { withFields } from './with-fields';

const name = 'AI_AiGatewayContentBlockedError';
declare const symbol: unique symbol;

/** Which gateway feature blocked the content. */
export type AiGatewayContentBlockSource = 'guardrails' | 'dlp';
/** Whether the prompt (request) or the model's answer (response) was blocked. */
export type AiGatewayContentBlockDirection = 'request' | 'response';

/** The constructor options of `AiGatewayContentBlockedError`. */
export interface AiGatewayContentBlockedErrorOptions extends AiGatewayResponseErrorOptions {
  /** Derived from the code when omitted. */
  source?: AiGatewayContentBlockSource;
  /** Derived from the code when omitted. */
  direction?: AiGatewayContentBlockDirection;
}

/**
 * Codes 2016/2017 (Guardrails blocked the prompt / the response; HTTP 424, or 422 on `/run`) and
 * 2029/2030 (Data Loss Prevention blocked the request / the response). Not retryable.
 */
export class AiGatewayContentBlockedError extends AiGatewayResponseError {
  declare private readonly [symbol]: true;

  /** `guardrails` (2016, 2017) or `dlp` (2029, 2030). */
  declare readonly source: AiGatewayContentBlockSource;
  /** `request` (2016, 2029) or `response` (2017, 2030). */
  declare readonly direction: AiGatewayContentBlockDirection;

  constructor(options: AiGatewayContentBlockedErrorOptions = {}) {
    const code = options.code ?? 2016;
    // 2016/2017: Guardrails, 2029/2030: DLP; 2017/2030 block the response. Other codes: as 2016.
    const source = options.source ?? (code === 2029 || code === 2030 ? 'dlp' : 'guardrails');
    const direction = options.direction ?? (code === 2017 || code === 2030 ? 'response' : 'request');
    const settings = source === 'dlp' ? 'DLP policies' : 'Guardrails settings';
    super(
      codeErrorOptions(options, {
        code,
        statusCode: source === 'dlp' ? 400 : 424,
        isRetryable: false,
        message:
          `%L ${source === 'dlp' ? 'Data Loss Prevention (DLP)' : 'Guardrails'} blocked ` +
          (direction === 'request'
            ? `the request (prompt) (code %C)%Q. Change the prompt, or adjust the ${settings} of the gateway.`
            : `the model's response (code %C)%Q. Adjust the ${settings} of the gateway if the response should pass.`),
      }),
    );
    markError(this, name);
    this.source = source;
    this.direction = direction;
  }

  static override isInstance(error: unknown): error is AiGatewayContentBlockedError {
    return hasMarker(error, name);
  }

  override toJSON(): Record<string, unknown> {
    return withFields(super.toJSON(), this, ['source', 'direction']);
  }
}
