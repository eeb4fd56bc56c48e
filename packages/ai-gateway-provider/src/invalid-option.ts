import { AiGatewayInvalidOptionsError } from '@aigw/errors';

/**
 * `AiGatewayInvalidOptionsError` from positional arguments. The checks that must throw synchronously
 * load at import in every app; one short call per check keeps them small. Without `value` the
 * message shows none (for values that may be credentials, such as header values).
 */
export const invalidOption = (option: string, problem: string, allowed: string, ...value: [] | [unknown]): AiGatewayInvalidOptionsError =>
  new AiGatewayInvalidOptionsError(value.length === 0 ? { option, problem, allowed } : { option, problem, allowed, value: value[0] });

/**
 * A token as it can be sent in an `authorization` header: printable ASCII without spaces. A token
 * with a space, line break or control character (a copy-paste accident) is refused here with a typed
 * error that never shows it, rather than failing in fetch as a retryable network error.
 */
export function checkToken(value: unknown, option: string): string {
  if (typeof value !== 'string' || !/^[\x21-\x7e]+$/.test(value)) {
    throw invalidOption(option, typeof value === 'string' ? 'contains a space, control or non-ASCII character, or is empty' : 'is not a string', 'a Cloudflare API token (printable ASCII characters, no spaces)');
  }
  return value;
}
