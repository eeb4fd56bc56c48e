import { AiGatewayStepError } from '@aigw/errors';
import { answerSecretMatcher, readAnswerHeaders, scrubHeaders } from './answer-headers';
import type * as DecodeFailure from './decode-failure';
import type { DecodedResponse, DecodeGatewayResponseOptions, GatewayResponseMetadata } from './decode-types';
import type { GatewayRequest } from './gateway-request';
import { tapJsonBody, type JsonTapChecks } from './json-tap';
import { readerStream } from './reader-stream';

/**
 * What a failed answer needs (typed errors, gateway envelopes, redaction of secrets) loads when an
 * answer fails: a call that succeeds never loads it, and with code splitting never bundles it.
 */
let failureModule: Promise<typeof DecodeFailure> | undefined;
const failure = () => (failureModule ??= import('./decode-failure'));

/** A successful JSON answer that may be a gateway error envelope (`"success": false`), read by `parseGatewayErrorEnvelope`. */
const MAY_BE_ENVELOPE = /"success"\s*:\s*false/;
/** Module-level, like every pattern on the hot path: a regex literal in a function is a new object per call. */
const JSON_OBJECT = /^\s*\{/;
const STEP_INDEX = /^\d+$/;
/** Content types of a whole body, which a streamed call's parser cannot read as events. */
const NOT_A_STREAM = /^\s*(?:application\/(?:[\w.-]+\+)?json|text\/(?:plain|html))\s*(?:;|$)/i;
/** A gateway error envelope may come as plain text. */
const PLAIN_TEXT = /^\s*text\/plain\s*(?:;|$)/i;

/**
 * Decodes the gateway's answer: a gateway error envelope (whatever the status) becomes a typed error;
 * a redirect is refused; a failed answer that no provider sent (no `cf-aig-step`, not JSON, e.g. a
 * proxy's HTML page) becomes a gateway error; `cf-aig-step` is checked against the steps that were
 * sent; the `cf-aig-*` headers become metadata. A successful streamed or binary body is passed
 * through without being read; a provider's error body reaches its parser scrubbed of known secrets,
 * and the headers of every answer do too (see `scrubbedHeaders`), the metadata read from them.
 */
export function decodeGatewayResponse(response: Response, request: GatewayRequest, options: DecodeGatewayResponseOptions = {}): Promise<DecodedResponse> {
  return decodeForModel(response, request, options, 'read');
}

/**
 * `decodeGatewayResponse` for core's own calls, whose model parses the answer next. With `'tap'`
 * (a one-shot call), a successful JSON (or plain text) answer is handed over unread, its body
 * tapped (see `tapJsonBody`); a failure the tap finds surfaces from the model's parser, and
 * `tappedFailure` recovers it. With `'stream'` (a streamed call), a successful answer that is a
 * whole body (JSON, plain text, HTML) instead of a stream is refused as a typed error.
 */
export async function decodeForModel(response: Response, request: GatewayRequest, options: DecodeGatewayResponseOptions, how: 'tap' | 'read' | 'stream'): Promise<DecodedResponse> {
  let h = response.headers;
  if (response.redirected || response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    await response.body?.cancel().catch(() => undefined);
    throw (await failure()).redirectError(response, request, options);
  }
  // A status a `Response` cannot be built with (600 and above): no provider sent it, and no parser can read it.
  if (response.status < 200 || response.status > 599) {
    throw (await failure()).invalidStatus({ response, text: await readText(response, request, options), request, options });
  }
  let out = response;
  let mode = how;
  // A successful answer reaches the model's parser, and its headers the caller's result
  // (`response.headers`) and the metadata: a header that echoes a secret of the call is scrubbed
  // first. The usual answer holds none, and nothing is copied; one that does is handed on over the
  // same body with scrubbed headers (a one-shot JSON answer read first, as `'read'` does, so that
  // no tap is needed on a new `Response`). The headers are read once, the check for secrets with them.
  const ok = response.ok;
  const matcher = ok ? answerSecretMatcher(request, options.secrets) : undefined;
  let read = readAnswerHeaders(h, matcher);
  const scrubbed = read.holdsSecret ? scrubHeaders(h, matcher!) : undefined;
  if (scrubbed !== undefined) {
    h = scrubbed;
    read = readAnswerHeaders(h, undefined);
    if (mode === 'tap') mode = 'read';
  }
  const type = read.contentType;
  const json = type?.includes('json') === true;
  if (!ok) {
    out = (await failure()).failedAnswer({ response, text: await readText(response, request, options), json, request, options });
  } else if (mode === 'stream' && type !== null && response.body !== null && NOT_A_STREAM.test(type)) {
    // A streamed call answered with a whole body (JSON, text, HTML): the provider's event-stream
    // parser would find no event in it and end with empty text. A gateway error envelope becomes
    // its typed error, anything else a response error naming the content type; events sent with
    // such a content type pass.
    out = await (await failure()).eventsOrRefusal(response, h, request, options);
  } else if (mode !== 'stream' && (json || (how === 'tap' && type !== null && PLAIN_TEXT.test(type)))) {
    // The gateway may wrap an error in a 200 answer; the provider's parser would only see invalid JSON.
    // A body cut off mid-way must fail as a typed error scrubbed of secrets, not inside the provider's
    // parser, whose error would quote the partial text (the secrets property test's "truncated" case).
    // The tap checks both as the parser reads; without it, the answer is read here first, whatever its size.
    const tapped = mode === 'tap' ? tapJsonBody(response, tapChecks(h, request, options)) : undefined;
    if (tapped !== undefined) out = tapped;
    else {
      const text = await readText(response, request, options);
      const envelope = checkEnvelope(text, h, request, options);
      if (envelope !== undefined) await envelope;
      out = new Response(text, { status: response.status, statusText: response.statusText, headers: h });
    }
  } else if (response.body !== null) {
    // A dropped connection becomes a typed, retryable error instead of the runtime's bare `TypeError`.
    out = new Response(readerStream(response.body.getReader(), (error) => cutOff(error, request, options)), { status: response.status, statusText: response.statusText, headers: h });
  } else if (scrubbed !== undefined) {
    out = new Response(null, { status: response.status, statusText: response.statusText, headers: h });
  }
  const stepHeader = read.step;
  // A single model's answer without the header is step 0 by definition: nothing is assumed.
  const step = stepHeader === null ? 0 : stepOf(stepHeader, h, request.steps.length, options.secrets);
  const cache = read.cacheStatus?.toUpperCase();
  // Built field by field, in this order (it shows in printed metadata), without a spread per field.
  const provider = request.steps[step]!.provider;
  const metadata: Mutable<GatewayResponseMetadata> = stepHeader === null && request.steps.length > 1 ? { step, stepAssumed: true, provider } : { step, provider };
  if (cache === 'HIT' || cache === 'MISS') metadata.cacheStatus = cache;
  if (read.logId !== null) metadata.logId = read.logId;
  if (read.eventId !== null) metadata.eventId = read.eventId;
  if (read.requestId !== null) metadata.requestId = read.requestId;
  if (read.traceId !== null) metadata.traceId = read.traceId;
  if (read.runId !== null) metadata.runId = read.runId;
  if (options.gatewayId !== undefined) metadata.gateway = options.gatewayId;
  if (read.model !== null) metadata.model = read.model;
  if (read.provider !== null) metadata.routedProvider = read.provider;
  if (read.routedModel !== null) {
    metadata.routedModel = read.routedModel;
    if (read.routingReason !== null) metadata.routingReason = read.routingReason;
    if (read.routingDecisionId !== null) metadata.routingDecisionId = read.routingDecisionId;
  }
  return { response: out, metadata };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Rejects with the typed error when a successful answer's text is a gateway error envelope; undefined when it cannot be one. */
function checkEnvelope(text: string, headers: Headers, request: GatewayRequest, options: DecodeGatewayResponseOptions): Promise<void> | undefined {
  if (!JSON_OBJECT.test(text) || !MAY_BE_ENVELOPE.test(text)) return undefined;
  return failure().then((m) => m.throwEnvelope({ text, headers, request, options }));
}

const tapChecks = (headers: Headers, request: GatewayRequest, options: DecodeGatewayResponseOptions): JsonTapChecks => ({
  cutOff: (error) => cutOff(error, request, options),
  checkEnvelope: (text) => checkEnvelope(text, headers, request, options),
});

/** The whole body as text; a connection dropped while it is read becomes a typed error. */
function readText(response: Response, request: GatewayRequest, options: DecodeGatewayResponseOptions): Promise<string> {
  // A handler on the read's own promise, not an async function around it: one promise fewer per call.
  return response.text().then(undefined, async (error: unknown) => {
    throw await cutOff(error, request, options);
  });
}

const cutOff = async (error: unknown, request: GatewayRequest, options: DecodeGatewayResponseOptions) => (await failure()).cutOff(error, request, options);

/** `cf-aig-step` as an index into the steps; a single step may omit it. */
export function parseStep(headers: Headers, stepCount: number, secrets?: readonly string[]): number {
  return stepOf(headers.get('cf-aig-step'), headers, stepCount, secrets);
}

function stepOf(value: string | null, headers: Headers, stepCount: number, secrets: readonly string[] | undefined): number {
  if (value === null) {
    if (stepCount === 1) return 0;
    throw new AiGatewayStepError({ value: null, stepCount, responseHeaders: headers, ...(secrets ? { secrets } : {}) });
  }
  const trimmed = value.trim();
  const step = STEP_INDEX.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(step) || step >= stepCount) {
    throw new AiGatewayStepError({ value, stepCount, responseHeaders: headers, ...(secrets ? { secrets } : {}) });
  }
  return step;
}
