import { describe, expect, it } from 'vitest';
import { resolveRoute } from '../src/provider-table';

describe('resolveRoute', () => {
  const cases: [url: string, provider: string, endpoint: string][] = [
    ['https://api.openai.com/v1/chat/completions', 'openai', 'chat/completions'],
    ['https://api.openai.com/v1/responses', 'openai', 'responses'],
    ['https://api.openai.com/v1/audio/transcriptions', 'openai', 'audio/transcriptions'],
    ['https://api.anthropic.com/v1/messages', 'anthropic', 'v1/messages'],
    [
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
      'google-ai-studio',
      'v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    ],
    [
      'https://us-central1-aiplatform.googleapis.com/v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-pro:generateContent',
      'google-vertex-ai',
      'v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-pro:generateContent',
    ],
    ['https://aiplatform.googleapis.com/v1/publishers/google/models/gemini-2.5-pro:generateContent', 'google-vertex-ai', 'v1/publishers/google/models/gemini-2.5-pro:generateContent'],
    [
      'https://bedrock-runtime.eu-west-1.amazonaws.com/model/anthropic.claude-3-haiku/converse',
      'aws-bedrock',
      'bedrock-runtime/eu-west-1/model/anthropic.claude-3-haiku/converse',
    ],
    [
      'https://my-res.openai.azure.com/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21',
      'azure-openai',
      'my-res/gpt4o/chat/completions?api-version=2024-10-21',
    ],
    ['https://my-res.openai.azure.com/openai/v1/responses?api-version=v1', 'azure-openai', 'my-res/v1/responses?api-version=v1'],
    ['https://api.x.ai/v1/chat/completions', 'grok', 'v1/chat/completions'],
    ['https://api.groq.com/openai/v1/chat/completions', 'groq', 'chat/completions'],
    ['https://api.mistral.ai/v1/chat/completions', 'mistral', 'v1/chat/completions'],
    ['https://api.deepseek.com/chat/completions', 'deepseek', 'chat/completions'],
    ['https://api.perplexity.ai/chat/completions', 'perplexity-ai', 'chat/completions'],
    ['https://api.cerebras.ai/v1/chat/completions', 'cerebras', 'chat/completions'],
    ['https://openrouter.ai/api/v1/chat/completions', 'openrouter', 'v1/chat/completions'],
    ['https://api.fireworks.ai/inference/v1/chat/completions', 'fireworks', 'chat/completions'],
    ['https://api.cohere.com/v2/rerank', 'cohere', 'v2/rerank'],
    ['https://api.replicate.com/v1/predictions', 'replicate', 'predictions'],
    ['https://api.deepgram.com/v1/listen?model=nova-3', 'deepgram', 'v1/listen?model=nova-3'],
    ['https://api.elevenlabs.io/v1/text-to-speech/voice', 'elevenlabs', 'v1/text-to-speech/voice'],
    ['https://api.cloudflare.com/client/v4/accounts/abc/ai/run/@cf/meta/llama-3.1-8b-instruct', 'workers-ai', '@cf/meta/llama-3.1-8b-instruct'],
    ['https://api.cloudflare.com/client/v4/accounts/abc/ai/v1/chat/completions', 'workers-ai', 'v1/chat/completions'],
    ['https://gateway.ai.cloudflare.com/v1/compat/chat/completions', 'compat', 'chat/completions'],
    ['https://fal.run/fal-ai/flux/schnell', 'fal', 'fal-ai/flux/schnell'],
  ];

  it.each(cases)('%s → %s / %s', (url, provider, endpoint) => {
    expect(resolveRoute(url)).toMatchObject({ provider, endpoint });
  });

  it('returns undefined for a host the table does not know', () => {
    expect(resolveRoute('https://llm.internal.example/v1/chat/completions')).toBeUndefined();
  });

  it("leaves fal's queue API unrouted: the gateway's fal path is the synchronous API, so a queued request would change meaning", () => {
    expect(resolveRoute('https://queue.fal.run/fal-ai/wizper')).toBeUndefined();
    expect(resolveRoute('https://queue.fal.run/fal-ai/wizper/requests/abc/status')).toBeUndefined();
  });

  it('tries user routes first, for custom providers', () => {
    const routes = [{ provider: 'custom-my-llm', url: /^https:\/\/llm\.internal\.example\/v1\// }];
    expect(resolveRoute('https://llm.internal.example/v1/chat/completions?x=1', { routes })).toEqual({
      provider: 'custom-my-llm',
      endpoint: 'chat/completions?x=1',
      authHeaders: ['authorization'],
    });
  });

  it('forces a provider id for a known or unknown host', () => {
    expect(resolveRoute('https://api.openai.com/v1/chat/completions', { forceProvider: 'custom-proxy' })).toMatchObject({
      provider: 'custom-proxy',
      endpoint: 'chat/completions',
    });
    expect(resolveRoute('https://llm.example/api/chat', { forceProvider: 'custom-x' })).toMatchObject({ provider: 'custom-x', endpoint: 'api/chat' });
  });

  it('does not match a look-alike host', () => {
    expect(resolveRoute('https://api.openai.com.evil.example/v1/chat/completions')).toBeUndefined();
    expect(resolveRoute('http://api.openai.com/v1/chat/completions')).toBeUndefined();
  });
});
