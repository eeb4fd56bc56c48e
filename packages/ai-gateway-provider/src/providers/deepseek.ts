/**
 * `createDeepSeek`, `deepseek` from `@ai-sdk/deepseek`, with the API key optional: without one, the
 * gateway uses its stored key (BYOK) or Unified Billing.
 * @packageDocumentation
 * @module ai-gateway-provider/providers/deepseek
 */
import { withGatewayDefaults } from './gateway-defaults';
import { importPeer } from './import-peer';

const { createDeepSeek: original } = await importPeer('@ai-sdk/deepseek', 'deepseek', () => import('@ai-sdk/deepseek'));

/**
 * `createDeepSeek` from `@ai-sdk/deepseek`, ready for the gateway: the API key is optional (without one the
 * gateway's stored key or Unified Billing is used) and the caller's settings are never modified.
 */
export const createDeepSeek: typeof original = withGatewayDefaults(original);

/** A default instance without an API key. */
export const deepseek = createDeepSeek();
