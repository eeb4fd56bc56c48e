import { AiGatewayInvalidOptionsError, AiGatewayUnroutableModelError } from '@aigw/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CapturedRequest } from '../src/capture';
import { encodeGatewayRequest, encodeStep } from '../src/encode';
import { PLACEHOLDER_API_KEY } from '../src/placeholder-key';
import { stepToObject, universalBody, universalBodyBytes } from '../src/fallback-body';

const openaiRequest = (body: string, headers: Record<string, string> = {}): CapturedRequest => ({
  method: 'POST',
  url: 'https://api.openai.com/v1/chat/completions',
  headers: { 'content-type': 'application/json', authorization: 'Bearer sk-real', ...headers },
  body,
});

describe('encodeStep', () => {
  it('keeps the body text as it is, without parsing it', () => {
    const body = '{"model":"gpt-5-mini",  "messages":[{"role":"user","content":"hi"}]}';
    const step = encodeStep(openaiRequest(body));
    expect(step.body).toBe(body);
    expect(step).toMatchObject({ provider: 'openai', endpoint: 'chat/completions', method: 'POST', json: true });
  });

  it('drops hop-by-hop headers, cf-aig-authorization and placeholder keys, keeps real keys', () => {
    const step = encodeStep(
      openaiRequest('{}', {
        'content-length': '2',
        host: 'api.openai.com',
        connection: 'keep-alive',
        'transfer-encoding': 'chunked',
        'cf-aig-authorization': 'Bearer cf-token',
        'x-custom': 'kept',
      }),
    );
    expect(step.headers).toEqual({ 'content-type': 'application/json', authorization: 'Bearer sk-real', 'x-custom': 'kept' });

    const byok = encodeStep(openaiRequest('{}', { authorization: `Bearer ${PLACEHOLDER_API_KEY}` }));
    expect(byok.headers.authorization).toBeUndefined();
    const legacy = encodeStep({ ...openaiRequest('{}'), url: 'https://api.anthropic.com/v1/messages', headers: { 'x-api-key': 'CF_TEMP_TOKEN' } });
    expect(legacy.headers['x-api-key']).toBeUndefined();
  });

  it('adds per-leg headers over the provider headers', () => {
    const step = encodeStep(openaiRequest('{}'), { headers: { 'cf-aig-cache-ttl': '0' } });
    expect(step.headers['cf-aig-cache-ttl']).toBe('0');
  });

  it('marks a multipart body as non-JSON and keeps it untouched', () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([1, 2, 3])]), 'a.wav');
    const step = encodeStep({ method: 'POST', url: 'https://api.openai.com/v1/audio/transcriptions', headers: {}, body: form });
    expect(step.json).toBe(false);
    expect(step.body).toBe(form);
  });

  it('throws a typed error naming the host, never the query string', () => {
    try {
      encodeStep(
        { method: 'POST', url: 'https://llm.internal.example/v1/chat?key=secret-value', headers: {}, body: '{}' },
        { model: { provider: 'my.chat', modelId: 'm-1' } },
      );
      expect.unreachable();
    } catch (error) {
      expect(AiGatewayUnroutableModelError.isInstance(error)).toBe(true);
      const message = (error as Error).message;
      expect(message).toContain('llm.internal.example');
      expect(message).toContain('m-1');
      expect(message).not.toContain('secret-value');
    }
  });
});

describe('encodeGatewayRequest', () => {
  it('uses the universal endpoint for a fallback list and the native path for one step, JSON or not', () => {
    const json = encodeStep(openaiRequest('{"a":1}'));
    expect(encodeGatewayRequest([json, json], { 'cf-aig-cache-ttl': '60' })).toMatchObject({ mode: 'universal', headers: { 'cf-aig-cache-ttl': '60' } });
    const single = encodeGatewayRequest([json], { 'cf-aig-cache-ttl': '60' });
    expect(single).toMatchObject({ mode: 'provider', headers: { 'cf-aig-cache-ttl': '60' } });
    // The very text the provider SDK built: nothing spliced or copied.
    expect(single.steps[0]!.body).toBe('{"a":1}');
    const form = encodeStep({ method: 'POST', url: 'https://api.openai.com/v1/audio/transcriptions', headers: {}, body: new FormData() });
    expect(encodeGatewayRequest([form]).mode).toBe('provider');
  });

  it('sends one JSON step to the universal endpoint with { universal: true }, and an upload to the native path still', () => {
    const json = encodeStep(openaiRequest('{"a":1}'));
    expect(encodeGatewayRequest([json], {}, { universal: true }).mode).toBe('universal');
    const form = encodeStep({ method: 'POST', url: 'https://api.openai.com/v1/audio/transcriptions', headers: {}, body: new FormData() });
    expect(encodeGatewayRequest([form], {}, { universal: true }).mode).toBe('provider');
  });

  it('refuses a fallback list when a body cannot travel in a universal step', () => {
    const json = encodeStep(openaiRequest('{}'));
    const form = encodeStep({ method: 'POST', url: 'https://api.openai.com/v1/audio/transcriptions', headers: {}, body: new FormData() });
    expect(() => encodeGatewayRequest([form, json])).toThrow(AiGatewayInvalidOptionsError);
    expect(() => encodeGatewayRequest([])).toThrow(/at least one model/);
  });
});

describe('universalBody', () => {
  it('decodes to the same steps, bodies and headers for random inputs', () => {
    const jsonValue = fc.jsonValue().filter((v) => typeof v === 'object' && v !== null);
    const step = fc.record({
      provider: fc.constantFrom('openai', 'anthropic', 'google-ai-studio', 'custom-x'),
      endpoint: fc.webPath().map((p) => p.replace(/^\//, '')),
      headers: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/), fc.string()),
      query: jsonValue,
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 4 }), (steps) => {
        const encoded = steps.map((s) => ({ provider: s.provider, endpoint: s.endpoint, method: 'POST', headers: s.headers, body: JSON.stringify(s.query), json: true }));
        const request = encodeGatewayRequest(encoded);
        expect(request.mode).toBe(steps.length === 1 ? 'provider' : 'universal');
        // A transport without the native path (the binding's `run`) may still send one step this way.
        const decoded = JSON.parse(universalBody(request)) as unknown[];
        // JSON itself turns -0 into 0: compare with what JSON can carry.
        const query = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
        expect(decoded).toEqual(steps.map((s) => ({ provider: s.provider, endpoint: s.endpoint, headers: s.headers, query: query(s.query) })));
        expect(encoded.map(stepToObject)).toEqual(decoded);
      }),
      { numRuns: 200 },
    );
  });

  it('encodes to the UTF-8 bytes of its text, for any text in the bodies and headers', () => {
    const utf8 = new TextEncoder();
    // 'binary' units reach every code unit: characters beyond ASCII, surrogate pairs and lone surrogates.
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'binary-ascii' }));
    const step = fc.record({ provider: fc.constantFrom('openai', 'workers-ai'), header: text, body: text });
    fc.assert(
      fc.property(fc.array(step, { minLength: 2, maxLength: 4 }), (steps) => {
        const request = encodeGatewayRequest(
          steps.map((s) => ({ provider: s.provider, endpoint: 'v1/chat/completions', method: 'POST', headers: { 'x-note': s.header }, body: JSON.stringify({ text: s.body }), json: true })),
        );
        expect(universalBodyBytes(request)).toEqual(utf8.encode(universalBody(request)));
      }),
      { numRuns: 300 },
    );
  });

  it('encodes a body that turns to text beyond ASCII after a large ASCII part', () => {
    const ascii = 'a'.repeat(100_000);
    const steps = [`${ascii}é😀\ud800${ascii}`, 'ünïcode', 'plain'].map((text) => ({
      provider: 'openai',
      endpoint: 'v1/chat/completions',
      method: 'POST',
      headers: {},
      body: JSON.stringify({ text }),
      json: true,
    }));
    const request = encodeGatewayRequest(steps);
    const bytes = universalBodyBytes(request);
    expect(bytes).toEqual(new TextEncoder().encode(universalBody(request)));
    expect((JSON.parse(new TextDecoder().decode(bytes)) as { query: { text: string } }[]).map((s) => s.query.text.slice(-5))).toEqual(['aaaaa', 'ïcode', 'plain']);
  });
});

describe('request paths', () => {
  it('refuses a captured URL whose path would leave the provider (a model id with dot segments)', () => {
    const request: CapturedRequest = {
      method: 'POST',
      url: 'https://api.cloudflare.com/client/v4/accounts/acct/ai/run/@cf/../../../../attacker-acct/attacker-gw/x',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    };
    expect(() => encodeStep(request, { model: { provider: 'workers-ai.image', modelId: '@cf/../../../../attacker-acct/attacker-gw/x' } })).toThrow(
      /the request path of workers-ai\.image model @cf.*dot segment/,
    );
    expect(() => encodeStep({ ...request, url: 'https://api.openai.com/v1/%2e%2e/%2e%2e/x' })).toThrow(AiGatewayInvalidOptionsError);
  });

  it('refuses a route whose provider id is not one path segment', () => {
    const routes = [{ provider: '..', url: /^https:\/\/llm\.example\.com\// }];
    expect(() => encodeStep({ ...openaiRequest('{}'), url: 'https://llm.example.com/v1/chat' }, { routes })).toThrow(/\(provider\)/);
  });

  it('refuses a fallback list longer than MAX_FALLBACK_STEPS', async () => {
    const { MAX_FALLBACK_STEPS } = await import('../src');
    const step = encodeStep(openaiRequest('{}'));
    expect(encodeGatewayRequest(Array.from({ length: MAX_FALLBACK_STEPS }, () => step)).steps).toHaveLength(MAX_FALLBACK_STEPS);
    expect(() => encodeGatewayRequest(Array.from({ length: MAX_FALLBACK_STEPS + 1 }, () => step))).toThrow(/at most 32 models/);
  });
});
