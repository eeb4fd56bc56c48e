/**
 * `createMistral`, `mistral` from `@ai-sdk/mistral`, with the API key optional: without one, the
 * gateway uses its stored key (BYOK) or Unified Billing.
 * @packageDocumentation
 * @module ai-gateway-provider/providers/mistral
 */
import { withGatewayDefaults } from './gateway-defaults';
import { importPeer } from './import-peer';

const { createMistral: original } = await importPeer('@ai-sdk/mistral', 'mistral', () => import('@ai-sdk/mistral'));

/**
 * `createMistral` from `@ai-sdk/mistral`, ready for the gateway: the API key is optional (without one the
 * gateway's stored key or Unified Billing is used) and the caller's settings are never modified.
 */
export const createMistral: typeof original = withGatewayDefaults(original);

/** A default instance without an API key. */
export const mistral = createMistral();
