import { createCerebras } from '@ai-sdk/cerebras';
import { createDeepSeek } from '@ai-sdk/deepseek';
import { createFireworks } from '@ai-sdk/fireworks';
import { createPerplexity } from '@ai-sdk/perplexity';
import { createXai } from '@ai-sdk/xai';
import { echoText } from '@aigw/emulator';
import { createOpenRouter } from '@openrouter/ai-sdk-provider';
import { generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { useEmulator } from './helpers';

const t = useEmulator();

// Each official package, as a new user would create it, against the emulated gateway.
const PROVIDERS = [
  ['DeepSeek', () => createDeepSeek({ apiKey: 'ds' })('deepseek-chat'), 'deepseek'],
  ['xAI (Responses API)', () => createXai({ apiKey: 'xai' }).responses('grok-4'), 'grok'],
  ['Perplexity', () => createPerplexity({ apiKey: 'pplx' })('sonar'), 'perplexity-ai'],
  ['Cerebras', () => createCerebras({ apiKey: 'csk' })('llama3.1-8b'), 'cerebras'],
  ['OpenRouter', () => createOpenRouter({ apiKey: 'or' })('openai/gpt-5-mini'), 'openrouter'],
  ['Fireworks', () => createFireworks({ apiKey: 'fw' })('accounts/fireworks/models/llama-v3p1-8b-instruct'), 'fireworks'],
] as const;

describe.each(PROVIDERS)('%s through the gateway', (_name, model, provider) => {
  it('generates text', async () => {
    const result = await generateText({ model: t.gateway()(model()), prompt: `hello ${provider}` });
    expect(result.text).toBe(echoText(`hello ${provider}`));
    expect(result.providerMetadata?.aigateway).toMatchObject({ step: 0, provider });
    expect(t.emulator.calls.at(-1)!.attempts[0]).toMatchObject({ provider, status: 200 });
  });

  it('streams text', async () => {
    const result = streamText({ model: t.gateway()(model()), prompt: `stream one two three ${provider}` });
    expect(await result.text).toBe(echoText(`stream one two three ${provider}`));
    expect((await result.providerMetadata)?.aigateway).toMatchObject({ provider });
  });
});
