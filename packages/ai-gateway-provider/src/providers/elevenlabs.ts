import { createElevenLabs as original } from '@ai-sdk/elevenlabs';
import { withGatewayDefaults } from './gateway-defaults';

/**
 * `createElevenLabs` from `@ai-sdk/elevenlabs`, ready for the gateway: the API key is optional (without one the
 * gateway's stored key or Unified Billing is used) and the caller's settings are never modified.
 */
export const createElevenLabs: typeof original = withGatewayDefaults(original);

/** A default instance without an API key. */
export const elevenlabs = createElevenLabs();
