import type { GatewayLogEntry } from '../emulator-types.js';
import { parseMetadata } from '../parse-metadata.js';
import { redactUrl } from '../redact-headers.js';
import { BODY_LIMIT, mergeCf, type Answer, type CallBodies, type ExchangeContext, type Target } from './exchange-context.js';
import { cfHeaders, HEAD_LIMIT } from './exchange-helpers.js';
import { traceLinkOf, type TraceLink } from './otel-spans.js';
import { streamUsageOf } from './stream-usage.js';

const decoder = new TextDecoder();

/**
 * Records the call, and its gateway log entry when one is collected, through `state.record`:
 * the one place every request is recorded, once, just before the last byte is written.
 * `responseSize` is given for a streamed answer (`responseBytes` is then only its head, `streamTail`
 * its last bytes, `responseBody` its first `BODY_LIMIT` bytes); `responseBody` is also the body of an
 * error answer, which has no `answer`.
 */
export function recordLog(options: {
  ctx: ExchangeContext;
  answer?: Answer;
  responseBytes?: Uint8Array;
  responseSize?: number;
  streamTail?: Uint8Array;
  responseBody?: Uint8Array;
}): void {
  const { ctx } = options;
  const call = ctx.call;
  if (ctx.recorded) return;
  ctx.recorded = true;
  // Credentials in the query (Google's `?key=`) never reach calls, logs, log lines or the viewer.
  call.path = redactUrl(call.path);
  call.ms = Math.round(performance.now() - ctx.started);
  const bodies = bodiesOf(options);
  if (call.kind === 'logs') {
    ctx.state.record(call, undefined, undefined, bodies);
    return;
  }
  const step = ctx.steps[call.step ?? 0];
  const cf = step?.cf ?? mergeCf({ ctx, layers: [cfHeaders(ctx.headers)] });
  // The gateway's spans join the caller's trace when the request names it (and the emulator records spans).
  const link: TraceLink | undefined = ctx.controls.otelSpans ? traceLinkOf(cf) : undefined;
  // Requests refused before any step ran (auth, rate limit, bad body) leave no log entry.
  const collect = cf['cf-aig-collect-log'] !== 'false' && call.status !== 0 && call.stepsTried.length > 0;
  if (!collect) {
    ctx.state.record(call, undefined, link, bodies);
    return;
  }
  const answer = options.answer;
  const target = answer?.target ?? step?.targets[0];
  const payload = cf['cf-aig-collect-log-payload'] !== 'false';
  const responseBytes = options.responseBytes ?? new Uint8Array();
  const responseSize = options.responseSize ?? responseBytes.byteLength;
  const requestBody = target?.body ?? ctx.requestBody;
  const tokens =
    answer === undefined ? {} : options.responseSize === undefined ? usageOf(responseBytes) : streamUsageOf([responseBytes, options.streamTail ?? new Uint8Array()]);
  const cached = answer?.cacheStatus === 'HIT';
  const customCost = parseCustomCost(cf['cf-aig-custom-cost']);
  const entry: GatewayLogEntry = {
    id: call.logId,
    provider: target?.route?.provider ?? (target?.provider === 'compat' ? target.keyProvider : (target?.provider ?? '')),
    model: target !== undefined ? modelOf(target) : '',
    path: redactUrl(target?.endpoint ?? call.path),
    duration: call.ms,
    status_code: call.status,
    success: call.status >= 200 && call.status < 300,
    cached,
    ...tokens,
    metadata: parseMetadata({ header: cf['cf-aig-metadata'] }) ?? null,
    step: call.step ?? 0,
    cost: cached ? 0 : costOf(customCost, tokens),
    custom_cost: customCost !== undefined,
    request_size: requestBody.byteLength,
    request_head_complete: payload && requestBody.byteLength <= HEAD_LIMIT,
    response_size: responseSize,
    response_head_complete: payload && options.responseSize === undefined && responseSize <= HEAD_LIMIT,
    created_at: new Date(ctx.state.now()).toISOString(),
  };
  const requestType = target?.headers['content-type'];
  if (requestType !== undefined) entry.request_content_type = requestType;
  const responseType = answer !== undefined ? lowerKeys(answer.headers)['content-type'] : 'application/json';
  if (responseType !== undefined) entry.response_content_type = responseType;
  if (payload) {
    entry.request_head = decoder.decode(requestBody.subarray(0, HEAD_LIMIT));
    entry.response_head = decoder.decode(responseBytes.subarray(0, HEAD_LIMIT));
  }
  ctx.state.record(call, entry, link, bodies);
}

/** The request and response bodies of a call for the log viewer, each cut at `BODY_LIMIT` bytes. */
function bodiesOf(options: { ctx: ExchangeContext; responseBytes?: Uint8Array; responseSize?: number; responseBody?: Uint8Array }): CallBodies {
  const request = options.ctx.requestBody;
  const response = options.responseBody ?? options.responseBytes ?? new Uint8Array();
  return {
    request: request.subarray(0, BODY_LIMIT),
    requestSize: request.byteLength,
    response: response.subarray(0, BODY_LIMIT),
    responseSize: options.responseSize ?? response.byteLength,
  };
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}

/** The model a target asks for: a dynamic route's model, the body's `model`, or one in the endpoint. */
export function modelOf(target: Target): string {
  if (target.route !== undefined) return target.route.model;
  try {
    const body: unknown = JSON.parse(decoder.decode(target.body.subarray(0, 1_000_000)));
    if (body !== null && typeof body === 'object' && typeof (body as { model?: unknown }).model === 'string') {
      return (body as { model: string }).model;
    }
  } catch {
    // not JSON: look at the endpoint
  }
  const path = target.endpoint.split('?')[0] ?? '';
  return (
    /models\/([^/:]+)/.exec(path)?.[1] ??
    /model\/([^/]+)/.exec(path)?.[1] ??
    /(@cf\/.+)$/.exec(path)?.[1] ??
    ''
  );
}

function usageOf(bytes: Uint8Array): { tokens_in?: number; tokens_out?: number } {
  if (bytes.byteLength === 0 || bytes.byteLength > 1_000_000) return {};
  try {
    const body = JSON.parse(decoder.decode(bytes)) as Record<string, unknown>;
    const usage = (body.usage ?? body.usageMetadata) as Record<string, unknown> | undefined;
    if (usage === undefined || usage === null || typeof usage !== 'object') return {};
    const pick = (...names: string[]) => names.map((n) => usage[n]).find((v): v is number => typeof v === 'number');
    const tokensIn = pick('prompt_tokens', 'input_tokens', 'promptTokenCount', 'inputTokens');
    const tokensOut = pick('completion_tokens', 'output_tokens', 'candidatesTokenCount', 'outputTokens');
    return { ...(tokensIn !== undefined ? { tokens_in: tokensIn } : {}), ...(tokensOut !== undefined ? { tokens_out: tokensOut } : {}) };
  } catch {
    return {};
  }
}

interface CustomCost {
  per_token_in?: number;
  per_token_out?: number;
  total_cost?: number;
}

function parseCustomCost(header: string | undefined): CustomCost | undefined {
  if (header === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(header);
    return parsed !== null && typeof parsed === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function costOf(custom: CustomCost | undefined, tokens: { tokens_in?: number; tokens_out?: number }): number {
  if (custom === undefined) return 0;
  if (typeof custom.total_cost === 'number') return custom.total_cost;
  return (custom.per_token_in ?? 0) * (tokens.tokens_in ?? 0) + (custom.per_token_out ?? 0) * (tokens.tokens_out ?? 0);
}
