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

/**
 * The typed error for an error thrown by the Workers binding (`env.AI.gateway(id).run(...)`), whose
 * message has the form `"2021: Insufficient AI Gateway credits"` (name `AiGatewayError`); undefined
 * for any other thrown value. An `AiGatewayResponseError` is returned as it is. The original error
 * becomes the (redacted) cause.
 */
export function gatewayErrorFromBindingError(
  error: unknown,
  options: GatewayErrorFromBindingErrorOptions = {},
): AiGatewayResponseError | undefined {
  if (AiGatewayResponseError.isInstance(error)) return error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { message } = error as { message?: unknown };
  if (typeof message !== 'string') return undefined;
  const match = BINDING_MESSAGE.exec(message);
  if (!match) return undefined;
  const [, code = '', text = ''] = match;
  return gatewayErrorFromCode({ code: Number(code), message: text.trim(), cause: error, ...options });
}
