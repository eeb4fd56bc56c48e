/**
 * `createFireworks`, `fireworks` from `@ai-sdk/fireworks`, with the API key optional: without one, the
 * gateway uses its stored key (BYOK) or Unified Billing.
 * @packageDocumentation
 * @module ai-gateway-provider/providers/fireworks
 */
import { withGatewayDefaults } from './gateway-defaults';
import { importPeer } from './import-peer';

const { createFireworks: original } = await importPeer('@ai-sdk/fireworks', 'fireworks', () => import('@ai-sdk/fireworks'));

/**
 * `createFireworks` from `@ai-sdk/fireworks`, ready for the gateway: the API key is optional (without one the
 * gateway's stored key or Unified Billing is used) and the caller's settings are never modified.
 */
export const createFireworks: typeof original = withGatewayDefaults(original);

/** A default instance without an API key. */
export const fireworks = createFireworks();
