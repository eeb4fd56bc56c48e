import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { OpenTelemetry } from '@ai-sdk/otel';
import { context, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { generateText, registerTelemetry, streamText } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gatewayMetadata } from '../src';
import { fault, useEmulator } from './helpers';

const t = useEmulator({ gateways: { 'emulator-gateway': { autoRouter: { pool: ['anthropic/claude-sonnet-4-5'] }, byok: { anthropic: 'stored' } } } });
const exporter = new InMemorySpanExporter();
const contextManager = new AsyncLocalStorageContextManager();
const telemetry = { isEnabled: true, integrations: [new OpenTelemetry()] };
const tracer = () => trace.getTracer('user-app');

beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
});
beforeEach(() => exporter.reset());
afterAll(() => {
  trace.disable();
  context.disable();
});

const openai = createOpenAI({ apiKey: 'sk-openai-test' });
const anthropic = createAnthropic({ apiKey: 'sk-ant-test' });

/** The trace headers of the emulator's last request, and the spans it recorded for it. */
function lastLink() {
  const call = t.emulator.calls.at(-1)!;
  return { traceId: call.requestHeaders['cf-aig-otel-trace-id'], parentSpanId: call.requestHeaders['cf-aig-otel-parent-span-id'], spans: call.spans };
}

/** The one finished span of the AI SDK that carries the gateway's attributes (its model-call span). */
function modelCallSpan(): ReadableSpan {
  const spans = exporter.getFinishedSpans().filter((span) => 'cloudflare.ai_gateway.step' in span.attributes || 'cloudflare.ai_gateway.failed_steps' in span.attributes);
  expect(spans).toHaveLength(1);
  return spans[0]!;
}

describe('the gateway’s spans join the caller’s trace', () => {
  it('parents them on the AI SDK’s model-call span when @ai-sdk/otel is registered', async () => {
    const result = await generateText({ model: t.gateway()(openai.chat('gpt-5-mini')), prompt: 'linked', telemetry });
    const span = modelCallSpan();
    const link = lastLink();
    expect(link.traceId).toBe(span.spanContext().traceId);
    expect(link.parentSpanId).toBe(span.spanContext().spanId);
    // The emulator's OTLP records are children of that span, in the same trace.
    const root = link.spans![0]!;
    expect(root).toMatchObject({ traceId: span.spanContext().traceId, parentSpanId: span.spanContext().spanId, name: 'ai_gateway.request' });
    expect(root.attributes).toContainEqual({ key: 'cloudflare.ai_gateway.log.id', value: { stringValue: gatewayMetadata(result)!.logId } });
  });

  it('links a fallback list and a stream, and puts the routing decision in the span attributes', async () => {
    const failing = createOpenAI({ apiKey: 'sk', headers: fault({ status: 503 }) }).chat('gpt-5-mini');
    const streamed = streamText({ model: t.gateway()([failing, 'cloudflare/auto']), prompt: 'linked stream', telemetry });
    await streamed.consumeStream();
    const span = modelCallSpan();
    expect(span.attributes).toMatchObject({
      'cloudflare.ai_gateway.step': 1,
      'cloudflare.ai_gateway.routed_model': 'anthropic/claude-sonnet-4-5',
      'cloudflare.ai_gateway.routing.reason': 'cost_optimal_within_pool',
    });
    expect(span.attributes['cloudflare.ai_gateway.routing.decision_id']).toBe(gatewayMetadata({ providerMetadata: await streamed.providerMetadata })!.routingDecisionId);
    const link = lastLink();
    expect(link).toMatchObject({ traceId: span.spanContext().traceId, parentSpanId: span.spanContext().spanId });
    // One request span and one span per upstream attempt (the failed leg and the router's pick).
    expect(link.spans!.map((s) => s.name)).toEqual(['ai_gateway.request', 'ai_gateway.attempt openai', 'ai_gateway.attempt compat']);
  });

  it('parents them on the caller’s own span when the AI SDK’s telemetry is off', async () => {
    let user: { traceId: string; spanId: string } | undefined;
    await tracer().startActiveSpan('handle-request', async (span) => {
      user = span.spanContext();
      await generateText({ model: t.gateway()(anthropic('claude-sonnet-4-5')), prompt: 'user span' });
      expect(lastLink()).toMatchObject({ traceId: user.traceId, parentSpanId: user.spanId });
      expect(lastLink().spans![0]!.parentSpanId).toBe(user.spanId);
      await generateText({ model: t.gateway()('cloudflare/auto'), prompt: 'routed in a user span' });
      span.end();
    });
    expect(lastLink()).toMatchObject({ traceId: user!.traceId, parentSpanId: user!.spanId });
    // Without the AI SDK's span, the gateway's attributes go on the user's span: the routed model is the response model.
    const own = exporter.getFinishedSpans().find((s) => s.name === 'handle-request')!;
    expect(own.attributes).toMatchObject({ 'gen_ai.response.model': 'anthropic/claude-sonnet-4-5', 'cloudflare.ai_gateway.routed_model': 'anthropic/claude-sonnet-4-5' });
  });

  it('sends nothing without an active span, for an unsampled one, or with linkTraces: false', async () => {
    await generateText({ model: t.gateway()(openai.chat('gpt-5-mini')), prompt: 'no span' });
    expect(lastLink()).toEqual({ traceId: undefined, parentSpanId: undefined, spans: undefined });
    const unsampled = trace.wrapSpanContext({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.NONE });
    await context.with(trace.setSpan(context.active(), unsampled), () => generateText({ model: t.gateway()(openai.chat('gpt-5-mini')), prompt: 'unsampled' }));
    expect(lastLink().traceId).toBeUndefined();
    await generateText({ model: t.gateway({ linkTraces: false })(openai.chat('gpt-5-mini')), prompt: 'off', telemetry });
    expect(lastLink()).toEqual({ traceId: undefined, parentSpanId: undefined, spans: undefined });
    expect(() => t.gateway({ linkTraces: 'yes' as never })).toThrow(/linkTraces/);
  });

  it('is never sent upstream', async () => {
    await generateText({ model: t.gateway()(openai.chat('gpt-5-mini')), prompt: 'upstream', telemetry });
    const sent = t.emulator.calls.at(-1)!.attempts[0]!.headers;
    expect(Object.keys(sent).filter((name) => name.startsWith('cf-aig-otel'))).toEqual([]);
  });

  // Last: the registration is global for the rest of the file.
  it('parents them on the AI SDK’s span with the integration registered globally (registerTelemetry)', async () => {
    registerTelemetry(new OpenTelemetry());
    await generateText({ model: t.gateway()(openai.chat('gpt-5-mini')), prompt: 'registered', experimental_telemetry: { isEnabled: true } });
    const span = modelCallSpan();
    expect(lastLink()).toMatchObject({ traceId: span.spanContext().traceId, parentSpanId: span.spanContext().spanId });
  });
});
