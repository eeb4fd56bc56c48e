/**
 * The gateway's OpenAI-compatible `compat` endpoint as a provider (`createUnified`, `unified`):
 * catalog model ids such as `openai/gpt-5-mini` and dynamic routes, with the gateway's stored key or
 * Unified Billing.
 * @packageDocumentation
 * @module ai-gateway-provider/providers/unified
 */
import type { OpenAICompatibleProviderSettings } from '@ai-sdk/openai-compatible';
import { withGatewayDefaults } from './gateway-defaults';
import { importPeer } from './import-peer';

const { createOpenAICompatible } = await importPeer('@ai-sdk/openai-compatible', 'unified', () => import('@ai-sdk/openai-compatible'));

/** The gateway's OpenAI-compatible endpoint; the transport sends it to `{gateway}/compat/...`. */
export const UNIFIED_BASE_URL = 'https://gateway.ai.cloudflare.com/v1/compat';

/** The settings of `createUnified`: those of `createOpenAICompatible`, all optional, without `baseURL` (the gateway's). */
export type UnifiedProviderSettings = Partial<Omit<OpenAICompatibleProviderSettings, 'baseURL'>>;

const factory = withGatewayDefaults((settings?: OpenAICompatibleProviderSettings) =>
  createOpenAICompatible({ supportsStructuredOutputs: true, ...settings!, name: settings?.name ?? 'unified', baseURL: UNIFIED_BASE_URL }),
);

/**
 * Models of the gateway's unified (OpenAI-compatible `compat`) endpoint: ids like
 * `openai/gpt-5-mini`, `anthropic/claude-sonnet-4-5`, `google-ai-studio/gemini-2.5-flash` or
 * `dynamic/<route>`. Structured outputs are on. Without an API key the gateway uses its stored keys
 * or Unified Billing.
 */
export function createUnified(settings: UnifiedProviderSettings = {}) {
  return factory({ ...settings, name: settings.name ?? 'unified', baseURL: UNIFIED_BASE_URL });
}

/** A default unified provider without an API key. */
export const unified = createUnified();
