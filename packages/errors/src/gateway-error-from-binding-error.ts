import { AiGatewayResponseError } from './ai-gateway-response-error';
import { gatewayErrorFromCode } from './gateway-error-from-code';
import type { RedactableRequest } from './redact-request';

/** Context the binding transport knows, for messages and scrubbing. */
export interface GatewayErrorFromBindingErrorOptions {
  gatewayId?: string;
  request?: RedactableRequest;
  secrets?: readonly string[];
}

/** `2021: Insufficient AI Gateway credits`: a 4- or 5-digit gateway code, a colon, the message. */
const BINDING_MESSAGE = /^\s*(\d{4,5})\s*:\s*([\s\S]*)$/;

/** A finite number field of the thrown error, if it has one. */
function numberField(error: object, key: string): number | undefined {
  const value = (error as Record<string, unknown>)[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * The typed error for an error thrown by the Workers binding (`env.AI.gateway(id).run(...)`, `env.AI.run`):
 * a message of the form `"2021: Insufficient AI Gateway credits"`, or an error named
 * `AiGatewayError` whose message has no code (a policy's refusal, `"Access denied by policy"`),
 * classed by its `internalCode` and `httpCode` fields when it has them, else by its message; a
 * policy spend cap's `bucket`, `spent` and `limit` fields are kept. Undefined for any other thrown
 * value. An `AiGatewayResponseError` is returned as it is. The original error becomes the
 * (redacted) cause.
 */
export function gatewayErrorFromBindingError(
  error: unknown,
  options: GatewayErrorFromBindingErrorOptions = {},
): AiGatewayResponseError | undefined {
  if (AiGatewayResponseError.isInstance(error)) return error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { message, name } = error as { message?: unknown; name?: unknown };
  if (typeof message !== 'string') return undefined;
  const match = BINDING_MESSAGE.exec(message);
  if (match) {
    const [, code = '', text = ''] = match;
    return gatewayErrorFromCode({ code: Number(code), message: text.trim(), statusCode: numberField(error, 'httpCode'), cause: error, ...options });
  }
  if (name !== 'AiGatewayError' || message.trim() === '') return undefined;
  const code = numberField(error, 'internalCode');
  const bucket = (error as { bucket?: unknown }).bucket;
  return gatewayErrorFromCode({
    code: code !== undefined && Number.isInteger(code) ? code : null,
    message: message.trim(),
    statusCode: numberField(error, 'httpCode'),
    cause: error,
    ...(typeof bucket === 'string' ? { bucket } : {}),
    spent: numberField(error, 'spent'),
    limit: numberField(error, 'limit'),
    ...options,
  });
}
