import { PROVIDER_OPTIONS_KEY, type AiGatewayMetadata } from './gateway-model';

type WithProviderMetadata = { providerMetadata?: Record<string, unknown> | undefined } | undefined | null;

/**
 * The gateway metadata of a result, typed: `providerMetadata.aigateway` of `generateText`, `embed`,
 * `rerank`, ... results, of a stream's finish (`{ providerMetadata: await result.providerMetadata }`),
 * or of the first image of `generateImage`. Undefined when the result did not come through the gateway.
 */
export function gatewayMetadata(result: WithProviderMetadata): AiGatewayMetadata | undefined {
  const entry = result?.providerMetadata?.[PROVIDER_OPTIONS_KEY];
  if (typeof entry !== 'object' || entry === null) return undefined;
  const metadata = entry as Partial<AiGatewayMetadata> & { images?: unknown };
  if (typeof metadata.step === 'number') return metadata as AiGatewayMetadata;
  const first: unknown = Array.isArray(metadata.images) ? metadata.images[0] : undefined;
  return typeof first === 'object' && first !== null && typeof (first as { step?: unknown }).step === 'number' ? (first as AiGatewayMetadata) : undefined;
}
