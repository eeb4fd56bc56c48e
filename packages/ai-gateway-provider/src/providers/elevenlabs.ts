/**
 * `createElevenLabs`, `elevenlabs` from `@ai-sdk/elevenlabs`, with the API key optional: without one,
 * the gateway uses its stored key (BYOK) or Unified Billing.
 * @packageDocumentation
 * @module ai-gateway-provider/providers/elevenlabs
 */
import { withGatewayDefaults } from './gateway-defaults';
import { importPeer } from './import-peer';

const { createElevenLabs: original } = await importPeer('@ai-sdk/elevenlabs', 'elevenlabs', () => import('@ai-sdk/elevenlabs'));

/**
 * `createElevenLabs` from `@ai-sdk/elevenlabs`, ready for the gateway: the API key is optional (without one the
 * gateway's stored key or Unified Billing is used) and the caller's settings are never modified.
 */
export const createElevenLabs: typeof original = withGatewayDefaults(original);

/** A default instance without an API key. */
export const elevenlabs = createElevenLabs();
