import { AiGatewayInvalidOptionsError } from '@aigw/errors';

/**
 * `AiGatewayInvalidOptionsError` from positional arguments. The checks that must throw synchronously
 * load at import in every app; one short call per check keeps them small. Without `value` the
 * message shows none (for values that may be credentials, such as header values).
 */
export const invalidOption = (option: string, problem: string, allowed: string, ...value: [] | [unknown]): AiGatewayInvalidOptionsError =>
  new AiGatewayInvalidOptionsError(value.length === 0 ? { option, problem, allowed } : { option, problem, allowed, value: value[0] });
