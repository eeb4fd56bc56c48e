import { AiGatewayError } from './ai-gateway-error';
import { describeValue } from './describe-value';
import { hasMarker } from './has-marker';
import { markError } from './mark-error';
import { withFields } from './with-fields';

const name = 'AI_AiGatewayInvalidOptionsError';
declare const symbol: unique symbol;

/** The constructor options of `AiGatewayInvalidOptionsError`. */
export interface AiGatewayInvalidOptionsErrorOptions {
  /** Dotted path of the option, e.g. `retries.maxAttempts` or `providerOptions.aigateway.cacheTtl`. */
  option: string;
  /** What is wrong, a short phrase, e.g. `out of range` or `is an empty list`. */
  problem: string;
  /** What would be accepted, e.g. `an integer from 1 to 5`. */
  allowed: string;
  /**
   * The value given. Described in the message by its type, or as is for numbers, booleans and short
   * strings; never shown when the option's name looks secret (`apiKey`, `token`, `authorization`, `cookie`,
   * `sessionId`, ...).
   * It is not stored on the error.
   */
  value?: unknown;
  cause?: unknown;
}

/** Option names whose values must never be printed. */
const SECRET_OPTION = /key|token|secret|auth|password|credential|signature|cookie|session/i;

function looksSecret(option: string): boolean {
  return option.split('.').some((segment) => segment.toLowerCase() !== 'cachekey' && SECRET_OPTION.test(segment));
}

/**
 * An option passed to the library is not valid; thrown before anything is sent. The message names
 * the option, the value (safely) and what is allowed:
 * `Invalid AI Gateway option "retries.maxAttempts": out of range (got 7); expected an integer from 1 to 5.`
 */
export class AiGatewayInvalidOptionsError extends AiGatewayError {
  declare private readonly [symbol]: true;

  /** Dotted path of the option. */
  declare readonly option: string;
  /** What is wrong with the value. */
  declare readonly problem: string;
  /** What would be accepted. */
  declare readonly allowed: string;

  constructor(options: AiGatewayInvalidOptionsErrorOptions) {
    const { option, problem, allowed, cause } = options;
    const hasValue = 'value' in options;
    const got = !hasValue ? undefined : looksSecret(option) ? `a ${typeof options.value}, not shown` : describeValue(options.value);
    const detail = problem === '' ? (got === undefined ? '' : `got ${got}`) : got === undefined ? problem : `${problem} (got ${got})`;
    super({ message: `Invalid AI Gateway option ${JSON.stringify(option)}: ${detail === '' ? '' : `${detail}; `}expected ${allowed}.`, cause });
    markError(this, name);
    this.option = option;
    this.problem = problem;
    this.allowed = allowed;
  }

  static override isInstance(error: unknown): error is AiGatewayInvalidOptionsError {
    return hasMarker(error, name);
  }

  override toJSON(): Record<string, unknown> {
    return withFields(super.toJSON(), this, ['option', 'problem', 'allowed']);
  }
}
