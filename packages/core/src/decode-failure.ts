import {
  AiGatewayError,
  AiGatewayNetworkError,
  AiGatewayResponseError,
  createGatewayResponseError,
  redactHeaders,
  redactText,
  redactUrl,
} from '@aigw/errors';
import { callSecrets } from './call-secrets';
import type { DecodeGatewayResponseOptions } from './decode-types';
import type { GatewayRequest } from './gateway-request';
import { isAbortOrTimeoutError } from './transport-kit';

// The failure paths of `decodeGatewayResponse`, loaded only when an answer fails.

/** Every secret to scrub from an error: the transport's and every step's credentials. */
const secretsOf = (request: GatewayRequest, options: DecodeGatewayResponseOptions) => callSecrets(request, options.secrets);

/** What every error built from an answer carries: its headers, the gateway, the request and the secrets to scrub. */
function errorContext(headers: Headers, request: GatewayRequest, options: DecodeGatewayResponseOptions, secrets: readonly string[] = secretsOf(request, options)) {
  return { headers, ...(options.gatewayId !== undefined ? { gatewayId: options.gatewayId } : {}), ...requestView(request), secrets };
}

/** A connection that dropped while the answer was read. */
export function cutOff(error: unknown, request: GatewayRequest, options: DecodeGatewayResponseOptions): unknown {
  // An abort, or a typed error the transport already raised (a resume that gave up), passes as it is.
  return isAbortOrTimeoutError(error) || AiGatewayError.isInstance(error)
    ? error
    : new AiGatewayNetworkError({ transport: options.transport ?? 'unknown', cause: error, secrets: secretsOf(request, options), stage: 'answer' });
}

/**
 * A failed answer: a gateway error envelope becomes its typed error, a failure that no provider
 * sent a gateway error; a provider's own error is returned for its parser, scrubbed of known secrets.
 */
export function failedAnswer(args: { response: Response; text: string; json: boolean; request: GatewayRequest; options: DecodeGatewayResponseOptions }): Response {
  const { response, text, json, request, options } = args;
  const h = response.headers;
  const known = secretsOf(request, options);
  const context = errorContext(h, request, options, known);
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
  return new Response(redactText(text, known), { status: response.status, statusText: response.statusText, headers: redactHeaders(h, known) });
}

/** Throws the typed error of a gateway error envelope in a successful answer; returns when it is none. */
export function throwEnvelope(args: { text: string; headers: Headers; request: GatewayRequest; options: DecodeGatewayResponseOptions }): void {
  const error = envelopeError(args);
  if (error) throw error;
}

/** The typed error of a gateway error envelope in a successful answer (the code decides the status); undefined when it is none. */
function envelopeError(args: { text: string; headers: Headers; request: GatewayRequest; options: DecodeGatewayResponseOptions }): AiGatewayResponseError | undefined {
  const { text, headers, request, options } = args;
  // No status: a 200 says nothing, so the class's own status applies (a policy's refusal is known by its message).
  return createGatewayResponseError({ body: text, ...errorContext(headers, request, options) });
}

/** An answer whose status no `Response` can have (600 to 999): refused before any parser sees it. */
export function invalidStatus(args: { response: Response; text: string; request: GatewayRequest; options: DecodeGatewayResponseOptions }): AiGatewayResponseError {
  const { response, text, request, options } = args;
  const context = errorContext(response.headers, request, options);
  return (
    createGatewayResponseError({ statusCode: response.status, body: text, ...context, isRetryable: false }) ??
    new AiGatewayResponseError({
      statusCode: response.status,
      responseBody: text,
      responseHeaders: response.headers,
      ...context,
      isRetryable: false,
      message: `${label(options)} answered with HTTP status ${response.status}, which is not an HTTP status (100 to 599): the answer came from something between the library and the gateway. Check the gateway URL and any proxy in front of it.`,
    })
  );
}

/** The start of a server-sent event stream: a field line (`data:`, `event:`, `id:`, `retry:`) or a comment. */
const EVENT_START = /^(?:(?:data|event|id|retry)\s*:|:)/;

/**
 * A streamed call's successful answer whose content type is that of a whole body (JSON, plain
 * text, HTML): passed on with `headers` (the answer's, scrubbed) and its first chunks, then the
 * rest as they come, when it starts like an event stream after all (a server that labels its
 * events `text/plain`); otherwise read whole and refused (see `notAStream`).
 */
export async function eventsOrRefusal(response: Response, headers: Headers, request: GatewayRequest, options: DecodeGatewayResponseOptions): Promise<Response> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const chunks: Uint8Array[] = [];
  let text = '';
  let done = false;
  try {
    while (!done && text.trim() === '') {
      const next = await reader.read();
      if (next.done) done = true;
      else {
        chunks.push(next.value);
        text += decoder.decode(next.value, { stream: true });
      }
    }
    if (!done && EVENT_START.test(text.trimStart())) {
      return new Response(prepended(chunks, reader, request, options), { status: response.status, statusText: response.statusText, headers });
    }
    for (let next = done ? undefined : await reader.read(); next !== undefined && !next.done; next = await reader.read()) text += decoder.decode(next.value, { stream: true });
    text += decoder.decode();
  } catch (error) {
    throw cutOff(error, request, options);
  }
  throw notAStream({ response, text, request, options });
}

/** The chunks already read, then the rest of the reader's, as they come; a dropped connection becomes a typed error. */
function prepended(chunks: Uint8Array[], reader: ReadableStreamDefaultReader<Uint8Array>, request: GatewayRequest, options: DecodeGatewayResponseOptions): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      pull: async (controller) => {
        const first = chunks.shift();
        if (first !== undefined) return controller.enqueue(first);
        try {
          const next = await reader.read();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        } catch (error) {
          controller.error(cutOff(error, request, options));
        }
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

/**
 * A streamed call answered with a whole body (JSON, plain text, HTML) instead of a stream: a
 * gateway error envelope (whatever its content type) becomes its typed error, anything else a
 * response error naming the content type.
 */
export function notAStream(args: { response: Response; text: string; request: GatewayRequest; options: DecodeGatewayResponseOptions }): AiGatewayResponseError {
  const { response, text, request, options } = args;
  const h = response.headers;
  const context = errorContext(h, request, options);
  const envelope = envelopeError({ text, headers: h, request, options });
  if (envelope) return envelope;
  const type = (h.get('content-type') ?? '').split(';')[0]!.trim();
  return new AiGatewayResponseError({
    statusCode: response.status,
    responseBody: text,
    responseHeaders: h,
    ...context,
    isRetryable: false,
    message:
      `${label(options)} answered a streamed call with HTTP ${response.status} and a ${JSON.stringify(type)} body instead of an event stream, ` +
      'which the model cannot read as one: the answer came from the gateway or a proxy in front of it, or the provider does not stream this request.',
  });
}

const label = (options: DecodeGatewayResponseOptions) => (options.gatewayId === undefined ? 'AI Gateway' : `AI Gateway ${JSON.stringify(options.gatewayId)}`);

/**
 * A redirect is never followed: it would carry the gateway token (and, for 307/308, every provider
 * key in the body) to another address, whose answer would then be taken for the gateway's.
 */
export function redirectError(response: Response, request: GatewayRequest, options: DecodeGatewayResponseOptions): AiGatewayResponseError {
  const secrets = secretsOf(request, options);
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
