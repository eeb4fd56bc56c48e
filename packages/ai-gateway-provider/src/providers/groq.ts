import { createGroq as original } from '@ai-sdk/groq';
import { withGatewayDefaults } from './gateway-defaults';

/**
 * `createGroq` from `@ai-sdk/groq`, ready for the gateway: the API key is optional (without one the
 * gateway's stored key or Unified Billing is used) and the caller's settings are never modified.
 */
export const createGroq: typeof original = withGatewayDefaults(original);

/** A default instance without an API key. */
export const groq = createGroq();
