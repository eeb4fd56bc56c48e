import { AiGatewayFallbackError } from '@aigw/errors';
import type { AiGatewayMetadata } from './model-types';

/** Gateway provider ids → `gen_ai.provider.name` values of the OpenTelemetry GenAI conventions. */
const GEN_AI_PROVIDER: Readonly<Record<string, string>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  'google-ai-studio': 'gcp.gemini',
  'google-vertex-ai': 'gcp.vertex_ai',
  'aws-bedrock': 'aws.bedrock',
  'azure-openai': 'azure.ai.openai',
  mistral: 'mistral_ai',
  groq: 'groq',
  deepseek: 'deepseek',
  'perplexity-ai': 'perplexity',
  grok: 'x_ai',
  cohere: 'cohere',
};

/** The span attributes of one gateway call that answered. */
export function gatewaySpanAttributes(options: { metadata: AiGatewayMetadata; gatewayId: string | undefined }): Record<string, string | number | number[]> {
  const { metadata } = options;
  const provider = metadata.routedProvider ?? metadata.provider;
  const attributes: Record<string, string | number | number[]> = {
    'gen_ai.provider.name': GEN_AI_PROVIDER[provider] ?? provider,
    'gen_ai.response.model': metadata.routedModel ?? metadata.model ?? metadata.modelId,
    'cloudflare.ai_gateway.step': metadata.step,
    'cloudflare.ai_gateway.steps': metadata.steps,
    'cloudflare.ai_gateway.provider': metadata.provider,
    'cloudflare.ai_gateway.model': metadata.modelId,
  };
  const put = (name: string, value: string | undefined) => {
    if (value !== undefined) attributes[name] = value;
  };
  put('cloudflare.ai_gateway.gateway.id', options.gatewayId);
  put('cloudflare.ai_gateway.cache.status', metadata.cacheStatus);
  put('cloudflare.ai_gateway.log.id', metadata.logId);
  put('cloudflare.ai_gateway.event.id', metadata.eventId);
  put('cloudflare.ai_gateway.request.id', metadata.requestId);
  put('cloudflare.ai_gateway.routed_provider', metadata.routedProvider);
  put('cloudflare.ai_gateway.routed_model', metadata.routedModel);
  put('cloudflare.ai_gateway.routing.reason', metadata.routingReason);
  put('cloudflare.ai_gateway.routing.decision_id', metadata.routingDecisionId);
  if (metadata.skipped !== undefined) attributes['cloudflare.ai_gateway.skipped_steps'] = metadata.skipped.map((leg) => leg.index);
  return attributes;
}

/** The span attributes of a failed fallback list: the legs tried and the last one's log. */
export function failureAttributes(error: unknown, gatewayId: string | undefined): Record<string, string | number | number[]> | undefined {
  if (!AiGatewayFallbackError.isInstance(error)) return undefined;
  const last = error.attempts.at(-1);
  const attributes: Record<string, string | number | number[]> = { 'cloudflare.ai_gateway.failed_steps': error.attempts.map((a) => a.index) };
  if (gatewayId !== undefined) attributes['cloudflare.ai_gateway.gateway.id'] = gatewayId;
  if (last?.logId !== undefined) attributes['cloudflare.ai_gateway.log.id'] = last.logId;
  if (last?.code !== undefined) attributes['cloudflare.ai_gateway.error.code'] = last.code;
  return attributes;
}

/** Sets the attributes of a call that answered (`metadata`) or failed (`error`) on a recording span. */
export function annotateSpan(span: { setAttributes(attributes: Record<string, string | number | number[]>): unknown }, options: { metadata?: AiGatewayMetadata; error?: unknown; gatewayId: string | undefined }): void {
  const attributes = options.metadata !== undefined ? gatewaySpanAttributes({ metadata: options.metadata, gatewayId: options.gatewayId }) : failureAttributes(options.error, options.gatewayId);
  if (attributes !== undefined) span.setAttributes(attributes);
}
