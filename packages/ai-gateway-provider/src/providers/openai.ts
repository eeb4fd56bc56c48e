/**
 * `createOpenAI`, `openai` from `@ai-sdk/openai`, with the API key optional: without one, the gateway
 * uses its stored key (BYOK) or Unified Billing.
 * @packageDocumentation
 * @module ai-gateway-provider/providers/openai
 */
import { withGatewayDefaults } from './gateway-defaults';
import { importPeer } from './import-peer';

const { createOpenAI: original } = await importPeer('@ai-sdk/openai', 'openai', () => import('@ai-sdk/openai'));

/**
 * `createOpenAI` from `@ai-sdk/openai`, ready for the gateway: the API key is optional (without one the
 * gateway's stored key or Unified Billing is used) and the caller's settings are never modified.
 */
export const createOpenAI: typeof original = withGatewayDefaults(original);

/** A default instance without an API key. */
export const openai = createOpenAI();
