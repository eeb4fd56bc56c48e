/**
 * `createDeepgram`, `deepgram` from `@ai-sdk/deepgram`, with the API key optional: without one, the
 * gateway uses its stored key (BYOK) or Unified Billing.
 * @packageDocumentation
 * @module ai-gateway-provider/providers/deepgram
 */
import { withGatewayDefaults } from './gateway-defaults';
import { importPeer } from './import-peer';

const { createDeepgram: original } = await importPeer('@ai-sdk/deepgram', 'deepgram', () => import('@ai-sdk/deepgram'));

/**
 * `createDeepgram` from `@ai-sdk/deepgram`, ready for the gateway: the API key is optional (without one the
 * gateway's stored key or Unified Billing is used) and the caller's settings are never modified.
 */
export const createDeepgram: typeof original = withGatewayDefaults(original);

/** A default instance without an API key. */
export const deepgram = createDeepgram();
