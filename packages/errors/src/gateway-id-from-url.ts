const MAX_ID = 64;

/**
 * The gateway id in a `https://gateway.ai.cloudflare.com/v1/{account}/{gateway}/...` URL, or in a
 * REST API request's `cf-aig-gateway-id` header; undefined when neither says.
 */
export function gatewayIdFromUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.hostname !== 'gateway.ai.cloudflare.com') return undefined;
    const [version, account, gateway] = parsed.pathname.split('/').filter(Boolean);
    if (version !== 'v1' || account === undefined || account === 'compat' || gateway === undefined) return undefined;
    return decodeURIComponent(gateway).slice(0, MAX_ID);
  } catch {
    return undefined;
  }
}
