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
