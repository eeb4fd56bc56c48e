import { createXai as original } from '@ai-sdk/xai';
import { withGatewayDefaults } from './gateway-defaults';

/**
 * `createXai` from `@ai-sdk/xai`, ready for the gateway: the API key is optional (without one the
 * gateway's stored key or Unified Billing is used) and the caller's settings are never modified.
 */
export const createXai: typeof original = withGatewayDefaults(original);

/** A default instance without an API key. */
export const xai = createXai();
