import { resolveGatewayOptions, type AiGatewayOptions } from '@aigw/core';

/**
 * The `cf-aig-*` request headers for gateway options, as ai-gateway-provider 4.x exported it.
 * Throws `AiGatewayInvalidOptionsError` for an invalid option.
 */
export function parseAiGatewayOptions(options: AiGatewayOptions): Headers {
  return new Headers(resolveGatewayOptions(options, { path: '' }).headers);
}
