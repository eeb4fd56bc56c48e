import type { AiGatewayMetadata } from './gateway-model';

/** The part of `@opentelemetry/api` used here. */
interface OtelApi {
  trace: { getActiveSpan(): OtelSpan | undefined };
}
export interface OtelSpan {
  isRecording(): boolean;
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
