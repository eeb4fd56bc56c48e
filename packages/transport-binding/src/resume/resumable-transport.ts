import { invalidOption, pathSegment, type GatewayTransport } from '@aigw/core';
import type { ResumeFetch } from './resumable-body';

/** How `withResume` reconnects a dropped stream. */
export interface ResumeOptions {
  /** Fetches the resume endpoint: `env.AI.fetch`, bound to `env.AI`. */
  readonly fetch: ResumeFetch;
  /** The id of the gateway the binding sends to: a path segment of the resume URL. */
  readonly gateway: string;
  /** Reconnects allowed per stream in all, 0 to 100. */
  readonly maxReconnects: number;
  /** Told before the stream errors with `AiGatewayStreamResumeError` because the run expired (404). */
  readonly onResumeExpired?: ((info: { runId: string; fromEvent: number }) => void) | undefined;
}

const GATEWAY_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The binding's resume endpoint for a run (docs/protocol.md#resuming-a-streamed-run). */
const resumeUrl = (gateway: string, runId: string, from: number) =>
  `https://workers-binding.ai/ai-gateway/gateways/${gateway}/run/${pathSegment(runId, { option: 'cf-aig-run-id', allowed: 'a run id the gateway sent (letters, digits, "-" or "_")' })}/resume?from=${from}`;

/**
 * The transport with resumable streams: an SSE answer that carries `cf-aig-run-id` gets a body that
 * reconnects through `fetch(resumeUrl)` (`env.AI.fetch`) when the connection drops, so the model's
 * own parser reads one whole stream, every event once. The reconnecting body is loaded with the
 * first resumable stream. The options are checked here, before anything is sent
 * (`AiGatewayInvalidOptionsError`); `ai-gateway-provider` checks its `resume` setting already when
 * the instance is made, so that a bad one fails there without loading this package.
 *
 * @example
 * ```ts
 * const transport = withResume(createBindingTransport({ binding: env.AI.gateway('my-gateway') }), {
 *   fetch: (url, init) => env.AI.fetch(url, init),
 *   gateway: 'my-gateway',
 *   maxReconnects: 5,
 * });
 * ```
 */
export function withResume(transport: GatewayTransport, options: ResumeOptions): GatewayTransport {
  const { fetch, gateway, maxReconnects, onResumeExpired } = checkResumeOptions(options);
  return {
    name: transport.name,
    gateway,
    ...(transport.secrets ? { secrets: () => transport.secrets!() } : {}),
    async send(request, sendOptions) {
      const response = await transport.send(request, sendOptions);
      const runId = response.headers.get('cf-aig-run-id');
      if (!response.ok || runId === null || response.body === null || !(response.headers.get('content-type') ?? '').includes('text/event-stream')) return response;
      // Loaded only for a resumable stream: other calls never load it.
      const { resumableBody } = await import('./resumable-body');
      const body = resumableBody({
        body: response.body,
        runId,
        resumeUrl: (from) => resumeUrl(gateway, runId, from),
        fetch,
        maxReconnects,
        ...(sendOptions?.signal ? { signal: sendOptions.signal } : {}),
        ...(onResumeExpired ? { onResumeExpired } : {}),
      });
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    },
  };
}

function checkResumeOptions(options: ResumeOptions): ResumeOptions {
  if (typeof options !== 'object' || options === null) throw invalidOption('resume', 'is not an object', '{ fetch, gateway, maxReconnects, onResumeExpired? }', options);
  const { fetch, gateway, maxReconnects, onResumeExpired } = options;
  if (typeof fetch !== 'function') throw invalidOption('resume.fetch', 'is not a function', 'env.AI.fetch, bound to env.AI (it reaches the resume endpoint)', fetch);
  pathSegment(gateway, { option: 'resume.gateway', allowed: 'the id of the gateway the binding sends to, 1 to 64 letters, digits, "-" or "_"', pattern: GATEWAY_ID });
  if (!Number.isInteger(maxReconnects) || maxReconnects < 0 || maxReconnects > 100) throw invalidOption('resume.maxReconnects', 'is not an integer from 0 to 100', 'an integer from 0 to 100', maxReconnects);
  if (onResumeExpired !== undefined && typeof onResumeExpired !== 'function') throw invalidOption('resume.onResumeExpired', 'is not a function', 'a function called with { runId, fromEvent }', onResumeExpired);
  return options;
}
