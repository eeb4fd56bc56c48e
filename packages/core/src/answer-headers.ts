import { redactText, type SecretMatcher } from '@aigw/errors';
import { callSecretMatcher } from './call-secrets';
import type { GatewayRequest } from './gateway-request';

/**
 * A successful answer's headers with every secret of the call (`callSecrets`) scrubbed from them
 * in every form `redactText` finds, or undefined when none holds one (the usual answer, for which
 * nothing is copied). Each value is checked with the call's `SecretMatcher`, made once per set of
 * secrets, and a value shorter than the shortest form of a secret is not looked at. A value that
 * holds one is scrubbed as `redactText` does (the known credential shapes included); the others are
 * kept as they came, in order, repeated headers (`set-cookie`) each on its own.
 */
export function scrubbedHeaders(headers: Headers, request: GatewayRequest, transportSecrets: readonly string[] | undefined): Headers | undefined {
  const matcher = callSecretMatcher(request, transportSecrets);
  if (matcher.minLength === Infinity) return undefined;
  if (!holdsSecret(headers, matcher)) return undefined;
  const out = new Headers();
  headers.forEach((value, name) => out.append(name, matcher.test(value) ? redactText(value, matcher.secrets) : value));
  return out;
}

/**
 * True when a value of `headers` holds a secret. Values only: the runtime's iterator makes no
 * `[name, value]` pair per header (and `forEach` makes one, and a call, per header).
 */
function holdsSecret(headers: Headers, matcher: SecretMatcher): boolean {
  for (const value of headers.values()) if (matcher.test(value)) return true;
  return false;
}
