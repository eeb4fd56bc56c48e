import { createAzure as original } from '@ai-sdk/azure';
import { withGatewayDefaults } from './gateway-defaults';

/**
 * `createAzure` from `@ai-sdk/azure`, ready for the gateway: the API key is optional (without one the
 * gateway's stored key or Unified Billing is used) and the caller's settings are never modified.
 */
export const createAzure: typeof original = withGatewayDefaults(original);

/** A default instance without an API key. */
export const azure = createAzure();
