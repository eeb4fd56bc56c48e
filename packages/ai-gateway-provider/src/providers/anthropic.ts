/**
 * `createAnthropic`, `anthropic` from `@ai-sdk/anthropic`, with the API key optional: without one, the
 * gateway uses its stored key (BYOK) or Unified Billing.
 * @packageDocumentation
 * @module ai-gateway-provider/providers/anthropic
 */
import { withGatewayDefaults } from './gateway-defaults';
import { importPeer } from './import-peer';

const { createAnthropic: original } = await importPeer('@ai-sdk/anthropic', 'anthropic', () => import('@ai-sdk/anthropic'));

/**
 * `createAnthropic` from `@ai-sdk/anthropic`, ready for the gateway: the API key is optional (without one the
 * gateway's stored key or Unified Billing is used) and the caller's settings are never modified.
 */
export const createAnthropic: typeof original = withGatewayDefaults(original);

/** A default instance without an API key. */
export const anthropic = createAnthropic();
