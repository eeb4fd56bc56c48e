/**
 * `createGroq`, `groq` from `@ai-sdk/groq`, with the API key optional: without one, the gateway uses
 * its stored key (BYOK) or Unified Billing.
 * @packageDocumentation
 * @module ai-gateway-provider/providers/groq
 */
import { withGatewayDefaults } from './gateway-defaults';
import { importPeer } from './import-peer';

const { createGroq: original } = await importPeer('@ai-sdk/groq', 'groq', () => import('@ai-sdk/groq'));

/**
 * `createGroq` from `@ai-sdk/groq`, ready for the gateway: the API key is optional (without one the
 * gateway's stored key or Unified Billing is used) and the caller's settings are never modified.
 */
export const createGroq: typeof original = withGatewayDefaults(original);

/** A default instance without an API key. */
export const groq = createGroq();
