import { createGoogleGenerativeAI as original } from '@ai-sdk/google';
import { withGatewayDefaults } from './gateway-defaults';

/**
 * `createGoogleGenerativeAI` from `@ai-sdk/google`, ready for the gateway: the API key is optional (without one the
 * gateway's stored key or Unified Billing is used) and the caller's settings are never modified.
 */
export const createGoogleGenerativeAI: typeof original = withGatewayDefaults(original);

/** A default instance without an API key. */
export const google = createGoogleGenerativeAI();

/** Alias of `createGoogleGenerativeAI`. */
export const createGoogle = createGoogleGenerativeAI;
