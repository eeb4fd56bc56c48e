import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { OpenTelemetry } from '@ai-sdk/otel';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { generateText, streamText } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gatewayMetadata } from '../src';
import { fault, useEmulator } from './helpers';

const t = useEmulator({ gateways: { 'emulator-gateway': {}, cached: { cacheTtl: 60 } } });
const exporter = new InMemorySpanExporter();
const contextManager = new AsyncLocalStorageContextManager();
const telemetry = { isEnabled: true, integrations: [new OpenTelemetry()] };

beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
});
beforeEach(() => exporter.reset());
afterAll(() => {
  trace.disable();
  context.disable();
});

/** The one finished span that carries the gateway's attributes. */
function gatewaySpan(): ReadableSpan {
  const spans = exporter.getFinishedSpans().filter((span) => 'cloudflare.ai_gateway.step' in span.attributes || 'cloudflare.ai_gateway.failed_steps' in span.attributes);
  expect(spans).toHaveLength(1);
  return spans[0]!;
}

const openai = createOpenAI({ apiKey: 'sk-openai-test' });
const anthropic = createAnthropic({ apiKey: 'sk-ant-test' });

describe('OpenTelemetry attributes of gateway calls', () => {
  it('adds the gateway attributes to the AI SDK’s model-call span', async () => {
    const failing = createOpenAI({ apiKey: 'sk', headers: fault({ status: 503 }) }).chat('gpt-5-mini');
    const result = await generateText({ model: t.gateway()([failing, anthropic('claude-sonnet-4-5')]), prompt: 'traced', telemetry });
    const metadata = gatewayMetadata(result)!;
    const span = gatewaySpan();
    expect(span.attributes).toMatchObject({
      'gen_ai.response.model': 'claude-sonnet-4-5',
      'cloudflare.ai_gateway.gateway.id': 'emulator-gateway',
      'cloudflare.ai_gateway.step': 1,
      'cloudflare.ai_gateway.steps': 2,
      'cloudflare.ai_gateway.provider': 'anthropic',
      'cloudflare.ai_gateway.model': 'claude-sonnet-4-5',
      'cloudflare.ai_gateway.log.id': metadata.logId,
      'cloudflare.ai_gateway.event.id': metadata.eventId,
      'cloudflare.ai_gateway.request.id': metadata.requestId,
      'cloudflare.ai_gateway.skipped_steps': [0],
    });
    // The AI SDK's integration writes gen_ai.provider.name last, from the wrapper's primary model;
    // the leg that answered is in cloudflare.ai_gateway.provider.
    expect(span.attributes['gen_ai.provider.name']).toBe('openai');
    // It is a span of the AI SDK's own trace, not one of ours.
    const root = exporter.getFinishedSpans().find((s) => s.parentSpanContext === undefined)!;
    expect(span.spanContext().traceId).toBe(root.spanContext().traceId);
    expect(span).not.toBe(root);
  });

  it('reports the cache status of a streamed call', async () => {
    const model = t.gateway({ gateway: 'cached' })(openai.chat('gpt-5-mini'));
    await generateText({ model, prompt: 'cache me', telemetry });
    exporter.reset();
    const result = await generateText({ model, prompt: 'cache me', telemetry });
    expect(gatewayMetadata(result)?.cacheStatus).toBe('HIT');
    expect(gatewaySpan().attributes['cloudflare.ai_gateway.cache.status']).toBe('HIT');
    exporter.reset();
    const streamed = streamText({ model: t.gateway()(openai.chat('gpt-5-mini')), prompt: 'streamed', telemetry });
    await streamed.consumeStream();
    expect(gatewaySpan().attributes).toMatchObject({ 'cloudflare.ai_gateway.step': 0, 'gen_ai.provider.name': 'openai' });
  });

  it('names the legs tried when a fallback list fails', async () => {
    const failing = (status: number) => createOpenAI({ apiKey: 'sk', headers: fault({ status }) }).chat('gpt-5-mini');
    await expect(generateText({ model: t.gateway()([failing(500), failing(400)]), prompt: 'x', telemetry, maxRetries: 0 })).rejects.toThrow();
    expect(gatewaySpan().attributes).toMatchObject({ 'cloudflare.ai_gateway.failed_steps': [0, 1], 'cloudflare.ai_gateway.log.id': t.emulator.calls.at(-1)!.logId });
  });

  it('adds nothing when telemetry is off', async () => {
    await generateText({ model: t.gateway()(openai.chat('gpt-5-mini')), prompt: 'quiet' });
    expect(exporter.getFinishedSpans()).toHaveLength(0);
  });
});
