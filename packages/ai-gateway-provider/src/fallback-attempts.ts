import type { GatewayRequest } from '@aigw/core';
import { AiGatewayFallbackError, type AiGatewayAttempt } from '@aigw/errors';

/** A leg of a fallback list that failed before the leg that answered (`providerMetadata.aigateway.skipped`). */
// A type, not an interface: it must fit the AI SDK's JSON metadata type (which needs an index signature).
export type AiGatewaySkippedLeg = {
  readonly index: number;
  /** Gateway provider id of the leg, e.g. `openai`. */
  readonly provider: string;
  /** The AI SDK provider name of the leg's model, e.g. `openai.chat`. */
  readonly modelProvider: string;
  readonly modelId: string;
};

/**
 * The legs before the one that answered: the gateway tries them in order and moves on only when a
 * leg fails, so each of them failed (the gateway does not say how). Empty for the primary.
 */
export function skippedLegs(options: {
  step: number;
  request: GatewayRequest;
  legs: readonly { readonly model: { readonly provider: string; readonly modelId: string } }[];
}): AiGatewaySkippedLeg[] {
  const out: AiGatewaySkippedLeg[] = [];
  for (let index = 0; index < options.step; index++) {
    const model = options.legs[index]!.model;
    out.push({ index, provider: options.request.steps[index]!.provider, modelProvider: model.provider, modelId: model.modelId });
  }
  return out;
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
