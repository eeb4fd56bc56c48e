import { pathSegment } from '@aigw/core';
import { invalidOption } from '../invalid-option';
import type { AiGatewayResumeSettings } from '../settings';
import type { ResumeFetch, ResumeOptions } from '@aigw/transport-binding';

const DEFAULT_MAX_RECONNECTS = 5;

/**
 * Checks the `resume` setting when the gateway instance is created, before anything is sent: what
 * `@aigw/transport-binding`'s `withResume` runs with, once the binding transport is loaded on the
 * first call. The check stays here so that a bad setting fails `createAiGateway` itself while HTTP
 * apps never load the binding package.
 */
export function checkResume(settings: AiGatewayResumeSettings): ResumeOptions {
  if (typeof settings !== 'object' || settings === null) {
    throw invalidOption('resume', 'is not an object', "{ binding: env.AI, gateway: 'my-gateway', maxReconnects?, onResumeExpired? }", settings);
  }
  const ai = settings.binding as { fetch?: unknown } | null | undefined;
  if (typeof ai !== 'object' || ai === null || typeof ai.fetch !== 'function') {
    const gatewayBinding = typeof ai === 'object' && ai !== null && typeof (ai as { run?: unknown }).run === 'function' && typeof (ai as { gateway?: unknown }).gateway !== 'function';
    throw invalidOption(
      'resume.binding',
      gatewayBinding ? 'has no fetch method: this looks like env.AI.gateway(id), not env.AI itself' : 'has no fetch method',
      'the whole env.AI binding (its fetch reaches the resume endpoint)',
      ai,
    );
  }
  // A path segment of the resume URL.
  pathSegment(settings.gateway, { option: 'resume.gateway', allowed: 'the id of the gateway the binding sends to, 1 to 64 letters, digits, "-" or "_"', pattern: /^[A-Za-z0-9_-]{1,64}$/ });
  const maxReconnects = settings.maxReconnects ?? DEFAULT_MAX_RECONNECTS;
  if (!Number.isInteger(maxReconnects) || maxReconnects < 0 || maxReconnects > 100) {
    throw invalidOption('resume.maxReconnects', 'is not an integer from 0 to 100', `an integer from 0 to 100 (default ${DEFAULT_MAX_RECONNECTS})`, maxReconnects);
  }
  if (settings.onResumeExpired !== undefined && typeof settings.onResumeExpired !== 'function') {
    throw invalidOption('resume.onResumeExpired', 'is not a function', 'a function called with { runId, fromEvent }', settings.onResumeExpired);
  }
  const bound = ai as { fetch: ResumeFetch };
  return { fetch: (url, init) => bound.fetch(url, init), gateway: settings.gateway, maxReconnects, onResumeExpired: settings.onResumeExpired };
}
