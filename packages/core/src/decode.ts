import { AiGatewayStepError, collectSecrets, createGatewayResponseError } from '@aigw/errors';
import type { GatewayRequest } from './gateway-request';

/** What the gateway said about the answer, from its `cf-aig-*` response headers. */
export interface GatewayResponseMetadata {
  /** Index of the step (fallback leg) that answered. */
  readonly step: number;
  /** Gateway provider id of that step. */
  readonly provider: string;
  readonly cacheStatus?: 'HIT' | 'MISS';
  readonly logId?: string;
  readonly eventId?: string;
  readonly requestId?: string;
  /** `cf-aig-trace-id`. */
  readonly traceId?: string;
  /** `cf-aig-run-id`: the run a resumable stream reconnects to (binding path). */
  readonly runId?: string;
  /** The id of the gateway that answered, when the transport knows it. */
  readonly gateway?: string;
  /** `cf-aig-model` (dynamic routes). */
  readonly model?: string;
  /** `cf-aig-provider` (dynamic routes). */
  readonly routedProvider?: string;
}

export interface DecodedResponse {
  /** The answer for the winning model's own parser (a provider error passes through untouched). */
  readonly response: Response;
  readonly metadata: GatewayResponseMetadata;
}

/**
 * Decodes the gateway's answer: a gateway error envelope becomes a typed error; `cf-aig-step` is
 * checked against the steps that were sent; the `cf-aig-*` headers become metadata. A successful
 * body, streamed or not, is passed through without being read.
 */
export async function decodeGatewayResponse(response: Response, request: GatewayRequest, options: { gatewayId?: string } = {}): Promise<DecodedResponse> {
  let out = response;
  if (!response.ok) {
    const text = await response.text();
    const error = createGatewayResponseError({
      statusCode: response.status,
      body: text,
      headers: response.headers,
      ...(options.gatewayId !== undefined ? { gatewayId: options.gatewayId } : {}),
      ...requestView(request),
    });
    if (error) throw error;
    out = new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
  }
  const step = parseStep(response.headers, request.steps.length);
  const h = response.headers;
  const cache = h.get('cf-aig-cache-status')?.toUpperCase();
  const metadata: GatewayResponseMetadata = {
    step,
    provider: request.steps[step]!.provider,
    ...(cache === 'HIT' || cache === 'MISS' ? { cacheStatus: cache } : {}),
    ...optional('logId', h.get('cf-aig-log-id')),
    ...optional('eventId', h.get('cf-aig-event-id')),
    ...optional('requestId', h.get('cf-aig-request-id')),
    ...optional('traceId', h.get('cf-aig-trace-id')),
    ...optional('runId', h.get('cf-aig-run-id')),
    ...optional('gateway', options.gatewayId ?? null),
    ...optional('model', h.get('cf-aig-model')),
    ...optional('routedProvider', h.get('cf-aig-provider')),
  };
  return { response: out, metadata };
}

const optional = <K extends string>(key: K, value: string | null) => (value === null ? {} : ({ [key]: value } as Record<K, string>));

/** `cf-aig-step` as an index into the steps; a single step may omit it. */
export function parseStep(headers: Headers, stepCount: number): number {
  const value = headers.get('cf-aig-step');
  if (value === null) {
    if (stepCount === 1) return 0;
    throw new AiGatewayStepError({ value: null, stepCount, responseHeaders: headers });
  }
  const trimmed = value.trim();
  const step = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(step) || step >= stepCount) {
    throw new AiGatewayStepError({ value, stepCount, responseHeaders: headers });
  }
  return step;
}

/**
 * The request as the error module needs it: raw headers of every step (provider keys travel there),
 * so that any key the gateway echoes is scrubbed; the error stores only a redacted copy.
 */
function requestView(request: GatewayRequest) {
  const first = request.steps[0];
  return {
    request: { method: first?.method ?? 'POST', url: `gateway:/${first?.provider ?? ''}/${first?.endpoint ?? ''}`, headers: { ...request.headers, ...first?.headers } },
    secrets: request.steps.flatMap((step) => collectSecrets(step.headers)),
  };
}
