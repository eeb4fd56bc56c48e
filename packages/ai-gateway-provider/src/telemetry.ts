import type { AiGatewayMetadata } from './gateway-model';

/** The part of `@opentelemetry/api` used here. */
interface OtelApi {
  trace: { getActiveSpan(): OtelSpan | undefined };
}
interface OtelSpan {
  isRecording(): boolean;
  setAttributes(attributes: Record<string, string | number | boolean | number[]>): unknown;
}

// In a variable so bundlers leave the optional peer alone: users without it pay nothing.
const OTEL_API = '@opentelemetry/api';
let loaded: Promise<OtelApi | undefined> | undefined;

/** `@opentelemetry/api`, imported once on first use; undefined where it is not installed. */
function otelApi(): Promise<OtelApi | undefined> {
  return (loaded ??= import(/* @vite-ignore */ /* webpackIgnore: true */ OTEL_API).then(
    (mod: { trace?: OtelApi['trace']; default?: { trace?: OtelApi['trace'] } }) => {
      const trace = mod.trace ?? mod.default?.trace;
      return trace === undefined ? undefined : { trace };
    },
    () => undefined,
  ));
}

/**
 * Adds the gateway's attributes to the active OpenTelemetry span (the AI SDK's model-call span when
 * its telemetry is on), if `@opentelemetry/api` is installed and a span is recording. Never throws.
 */
export async function annotateActiveSpan(options: { metadata?: AiGatewayMetadata; error?: unknown; gatewayId: string | undefined }): Promise<void> {
  try {
    const api = await otelApi();
    const span = api?.trace.getActiveSpan();
    if (span === undefined || !span.isRecording()) return;
    // The attribute tables load only when a span records: apps without telemetry never load them.
    const { gatewaySpanAttributes, failureAttributes } = await import('./span-attributes');
    const attributes =
      options.metadata !== undefined ? gatewaySpanAttributes({ metadata: options.metadata, gatewayId: options.gatewayId }) : failureAttributes(options.error, options.gatewayId);
    if (attributes !== undefined) span.setAttributes(attributes);
  } catch {
    // Telemetry must never break a model call.
  }
}
