import { pathSegment } from '@aigw/core';
import { AiGatewayInvalidOptionsError } from '@aigw/errors';
import type { ModelIdentity } from '../model-types';

/** Google's operation name: `models/{model}/operations/{id}`, each part one checked path segment. */
const GOOGLE_OPERATION = /^models\/[^/]+\/operations\/[^/]+$/;
/** Replicate's prediction URL: `https://api.replicate.com/v1/predictions/{id}`. */
const REPLICATE_PREDICTION = /^https:\/\/api\.replicate\.com\/v1\/predictions\/([^/]*)$/;

/**
 * Checks, before anything is sent, the parts of an operation reference that the model puts into its
 * poll's URL: an operation comes back from the caller (`experimental_getVideoStatus`), who may have
 * stored it anywhere. Google's `operationName` and Replicate's prediction id each go through core's
 * `pathSegment`; a reference of another shape is checked where its URL is (core's `encodeStep`).
 */
export function checkOperation(model: ModelIdentity, operation: unknown): void {
  if (typeof operation !== 'object' || operation === null) return;
  const op = operation as Record<string, unknown>;
  if ('operationName' in op) {
    pathSegment(op.operationName, {
      option: 'operation.operationName',
      allowed: `an operation name of ${model.provider} such as "models/veo-3.0-generate-001/operations/abc123"`,
      pattern: GOOGLE_OPERATION,
      slashes: true,
    });
  }
  if ('getUrl' in op) {
    const match = typeof op.getUrl === 'string' ? REPLICATE_PREDICTION.exec(op.getUrl) : null;
    if (match === null) {
      throw new AiGatewayInvalidOptionsError({
        option: 'operation.getUrl',
        value: op.getUrl,
        problem: 'is not a Replicate prediction URL',
        allowed: 'https://api.replicate.com/v1/predictions/{id}, as experimental_startVideo gave it',
      });
    }
    pathSegment(match[1], { option: 'operation.getUrl', allowed: 'a prediction id of letters and digits', pattern: /^[A-Za-z0-9]+$/ });
  }
}
