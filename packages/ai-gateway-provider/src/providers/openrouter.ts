/**
 * `createOpenRouter`, `openrouter` from `@openrouter/ai-sdk-provider`, with the API key optional:
 * without one, the gateway uses its stored key (BYOK) or Unified Billing.
 * @packageDocumentation
 * @module ai-gateway-provider/providers/openrouter
 */
import { withGatewayDefaults } from './gateway-defaults';
import { importPeer } from './import-peer';

const { createOpenRouter: original } = await importPeer('@openrouter/ai-sdk-provider', 'openrouter', () => import('@openrouter/ai-sdk-provider'));

/**
 * `createOpenRouter` from `@openrouter/ai-sdk-provider`, ready for the gateway: the API key is optional (without one the
 * gateway's stored key or Unified Billing is used) and the caller's settings are never modified.
 */
export const createOpenRouter: typeof original = withGatewayDefaults(original);

/** A default instance without an API key. */
export const openrouter = createOpenRouter();
