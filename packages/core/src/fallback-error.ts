import { AiGatewayFallbackError, type AiGatewayAttempt } from '@aigw/errors';
import { callSecrets } from './call-secrets';
import type { GatewayRequest } from './gateway-request';
import { normalizeHeaders, type HeadersLike } from './headers';

/** What an answer error (a provider's `APICallError` or a gateway error) tells about its leg. */
interface AnswerError {
  statusCode?: unknown;
  responseHeaders?: unknown;
  code?: unknown;
  gatewayMessage?: unknown;
  message?: unknown;
}

const UNREPORTED = "failed; the gateway moved on to the next leg and does not send this leg's answer back";

/**
 * Wraps the error of a fallback list whose every leg failed in an `AiGatewayFallbackError` that
 * lists each leg the gateway tried. The gateway answers with the last tried leg only (`cf-aig-step`, its status, body
 * and log id); for the legs before it, all that is known is that they failed. Errors that carry no
 * gateway answer (network, abort, invalid options) and single-model calls are returned unchanged.
 */
export function withFallbackAttempts(options: {
  error: unknown;
  request: GatewayRequest | undefined;
  legs: readonly { readonly model: object }[];
}): unknown {
  const { error, request, legs } = options;
  if (request === undefined || legs.length < 2 || typeof error !== 'object' || error === null || AiGatewayFallbackError.isInstance(error)) return error;
  const answer = error as AnswerError;
  if (typeof answer.statusCode !== 'number' || answer.statusCode < 400) return error;
  const headers = typeof answer.responseHeaders === 'object' ? normalizeHeaders(answer.responseHeaders as HeadersLike | null) : {};
  const stepText = headers['cf-aig-step']?.trim() ?? '';
  const step = /^\d+$/.test(stepText) ? Number(stepText) : Number.NaN;
  // Only when the chain ran to its end: a gateway error that stopped it earlier (authentication,
  // rate limit, a BYOK alias) keeps its own class, which callers check for.
  if (step !== request.steps.length - 1) return error;
  const attempts: AiGatewayAttempt[] = [];
  for (let index = 0; index <= step; index++) {
    const model = legs[index]!.model as { provider?: unknown; modelId?: unknown };
    const leg = { index, provider: request.steps[index]!.provider, modelProvider: textOr(model.provider), modelId: textOr(model.modelId) };
    if (index < step) {
      attempts.push({ ...leg, message: UNREPORTED });
      continue;
    }
    const gatewayMessage = typeof answer.gatewayMessage === 'string' && answer.gatewayMessage !== '' ? answer.gatewayMessage : undefined;
    attempts.push({
      ...leg,
      status: answer.statusCode,
      ...(typeof answer.code === 'number' ? { code: answer.code } : {}),
      message: gatewayMessage ?? (typeof answer.message === 'string' ? answer.message : 'failed'),
      ...(headers['cf-aig-log-id'] !== undefined ? { logId: headers['cf-aig-log-id'] } : {}),
    });
  }
  const secrets = callSecrets(request);
  return new AiGatewayFallbackError({ attempts, cause: error, secrets });
}

function textOr(value: unknown): string {
  return typeof value === 'string' ? value : 'unknown';
}
