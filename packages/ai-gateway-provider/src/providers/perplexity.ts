import { withGatewayDefaults } from './gateway-defaults';
import { importPeer } from './import-peer';

const { createPerplexity: original } = await importPeer('@ai-sdk/perplexity', 'perplexity', () => import('@ai-sdk/perplexity'));

/**
 * `createPerplexity` from `@ai-sdk/perplexity`, ready for the gateway: the API key is optional (without one the
 * gateway's stored key or Unified Billing is used) and the caller's settings are never modified.
 */
export const createPerplexity: typeof original = withGatewayDefaults(original);

/** A default instance without an API key. */
export const perplexity = createPerplexity();
