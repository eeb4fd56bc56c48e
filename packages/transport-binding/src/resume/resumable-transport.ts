import { pathSegment, type GatewayTransport } from '@aigw/core';
import type { CheckedResume } from './check-resume';

/** The binding's resume endpoint for a run (docs/protocol.md#resuming-a-streamed-run). */
export const resumeUrl = (gateway: string, runId: string, from: number) =>
  `https://workers-binding.ai/ai-gateway/gateways/${gateway}/run/${pathSegment(runId, { option: 'cf-aig-run-id', allowed: 'a run id the gateway sent (letters, digits, "-" or "_")' })}/resume?from=${from}`;

/**
 * The transport with resumable streams: an SSE answer that carries `cf-aig-run-id` gets a body that
 * reconnects through `env.AI.fetch(resumeUrl)` when the connection drops, so the model's own parser
 * reads one whole stream. Loaded with the binding transport: HTTP apps never load it.
 */
export function withResume(transport: GatewayTransport, settings: CheckedResume): GatewayTransport {
  const { fetch, gateway, maxReconnects, onResumeExpired } = settings;
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
