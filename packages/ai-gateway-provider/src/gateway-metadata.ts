import type { GatewayCallResult } from '@aigw/core';
import { AiGatewayFallbackError, type AiGatewayAttempt } from '@aigw/errors';
import { PROVIDER_OPTIONS_KEY, type AiGatewayMetadata, type AiGatewaySkippedLeg, type ResolvedLeg } from './model-types';

// What the gateway tells about a call, in `providerMetadata.aigateway`: made here for each result,
// and read back from results (`gatewayMetadata`) and from the error of a failed list (`gatewayAttempts`).

/**
 * The metadata of a call that answered: the gateway's, the model that answered, and the legs
 * before it. The gateway tries the legs in order and moves on only when a leg fails, so each leg
 * before the one that answered failed (the gateway does not say how).
 */
export function callMetadata(gateway: GatewayCallResult<unknown>, legs: readonly ResolvedLeg[]): AiGatewayMetadata {
  const step = gateway.metadata.step;
  const winner = legs[step]!.model;
  if (step === 0) return { ...gateway.metadata, modelId: winner.modelId, modelProvider: winner.provider, steps: legs.length };
  const skipped: AiGatewaySkippedLeg[] = [];
  for (let index = 0; index < step; index++) {
    const model = legs[index]!.model;
    skipped.push({ index, provider: gateway.request.steps[index]!.provider, modelProvider: model.provider, modelId: model.modelId });
  }
  return { ...gateway.metadata, modelId: winner.modelId, modelProvider: winner.provider, steps: legs.length, skipped };
}

/** Adds `aigateway` metadata to a result's `providerMetadata`. */
export function withGatewayMetadata<T extends object>(result: T, metadata: AiGatewayMetadata): T {
  const current = (result as { providerMetadata?: Record<string, Record<string, unknown>> }).providerMetadata;
  // `metadata` is built for each call (`callMetadata`) and handed over as it is.
  return { ...result, providerMetadata: { ...current, [PROVIDER_OPTIONS_KEY]: metadata } };
}

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

/**
 * The legs tried by a failed fallback list, from the error a call threw: an `AiGatewayFallbackError`
 * itself, or the AI SDK's `RetryError` around it (its last error: the last of the SDK's own
 * retries). Undefined for any other error.
 */
export function gatewayAttempts(error: unknown): readonly AiGatewayAttempt[] | undefined {
  if (AiGatewayFallbackError.isInstance(error)) return error.attempts;
  const last = typeof error === 'object' && error !== null ? (error as { lastError?: unknown }).lastError : undefined;
  return AiGatewayFallbackError.isInstance(last) ? last.attempts : undefined;
}
