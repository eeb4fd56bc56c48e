/**
 * `createXai`, `xai` from `@ai-sdk/xai`, with the API key optional: without one, the gateway uses its
 * stored key (BYOK) or Unified Billing.
 * @packageDocumentation
 * @module ai-gateway-provider/providers/xai
 */
import { withGatewayDefaults } from './gateway-defaults';
import { importPeer } from './import-peer';

const { createXai: original } = await importPeer('@ai-sdk/xai', 'xai', () => import('@ai-sdk/xai'));

/**
 * `createXai` from `@ai-sdk/xai`, ready for the gateway: the API key is optional (without one the
 * gateway's stored key or Unified Billing is used) and the caller's settings are never modified.
 */
export const createXai: typeof original = withGatewayDefaults(original);

/** A default instance without an API key. */
export const xai = createXai();
