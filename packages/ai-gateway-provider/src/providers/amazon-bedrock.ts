import { createAmazonBedrock as original } from '@ai-sdk/amazon-bedrock';
import { hasEnv, withGatewayDefaults } from './gateway-defaults';

/**
 * `createAmazonBedrock` from `@ai-sdk/amazon-bedrock`, ready for the gateway: the API key is optional (without one the
 * gateway's stored key or Unified Billing is used) and the caller's settings are never modified.
 */
export const createAmazonBedrock: typeof original = withGatewayDefaults(original, {
  needsPlaceholder: (s) => s.apiKey === undefined && !(s as { accessKeyId?: unknown; credentialProvider?: unknown }).accessKeyId && !(s as { credentialProvider?: unknown }).credentialProvider && !hasEnv('AWS_ACCESS_KEY_ID') && !hasEnv('AWS_BEARER_TOKEN_BEDROCK'),
});

/** A default instance without an API key. */
export const bedrock = createAmazonBedrock();
