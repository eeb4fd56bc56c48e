/**
 * `createCohere`, `cohere` from `@ai-sdk/cohere`, with the API key optional: without one, the gateway
 * uses its stored key (BYOK) or Unified Billing.
 * @packageDocumentation
 * @module ai-gateway-provider/providers/cohere
 */
import { withGatewayDefaults } from './gateway-defaults';
import { importPeer } from './import-peer';

const { createCohere: original } = await importPeer('@ai-sdk/cohere', 'cohere', () => import('@ai-sdk/cohere'));

/**
 * `createCohere` from `@ai-sdk/cohere`, ready for the gateway: the API key is optional (without one the
 * gateway's stored key or Unified Billing is used) and the caller's settings are never modified.
 */
export const createCohere: typeof original = withGatewayDefaults(original);

/** A default instance without an API key. */
export const cohere = createCohere();
