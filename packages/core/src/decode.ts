import {
  AiGatewayError,
  AiGatewayNetworkError,
  AiGatewayResponseError,
  AiGatewayStepError,
  collectSecrets,
  createGatewayResponseError,
  gatewayErrorFromCode,
  parseGatewayErrorEnvelope,
  redactHeaders,
  redactText,
  redactUrl,
} from '@aigw/errors';
import type { GatewayRequest } from './gateway-request';

/** What the gateway said about the answer, from its `cf-aig-*` response headers. */
export interface GatewayResponseMetadata {
  /** Index of the step (fallback leg) that answered. */
  readonly step: number;
  /**
   * True when a successful answer to a fallback list came without `cf-aig-step` and `step` 0 was
   * assumed, as ai-gateway-provider 4.x did.
   */
  readonly stepAssumed?: true;
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
  /** The answer for the winning model's own parser (a provider error passes through, scrubbed of known secrets). */
  readonly response: Response;
  readonly metadata: GatewayResponseMetadata;
}

export interface DecodeGatewayResponseOptions {
  /** The gateway id, for error messages. */
  readonly gatewayId?: string;
  /** Secrets the transport added (the gateway token, secret extra headers): scrubbed from every error. */
  readonly secrets?: readonly string[];
  /** The transport's name, for the error when the connection drops while the answer is read. */
  readonly transport?: string;
}

/**
 * Decodes the gateway's answer: a gateway error envelope (whatever the status) becomes a typed error;
 * a redirect is refused; a failed answer that no provider sent (no `cf-aig-step`, not JSON, e.g. a
 * proxy's HTML page) becomes a gateway error; `cf-aig-step` is checked against the steps that were
 * sent; the `cf-aig-*` headers become metadata. A successful streamed or binary body is passed
 * through without being read; a provider's error body reaches its parser scrubbed of known secrets.
 */
export async function decodeGatewayResponse(response: Response, request: GatewayRequest, options: DecodeGatewayResponseOptions = {}): Promise<DecodedResponse> {
  const h = response.headers;
  const secrets = () => [...(options.secrets ?? []), ...request.steps.flatMap((step) => collectSecrets(step.headers))];
  if (response.redirected || response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    await response.body?.cancel().catch(() => undefined);
    throw redirectError(response, request, options, secrets());
  }
  let out = response;
  const json = h.get('content-type')?.includes('json') === true;
  const cutOff = (error: unknown) =>
    // An abort, or a typed error the transport already raised (a resume that gave up), passes as it is.
    isAbort(error) || AiGatewayError.isInstance(error) ? error : new AiGatewayNetworkError({ transport: options.transport ?? 'unknown', cause: error, secrets: secrets(), stage: 'answer' });
  const readText = async () => {
    try {
      return await response.text();
    } catch (error) {
      throw cutOff(error);
    }
  };
  if (!response.ok) {
    const text = await readText();
    const known = secrets();
    const context = { headers: h, ...(options.gatewayId !== undefined ? { gatewayId: options.gatewayId } : {}), ...requestView(request), secrets: known };
    const error = createGatewayResponseError({ statusCode: response.status, body: text, ...context });
    if (error) throw error;
    if (h.get('cf-aig-step') === null && (request.steps.length > 1 || !json)) {
      throw new AiGatewayResponseError({
        statusCode: response.status,
        responseBody: text,
        responseHeaders: h,
        ...context,
        message:
          `${label(options)} answered HTTP ${response.status} without a cf-aig-step header or a gateway error envelope: ` +
          'the answer came from the gateway or a proxy in front of it, not from a provider.' +
          (response.status >= 500 || response.status === 408 || response.status === 429 ? ' Sending the request again may succeed.' : ''),
      });
    }
    out = new Response(redactText(text, known), { status: response.status, statusText: response.statusText, headers: redactHeaders(h, known) });
  } else if (json) {
    // The gateway may wrap an error in a 200 answer; the provider's parser would only see invalid JSON.
    const text = await readText();
    const envelope = parseGatewayErrorEnvelope(text)?.[0];
    if (envelope !== undefined) {
      throw gatewayErrorFromCode({
        code: envelope.code,
        message: envelope.message,
        headers: h,
        body: text,
        ...(options.gatewayId !== undefined ? { gatewayId: options.gatewayId } : {}),
        ...requestView(request),
        secrets: secrets(),
      });
    }
    out = new Response(text, { status: response.status, statusText: response.statusText, headers: h });
  } else if (response.body !== null) {
    out = new Response(typedBody(response.body, cutOff), { status: response.status, statusText: response.statusText, headers: h });
  }
  const assumed = h.get('cf-aig-step') === null;
  const step = assumed ? 0 : parseStep(h, request.steps.length, options.secrets);
  const cache = h.get('cf-aig-cache-status')?.toUpperCase();
  const metadata: GatewayResponseMetadata = {
    step,
    ...(assumed && request.steps.length > 1 ? { stepAssumed: true as const } : {}),
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

const isAbort = (error: unknown) => {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
};

/**
 * The body, passed through chunk by chunk as it is read (pull-based: nothing buffered), with a
 * dropped connection turned into a typed, retryable error instead of the runtime's bare `TypeError`.
 */
function typedBody(body: ReadableStream<Uint8Array>, fail: (error: unknown) => unknown): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await reader.read();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        } catch (error) {
          controller.error(fail(error));
        }
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

const optional = <K extends string>(key: K, value: string | null) => (value === null ? {} : ({ [key]: value } as Record<K, string>));

const label = (options: DecodeGatewayResponseOptions) => (options.gatewayId === undefined ? 'AI Gateway' : `AI Gateway ${JSON.stringify(options.gatewayId)}`);

/** `cf-aig-step` as an index into the steps; a single step may omit it. */
export function parseStep(headers: Headers, stepCount: number, secrets?: readonly string[]): number {
  const value = headers.get('cf-aig-step');
  if (value === null) {
    if (stepCount === 1) return 0;
    throw new AiGatewayStepError({ value: null, stepCount, responseHeaders: headers, ...(secrets ? { secrets } : {}) });
  }
  const trimmed = value.trim();
  const step = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(step) || step >= stepCount) {
    throw new AiGatewayStepError({ value, stepCount, responseHeaders: headers, ...(secrets ? { secrets } : {}) });
  }
  return step;
}

/**
 * A redirect is never followed: it would carry the gateway token (and, for 307/308, every provider
 * key in the body) to another address, whose answer would then be taken for the gateway's.
 */
function redirectError(response: Response, request: GatewayRequest, options: DecodeGatewayResponseOptions, secrets: readonly string[]): AiGatewayResponseError {
  const location = response.headers.get('location') ?? (response.redirected ? response.url : '');
  const where = location === '' ? 'an unknown location' : JSON.stringify(redactUrl(location));
  const followed = response.redirected ? 'the fetch in use followed a redirect' : `answered with a redirect (HTTP ${response.status || 'opaque'})`;
  return new AiGatewayResponseError({
    statusCode: response.status,
    responseHeaders: response.headers,
    ...requestView(request),
    secrets,
    isRetryable: false,
    message:
      `${label(options)} ${followed} to ${where}; redirects are refused so that the gateway token and provider keys only go to the ` +
      'configured gateway URL. Set baseURL (or gatewayURL) to the address that answers directly' +
      (response.redirected ? ", and pass a fetch that keeps `redirect: 'manual'`." : '.'),
  });
}

/**
 * The request as the error module needs it: raw headers of every step (provider keys travel there),
 * so that any key the gateway echoes is scrubbed; the error stores only a redacted copy.
 */
function requestView(request: GatewayRequest) {
  const first = request.steps[0];
  return {
    request: { method: first?.method ?? 'POST', url: `gateway:/${first?.provider ?? ''}/${first?.endpoint ?? ''}`, headers: { ...request.headers, ...first?.headers } },
  };
}
