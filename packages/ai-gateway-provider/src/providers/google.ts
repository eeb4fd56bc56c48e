/**
 * `createGoogleGenerativeAI` (alias `createGoogle`), `google` from `@ai-sdk/google`, with the API key
 * optional: without one, the gateway uses its stored key (BYOK) or Unified Billing.
 * @packageDocumentation
 * @module ai-gateway-provider/providers/google
 */
import { withGatewayDefaults } from './gateway-defaults';
import { importPeer } from './import-peer';

const { createGoogleGenerativeAI: original } = await importPeer('@ai-sdk/google', 'google', () => import('@ai-sdk/google'));

/**
 * `createGoogleGenerativeAI` from `@ai-sdk/google`, ready for the gateway: the API key is optional (without one the
 * gateway's stored key or Unified Billing is used) and the caller's settings are never modified.
 */
export const createGoogleGenerativeAI: typeof original = withGatewayDefaults(original);

/** A default instance without an API key. */
export const google = createGoogleGenerativeAI();

/** Alias of `createGoogleGenerativeAI`. */
export const createGoogle = createGoogleGenerativeAI;
