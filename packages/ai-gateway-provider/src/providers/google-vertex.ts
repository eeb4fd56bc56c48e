/**
 * `createVertex` (express mode, edge build), `vertex` from `@ai-sdk/google-vertex`, with the API key
 * optional: without one, the gateway uses its stored key (BYOK) or Unified Billing.
 * @packageDocumentation
 * @module ai-gateway-provider/providers/google-vertex
 */
import { readEnv } from '../env';
import { withGatewayDefaults } from './gateway-defaults';
import { importPeer } from './import-peer';

const { createVertex: original } = await importPeer('@ai-sdk/google-vertex', 'google-vertex', () => import('@ai-sdk/google-vertex/edge'));

/**
 * `createVertex` from `@ai-sdk/google-vertex/edge`, ready for the gateway: the API key is optional (without one the
 * gateway's stored key or Unified Billing is used) and the caller's settings are never modified.
 */
export const createVertex: typeof original = withGatewayDefaults(original, {
  // No credentials of any kind (settings or environment): the gateway's stored key is used.
  needsPlaceholder: (s) => s.apiKey === undefined && !s.googleCredentials && !readEnv('GOOGLE_VERTEX_API_KEY') && !readEnv('GOOGLE_CLIENT_EMAIL'),
});

/** A default instance without an API key. */
export const vertex = createVertex();

/** Alias of `createVertex`. */
export const createGoogleVertex = createVertex;
