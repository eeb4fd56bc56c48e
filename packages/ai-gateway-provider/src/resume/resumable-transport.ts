import type { GatewayTransport } from '@aigw/core';
import { AiGatewayInvalidOptionsError } from '@aigw/errors';
import type { AiGatewayResumeSettings } from '../settings';
import type { ResumeFetch } from './resumable-body';

const DEFAULT_MAX_RECONNECTS = 5;

/** The binding's resume endpoint for a run (PROTOCOL.md §3.1). */
export const resumeUrl = (gateway: string, runId: string, from: number) =>
  `https://workers-binding.ai/ai-gateway/gateways/${encodeURIComponent(gateway)}/run/${encodeURIComponent(runId)}/resume?from=${from}`;

/**
 * The transport with resumable streams: an SSE answer that carries `cf-aig-run-id` gets a body that
 * reconnects through `env.AI.fetch(resumeUrl)` when the connection drops, so the model's own parser
 * reads one whole stream.
 */
export function withResume(transport: GatewayTransport, settings: AiGatewayResumeSettings): GatewayTransport {
  const { fetch, gateway, maxReconnects, onResumeExpired } = checkResume(settings);
  return {
    name: transport.name,
    gateway,
    async send(request, options) {
      const response = await transport.send(request, options);
      const runId = response.headers.get('cf-aig-run-id');
      if (!response.ok || runId === null || response.body === null || !(response.headers.get('content-type') ?? '').includes('text/event-stream')) return response;
      // Loaded only for a resumable stream (binding path): other apps never load it.
      const { resumableBody } = await import('./resumable-body');
      const body = resumableBody({
        body: response.body,
        runId,
        resumeUrl: (from) => resumeUrl(gateway, runId, from),
        fetch,
        maxReconnects,
        ...(options?.signal ? { signal: options.signal } : {}),
        ...(onResumeExpired ? { onResumeExpired } : {}),
      });
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    },
  };
}

function checkResume(settings: AiGatewayResumeSettings) {
  if (typeof settings !== 'object' || settings === null) {
    throw new AiGatewayInvalidOptionsError({ option: 'resume', value: settings, problem: 'is not an object', allowed: "{ binding: env.AI, gateway: 'my-gateway', maxReconnects?, onResumeExpired? }" });
  }
  const ai = settings.binding as { fetch?: unknown } | null | undefined;
  if (typeof ai !== 'object' || ai === null || typeof ai.fetch !== 'function') {
    throw new AiGatewayInvalidOptionsError({ option: 'resume.binding', value: ai, problem: 'has no fetch method', allowed: 'the whole env.AI binding (its fetch reaches the resume endpoint)' });
  }
  if (typeof settings.gateway !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(settings.gateway)) {
    throw new AiGatewayInvalidOptionsError({ option: 'resume.gateway', value: settings.gateway, problem: 'is not a gateway id', allowed: 'the id of the gateway the binding sends to, 1 to 64 letters, digits, "-" or "_"' });
  }
  const maxReconnects = settings.maxReconnects ?? DEFAULT_MAX_RECONNECTS;
  if (!Number.isInteger(maxReconnects) || maxReconnects < 0 || maxReconnects > 100) {
    throw new AiGatewayInvalidOptionsError({ option: 'resume.maxReconnects', value: maxReconnects, problem: 'is not an integer from 0 to 100', allowed: `an integer from 0 to 100 (default ${DEFAULT_MAX_RECONNECTS})` });
  }
  if (settings.onResumeExpired !== undefined && typeof settings.onResumeExpired !== 'function') {
    throw new AiGatewayInvalidOptionsError({ option: 'resume.onResumeExpired', value: settings.onResumeExpired, problem: 'is not a function', allowed: 'a function called with { runId, fromEvent }' });
  }
  const bound = ai as { fetch: ResumeFetch };
  return {
    fetch: ((url, init) => bound.fetch(url, init)) as ResumeFetch,
    gateway: settings.gateway,
    maxReconnects,
    onResumeExpired: settings.onResumeExpired,
  };
}
