/**
 * The API key the facade's `providers/*` factories give a provider SDK when the caller gave none, so
 * that the SDK builds its request; core drops every auth header that carries it, and the gateway then
 * uses its stored (BYOK) key or Unified Billing. `CF_TEMP_TOKEN` is the placeholder of Cloudflare's
 * ai-gateway-provider 4.x, recognised for programs that set it themselves.
 */
export const PLACEHOLDER_API_KEY = 'aigw-byok-placeholder';

const PLACEHOLDER = new RegExp(`${PLACEHOLDER_API_KEY}|CF_TEMP_TOKEN`);

/** True when a header value carries a placeholder key rather than a real one. */
export function isPlaceholderCredential(value: string): boolean {
  return PLACEHOLDER.test(value);
}
