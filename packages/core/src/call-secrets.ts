import { collectSecrets, isSecretHeaderName } from '@aigw/errors';
import type { GatewayRequest } from './gateway-request';

/** A header value that looks like a credential whatever its name: a long run of letters and digits, without spaces. */
const SECRET_LOOKING = /^[\w\-.~+/=:]{16,}$/;
const DIGIT = /\d/;
const LETTER = /[A-Za-z]/;
/** The gateway's own options (`cf-aig-cache-key`, `cf-aig-event-id`, ...): never secret, except its token. */
const GATEWAY_OPTION = /^cf-aig-/i;

function addSecretLooking(found: string[], headers: Readonly<Record<string, string>>): void {
  for (const name in headers) {
    const value = headers[name]!;
    if (GATEWAY_OPTION.test(name) || isSecretHeaderName(name)) continue;
    if (SECRET_LOOKING.test(value) && DIGIT.test(value) && LETTER.test(value)) found.push(value);
  }
}

/**
 * Every secret a call carries, to scrub from whatever comes back: the transport's (the gateway
 * token, secret extra headers), the credentials in the request's and each step's headers (provider
 * keys, given to the provider, per call through the AI SDK's `headers` or by the model's own
 * settings, or in the endpoint's query), and the values of other step headers that look like credentials (a long run of letters
 * and digits, e.g. `x-team-ref: 9f8c...`).
 */
export function callSecrets(request: GatewayRequest, transportSecrets?: readonly string[]): string[] {
  const found: string[] = transportSecrets === undefined ? [] : [...transportSecrets];
  found.push(...collectSecrets(request.headers));
  addSecretLooking(found, request.headers);
  for (const step of request.steps) {
    found.push(...collectSecrets(step.headers, step.endpoint));
    addSecretLooking(found, step.headers);
  }
  return found;
}
