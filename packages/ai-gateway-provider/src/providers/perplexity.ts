/**
 * `createPerplexity`, `perplexity` from `@ai-sdk/perplexity`, with the API key optional: without one,
 * the gateway uses its stored key (BYOK) or Unified Billing.
 * @packageDocumentation
 * @module ai-gateway-provider/providers/perplexity
 */
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
