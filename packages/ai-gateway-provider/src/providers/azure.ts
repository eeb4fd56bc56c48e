/**
 * `createAzure`, `azure` from `@ai-sdk/azure`, with the API key optional: without one, the gateway
 * uses its stored key (BYOK) or Unified Billing.
 * @packageDocumentation
 * @module ai-gateway-provider/providers/azure
 */
import { withGatewayDefaults } from './gateway-defaults';
import { importPeer } from './import-peer';

const { createAzure: original } = await importPeer('@ai-sdk/azure', 'azure', () => import('@ai-sdk/azure'));

/**
 * `createAzure` from `@ai-sdk/azure`, ready for the gateway: the API key is optional (without one the
 * gateway's stored key or Unified Billing is used) and the caller's settings are never modified.
 */
export const createAzure: typeof original = withGatewayDefaults(original);

/** A default instance without an API key. */
export const azure = createAzure();
