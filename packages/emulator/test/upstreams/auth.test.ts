import { describe, expect, it } from 'vitest';
import { createUpstreams, UPSTREAM_PROVIDERS } from '../../src/upstreams/index.js';
import { call, json } from './helpers.js';

const cases: [provider: string, endpoint: string, body: unknown, credential: Record<string, string>, check: (body: any) => void][] = [
  ['openai', 'v1/chat/completions', {}, { authorization: 'Bearer k' }, (b) => expect(b.error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_api_key' })],
  ['groq', 'chat/completions', {}, { authorization: 'Bearer k' }, (b) => expect(b.error.message).toMatch(/API key/)],
  ['mistral', 'v1/chat/completions', {}, { authorization: 'Bearer k' }, (b) => expect(b).toMatchObject({ object: 'error', type: 'invalid_request_error' })],
  ['deepseek', 'chat/completions', {}, { authorization: 'Bearer k' }, (b) => expect(b.error).toBeDefined()],
  ['grok', 'v1/chat/completions', {}, { authorization: 'Bearer k' }, (b) => expect(b.error).toBeDefined()],
  ['perplexity-ai', 'chat/completions', {}, { authorization: 'Bearer k' }, (b) => expect(b.error.code).toBe(401)],
  ['cerebras', 'v1/chat/completions', {}, { authorization: 'Bearer k' }, (b) => expect(b).toMatchObject({ type: 'invalid_request_error', code: 'invalid_api_key' })],
  ['openrouter', 'v1/chat/completions', {}, { authorization: 'Bearer k' }, (b) => expect(b.error).toBeDefined()],
  ['fireworks', 'inference/v1/chat/completions', {}, { authorization: 'Bearer k' }, (b) => expect(b.error).toBeDefined()],
  ['compat', 'chat/completions', {}, { authorization: 'Bearer k' }, (b) => expect(b.error).toBeDefined()],
  ['workers-ai', 'v1/chat/completions', {}, { authorization: 'Bearer k' }, (b) => expect(b.errors[0].code).toBe(10000)],
  ['azure-openai', 'res/dep/chat/completions?api-version=2024-10-21', {}, { 'api-key': 'k' }, (b) => expect(b.error.message).toMatch(/Access denied/)],
  ['anthropic', 'v1/messages', {}, { 'x-api-key': 'k' }, (b) => expect(b).toMatchObject({ type: 'error', error: { type: 'authentication_error' } })],
  ['google-ai-studio', 'v1beta/models/g:generateContent', {}, { 'x-goog-api-key': 'k' }, (b) => expect(b.error).toMatchObject({ code: 401, status: 'UNAUTHENTICATED' })],
  ['google-vertex-ai', 'v1/projects/p/locations/l/publishers/google/models/g:generateContent', {}, { authorization: 'Bearer t' }, (b) => expect(b.error.status).toBe('UNAUTHENTICATED')],
  ['aws-bedrock', 'bedrock-runtime/us-east-1/model/m/converse', {}, { authorization: 'AWS4-HMAC-SHA256 Credential=x' }, (b) => expect(b).toEqual({ message: 'Missing Authentication Token' })],
  ['cohere', 'v2/chat', {}, { authorization: 'Bearer k' }, (b) => expect(b.message).toBe('no api key supplied')],
];

describe('auth per provider', () => {
  it.each(cases)('%s: 401 in its own format without a credential, served with one or with byok', async (provider, endpoint, body, credential, check) => {
    const empty = Object.fromEntries(['authorization', 'x-api-key', 'x-goog-api-key', 'api-key'].map((h) => [h, '']));
    const denied = await call({ provider, endpoint, body, headers: empty });
    expect(denied.status).toBe(401);
    check(json(denied));
    const withKey = await call({ provider, endpoint, body, headers: { ...empty, ...credential } });
    expect(withKey.status).not.toBe(401);
    const byok = await call({ provider, endpoint, body, headers: empty, byok: true });
    expect(byok.status).not.toBe(401);
  });

  it('rejects Bearer without a token and non-Bearer schemes for OpenAI', async () => {
    for (const authorization of ['Bearer ', 'Basic abc', 'sk-raw']) {
      expect((await call({ provider: 'openai', endpoint: 'chat/completions', body: {}, headers: { authorization } })).status).toBe(401);
    }
  });
});

describe('unknown paths and providers', () => {
  it.each([
    ['openai', 'v1/nope', (b: any) => expect(b.error).toMatchObject({ code: 'unknown_url' })],
    ['anthropic', 'v1/nope', (b: any) => expect(b.error.type).toBe('not_found_error')],
    ['google-ai-studio', 'v1beta/models/g:nope', (b: any) => expect(b.error.status).toBe('NOT_FOUND')],
    ['aws-bedrock', 'bedrock-runtime/us-east-1/model/m/nope', (b: any) => expect(b.message).toMatch(/Invalid URL/)],
    ['cohere', 'v2/nope', (b: any) => expect(b.message).toMatch(/Invalid URL/)],
    ['workers-ai', 'v1/nope', (b: any) => expect(b.error).toBeDefined()],
  ])('%s %s → 404 in the provider format', async (provider, endpoint, check) => {
    const response = await call({ provider, endpoint, body: {} });
    expect(response.status).toBe(404);
    check(json(response));
  });

  it('answers GET with 404', async () => {
    expect((await call({ provider: 'openai', endpoint: 'v1/chat/completions', method: 'GET' })).status).toBe(404);
  });

  it('knows exactly the simulated providers', async () => {
    const upstreams = createUpstreams();
    for (const provider of UPSTREAM_PROVIDERS) expect(upstreams.knows(provider)).toBe(true);
    expect(upstreams.knows('huggingface')).toBe(false);
    expect((await call({ provider: 'huggingface', endpoint: 'some/model', body: {} })).status).toBe(404);
  });

  it('answers invalid JSON with a 400 in the provider format', async () => {
    const response = await call({ provider: 'anthropic', endpoint: 'v1/messages', rawBody: new TextEncoder().encode('{oops') });
    expect(response.status).toBe(400);
    expect(json(response).type).toBe('error');
  });
});
