/**
 * `createAmazonBedrock`, `bedrock` from `@ai-sdk/amazon-bedrock`, with the API key optional: without
 * one, the gateway uses its stored key (BYOK) or Unified Billing.
 * @packageDocumentation
 * @module ai-gateway-provider/providers/amazon-bedrock
 */
import { readEnv } from '../env';
import { withGatewayDefaults } from './gateway-defaults';
import { importPeer } from './import-peer';

const { createAmazonBedrock: original } = await importPeer('@ai-sdk/amazon-bedrock', 'amazon-bedrock', () => import('@ai-sdk/amazon-bedrock'));

/**
 * `createAmazonBedrock` from `@ai-sdk/amazon-bedrock`, ready for the gateway: the API key is optional (without one the
 * gateway's stored key or Unified Billing is used) and the caller's settings are never modified.
 */
export const createAmazonBedrock: typeof original = withGatewayDefaults(original, {
  // No credentials of any kind (settings or environment): the gateway's stored key is used.
  needsPlaceholder: (s) =>
    s.apiKey === undefined && !s.accessKeyId && !s.credentialProvider && !readEnv('AWS_ACCESS_KEY_ID') && !readEnv('AWS_BEARER_TOKEN_BEDROCK'),
});

/** A default instance without an API key. */
export const bedrock = createAmazonBedrock();
