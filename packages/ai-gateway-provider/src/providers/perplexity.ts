import { createPerplexity as original } from '@ai-sdk/perplexity';
import { withGatewayDefaults } from './gateway-defaults';

/**
 * `createPerplexity` from `@ai-sdk/perplexity`, ready for the gateway: the API key is optional (without one the
 * gateway's stored key or Unified Billing is used) and the caller's settings are never modified.
 */
export const createPerplexity: typeof original = withGatewayDefaults(original);

/** A default instance without an API key. */
export const perplexity = createPerplexity();
