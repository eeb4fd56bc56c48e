import { createVertex as original } from '@ai-sdk/google-vertex/edge';
import { hasEnv, withGatewayDefaults } from './gateway-defaults';

/**
 * `createVertex` from `@ai-sdk/google-vertex/edge`, ready for the gateway: the API key is optional (without one the
 * gateway's stored key or Unified Billing is used) and the caller's settings are never modified.
 */
export const createVertex: typeof original = withGatewayDefaults(original, {
  needsPlaceholder: (s) => s.apiKey === undefined && !(s as { googleCredentials?: unknown }).googleCredentials && !hasEnv('GOOGLE_VERTEX_API_KEY') && !hasEnv('GOOGLE_CLIENT_EMAIL'),
});

/** A default instance without an API key. */
export const vertex = createVertex();

/** Alias of `createVertex`. */
export const createGoogleVertex = createVertex;
