import { randomBytes } from 'node:crypto';
import type { EmulatorCall, GatewayLogEntry, OtlpAttribute, OtlpSpan } from '../emulator-types.js';

/** The caller's span a request names, which the gateway's spans become children of. */
export interface TraceLink {
  traceId: string;
  parentSpanId: string;
}

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;

/**
 * The trace link of a request: `cf-aig-otel-trace-id` (32 lower-case hex) and
 * `cf-aig-otel-parent-span-id` (16 lower-case hex), both valid and not all zeros; else undefined
 * (a request with a malformed pair is served, unlinked [inferred]).
 */
export function traceLinkOf(cf: Record<string, string>): TraceLink | undefined {
  const traceId = cf['cf-aig-otel-trace-id'];
  const parentSpanId = cf['cf-aig-otel-parent-span-id'];
  if (traceId === undefined || parentSpanId === undefined || !TRACE_ID.test(traceId) || !SPAN_ID.test(parentSpanId)) return undefined;
  if (/^0+$/.test(traceId) || /^0+$/.test(parentSpanId)) return undefined;
  return { traceId, parentSpanId };
}

const nanos = (ms: number) => (BigInt(Math.round(ms)) * 1_000_000n).toString();
const spanId = () => randomBytes(8).toString('hex');

function attribute(key: string, value: string | number | boolean | undefined | null): OtlpAttribute[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [{ key, value: { stringValue: value } }];
  if (typeof value === 'boolean') return [{ key, value: { boolValue: value } }];
  return [{ key, value: Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value } }];
}

/**
 * The gateway's spans of a linked request: one SERVER span for the request, child of the caller's
 * span, with the GenAI attributes the gateway exports (`gen_ai.request.model`,
 * `gen_ai.model.provider`, `gen_ai.usage.input_tokens` / `output_tokens`, `gen_ai.usage.cost`) and
 * the log's metadata (`metadata.{key}`); and one CLIENT span per upstream attempt under it.
 */
export function gatewaySpans(options: { call: EmulatorCall; entry: GatewayLogEntry | undefined; link: TraceLink; endedAt: number }): OtlpSpan[] {
  const { call, entry, link } = options;
  const startedAt = options.endedAt - call.ms;
  const root = spanId();
  const attempts = call.attempts;
  const answered = attempts.find((a) => a.step === call.step && a.outcome !== 'timeout') ?? attempts.at(-1);
  const rootAttributes = [
    ...attribute('gen_ai.request.model', entry?.model ?? answered?.model),
    ...attribute('gen_ai.model.provider', entry?.provider ?? answered?.provider),
    ...attribute('gen_ai.usage.input_tokens', entry?.tokens_in),
    ...attribute('gen_ai.usage.output_tokens', entry?.tokens_out),
    ...attribute('gen_ai.usage.cost', entry?.cost),
    ...attribute('cloudflare.ai_gateway.log.id', call.logId),
    ...attribute('cloudflare.ai_gateway.gateway.id', call.gateway),
    ...attribute('cloudflare.ai_gateway.step', call.step),
    ...attribute('cloudflare.ai_gateway.cache.status', call.cacheStatus),
    ...attribute('http.response.status_code', call.status),
    ...Object.entries(entry?.metadata ?? {}).flatMap(([key, value]) => attribute(`metadata.${key}`, value)),
  ];
  const ok = (status: number | undefined) => (status !== undefined && status >= 200 && status < 400 ? 1 : 2);
  const spans: OtlpSpan[] = [
    {
      traceId: link.traceId,
      spanId: root,
      parentSpanId: link.parentSpanId,
      name: 'ai_gateway.request',
      kind: 2,
      startTimeUnixNano: nanos(startedAt),
      endTimeUnixNano: nanos(options.endedAt),
      attributes: rootAttributes,
      status: { code: ok(call.status) },
    },
  ];
  for (const attempt of attempts) {
    spans.push({
      traceId: link.traceId,
      spanId: spanId(),
      parentSpanId: root,
      name: `ai_gateway.attempt ${attempt.provider}`,
      kind: 3,
      startTimeUnixNano: nanos(startedAt + attempt.at),
      endTimeUnixNano: nanos(startedAt + attempt.at + attempt.ms),
      attributes: [
        ...attribute('gen_ai.request.model', attempt.model),
        ...attribute('gen_ai.model.provider', attempt.provider),
        ...attribute('cloudflare.ai_gateway.step', attempt.step),
        ...attribute('cloudflare.ai_gateway.attempt', attempt.attempt),
        ...attribute('cloudflare.ai_gateway.outcome', attempt.outcome),
        ...attribute('http.response.status_code', attempt.status),
      ],
      status: { code: attempt.outcome === 'timeout' ? 2 : ok(attempt.status) },
    });
  }
  return spans;
}
