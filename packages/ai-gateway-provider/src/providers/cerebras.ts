/**
 * `createCerebras`, `cerebras` from `@ai-sdk/cerebras`, with the API key optional: without one, the
 * gateway uses its stored key (BYOK) or Unified Billing.
 * @packageDocumentation
 * @module ai-gateway-provider/providers/cerebras
 */
import { withGatewayDefaults } from './gateway-defaults';
import { importPeer } from './import-peer';

const { createCerebras: original } = await importPeer('@ai-sdk/cerebras', 'cerebras', () => import('@ai-sdk/cerebras'));

/**
 * `createCerebras` from `@ai-sdk/cerebras`, ready for the gateway: the API key is optional (without one the
 * gateway's stored key or Unified Billing is used) and the caller's settings are never modified.
 */
export const createCerebras: typeof original = withGatewayDefaults(original);

/** A default instance without an API key. */
export const cerebras = createCerebras();
