import { AiGatewayResponseError, type AiGatewayResponseErrorOptions } from './ai-gateway-response-error';
import { codeErrorOptions } from './code-error-options';
import { hasMarker } from './has-marker';

const name = 'AI_AiGatewayContentBlockedError';
const symbol = Symbol.for(`vercel.ai.error.${name}`);

/** Which gateway feature blocked the content. */
export type AiGatewayContentBlockSource = 'guardrails' | 'dlp';
/** Whether the prompt (request) or the model's answer (response) was blocked. */
export type AiGatewayContentBlockDirection = 'request' | 'response';

const BY_CODE: Readonly<Record<number, readonly [AiGatewayContentBlockSource, AiGatewayContentBlockDirection]>> = {
  2016: ['guardrails', 'request'],
  2017: ['guardrails', 'response'],
  2029: ['dlp', 'request'],
  2030: ['dlp', 'response'],
};

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
  private readonly [symbol] = true;

  /** `guardrails` (2016, 2017) or `dlp` (2029, 2030). */
  readonly source: AiGatewayContentBlockSource;
  /** `request` (2016, 2029) or `response` (2017, 2030). */
  readonly direction: AiGatewayContentBlockDirection;

  constructor(options: AiGatewayContentBlockedErrorOptions = {}) {
    const code = options.code ?? 2016;
    const [codeSource, codeDirection] = BY_CODE[code] ?? ['guardrails', 'request'];
    const source = options.source ?? codeSource;
    const direction = options.direction ?? codeDirection;
    const feature = source === 'dlp' ? 'Data Loss Prevention (DLP)' : 'Guardrails';
    const what = direction === 'request' ? 'the request (prompt)' : "the model's response";
    const advice =
      direction === 'request'
        ? `Change the prompt, or adjust the ${source === 'dlp' ? 'DLP policies' : 'Guardrails settings'} of the gateway.`
        : `Adjust the ${source === 'dlp' ? 'DLP policies' : 'Guardrails settings'} of the gateway if the response should pass.`;
    super(
      codeErrorOptions(options, {
        code,
        statusCode: source === 'dlp' ? 400 : 424,
        isRetryable: false,
        message: (label, c, quoted) => `${label} ${feature} blocked ${what} (code ${c})${quoted}. ${advice}`,
      }),
    );
    this.name = name;
    this.source = source;
    this.direction = direction;
  }

  static override isInstance(error: unknown): error is AiGatewayContentBlockedError {
    return hasMarker(error, name);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), source: this.source, direction: this.direction };
  }
}
