import { createFireworks as original } from '@ai-sdk/fireworks';
import { withGatewayDefaults } from './gateway-defaults';

/**
 * `createFireworks` from `@ai-sdk/fireworks`, ready for the gateway: the API key is optional (without one the
 * gateway's stored key or Unified Billing is used) and the caller's settings are never modified.
 */
export const createFireworks: typeof original = withGatewayDefaults(original);

/** A default instance without an API key. */
export const fireworks = createFireworks();
