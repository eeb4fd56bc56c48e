import type { AiGatewayMetadata } from './model-types';

/** The part of `@opentelemetry/api` used here. */
interface OtelApi {
  trace: { getActiveSpan(): OtelSpan | undefined };
}
export interface OtelSpan {
  isRecording(): boolean;
  spanContext(): { traceId: string; spanId: string; traceFlags: number };
  setAttributes(attributes: Record<string, string | number | boolean | number[]>): unknown;
}

// In a variable so bundlers leave the optional peer alone: users without it pay nothing.
const OTEL_API = '@opentelemetry/api';
let loaded: Promise<OtelApi | undefined> | undefined;
/** The settled import: undefined while unknown, false where `@opentelemetry/api` is not installed. */
let settled: OtelApi | false | undefined;

/** `@opentelemetry/api`, imported once on first use; undefined where it is not installed. */
function otelApi(): Promise<OtelApi | undefined> {
  return (loaded ??= import(/* @vite-ignore */ /* webpackIgnore: true */ OTEL_API).then(
    (mod: { trace?: OtelApi['trace']; default?: { trace?: OtelApi['trace'] } }) => {
      const trace = mod.trace ?? mod.default?.trace;
      settled = trace === undefined ? false : { trace };
      return settled === false ? undefined : settled;
    },
    () => {
      settled = false;
      return undefined;
    },
  ));
}

/**
 * Adds the gateway's attributes to the active OpenTelemetry span (the AI SDK's model-call span when
 * its telemetry is on), if `@opentelemetry/api` is installed and a span is recording. Never throws.
 * Once the import has settled, a call with no recording span returns undefined at once: the hot
 * path awaits nothing then.
 */
export function annotateActiveSpan(options: { metadata?: AiGatewayMetadata; error?: unknown; gatewayId: string | undefined }): Promise<void> | undefined {
  if (settled === false) return undefined;
  if (settled !== undefined) {
    try {
      if (settled.trace.getActiveSpan()?.isRecording() !== true) return undefined;
    } catch {
      return undefined;
    }
  }
  return annotate(options);
}

async function annotate(options: { metadata?: AiGatewayMetadata; error?: unknown; gatewayId: string | undefined }): Promise<void> {
  try {
    const span = (await otelApi())?.trace.getActiveSpan();
    // The attribute tables load only when a span records: apps without telemetry never load them.
    if (span?.isRecording()) (await import('./span-attributes')).annotateSpan(span, options);
  } catch {
    // Telemetry must never break a model call.
  }
}

/** The request headers that make the gateway's spans children of the caller's span. */
export type TraceHeaders = Readonly<{ 'cf-aig-otel-trace-id': string; 'cf-aig-otel-parent-span-id': string }>;

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const INVALID_TRACE_ID = '0'.repeat(32);
const INVALID_SPAN_ID = '0'.repeat(16);
/** `TraceFlags.SAMPLED` of `@opentelemetry/api`. */
const SAMPLED = 1;

/**
 * `cf-aig-otel-trace-id` and `cf-aig-otel-parent-span-id` of the active span (the AI SDK's
 * model-call span when its telemetry is on, else the caller's own span), so that the gateway's
 * spans join the caller's trace. Undefined without `@opentelemetry/api`, without an active span, or
 * when the span's trace is not sampled (the gateway's spans would have no trace to join). Once the
 * import has settled the answer is synchronous; the first call returns a promise. Never throws.
 */
export function activeTraceHeaders(): TraceHeaders | undefined | Promise<TraceHeaders | undefined> {
  if (settled === false) return undefined;
  if (settled !== undefined) return traceHeadersOf(settled);
  return otelApi().then((api) => (api === undefined ? undefined : traceHeadersOf(api)));
}

function traceHeadersOf(api: OtelApi): TraceHeaders | undefined {
  try {
    const context = api.trace.getActiveSpan()?.spanContext();
    if (context === undefined || (context.traceFlags & SAMPLED) === 0) return undefined;
    const { traceId, spanId } = context;
    if (!TRACE_ID.test(traceId) || !SPAN_ID.test(spanId) || traceId === INVALID_TRACE_ID || spanId === INVALID_SPAN_ID) return undefined;
    return { 'cf-aig-otel-trace-id': traceId, 'cf-aig-otel-parent-span-id': spanId };
  } catch {
    return undefined;
  }
}
