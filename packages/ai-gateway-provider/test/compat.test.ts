// A program written for Cloudflare's ai-gateway-provider 4.x, unchanged: its imports, types and calls.
import { createOpenAI } from '@ai-sdk/openai';
import { describe, expect, it } from 'vitest';
import {
  AiGatewayChatLanguageModel,
  AiGatewayDoesNotExist,
  AiGatewayInternalFetchError,
  AiGatewayUnauthorizedError,
  createAiGateway,
  parseAiGatewayOptions,
  type AiGateway,
  type AiGatewayAPISettings,
  type AiGatewayBindingSettings,
  type AiGatewayOptions,
  type AiGatewayResumeSettings,
  type AiGatewayReties,
  type AiGatewayRetries,
  type AiGatewaySettings,
} from '../src';
import { createOpenAI as createGatewayOpenAI } from '../src/providers/openai';

describe('ai-gateway-provider 4.x programs', () => {
  it('compile and run unchanged', () => {
    const retries: AiGatewayRetries = { maxAttempts: 3, retryDelayMs: 1000, backoff: 'exponential' };
    const legacyRetries: AiGatewayReties = retries;
    const options: AiGatewayOptions = { cacheTtl: 3600, skipCache: false, cacheKey: 'k', metadata: { user: 'u' }, collectLog: true, eventId: 'e', requestTimeoutMs: 5000, retries: legacyRetries, byokAlias: 'prod', zdr: true };
    const api: AiGatewayAPISettings = { accountId: 'acct', gateway: 'gw', apiKey: 'token', options };
    const settings: AiGatewaySettings = api;
    const aigateway: AiGateway = createAiGateway(settings);
    const openai = createOpenAI({ apiKey: 'sk' });
    expect(aigateway([openai.chat('gpt-4o-mini'), openai.chat('gpt-4o')])).toBeInstanceOf(AiGatewayChatLanguageModel);
    expect(aigateway.chat(openai.chat('gpt-4o-mini')).modelId).toBe('gpt-4o-mini');

    const resume: AiGatewayResumeSettings = { binding: { fetch: (url: string) => fetch(url) }, gateway: 'gw', maxReconnects: 3 };
    const binding: AiGatewayBindingSettings = { binding: { run: async () => new Response('{}') }, options, resume };
    expect(createAiGateway(binding).transport.name).toBe('binding');
    // The whole env.AI is needed: its fetch reaches the resume endpoint.
    expect(() => createAiGateway({ ...binding, resume: { ...resume, binding: {} as never } })).toThrow(/resume\.binding/);
  });

  it('parseAiGatewayOptions gives the cf-aig-* headers', () => {
    const headers = parseAiGatewayOptions({ cacheTtl: 60, skipCache: true, metadata: { n: 1n }, retries: { maxAttempts: 2, retryDelayMs: 100, backoff: 'linear' } });
    expect(Object.fromEntries(headers)).toEqual({
      'cf-aig-cache-ttl': '60',
      'cf-aig-skip-cache': 'true',
      'cf-aig-metadata': '{"n":"1"}',
      'cf-aig-max-attempts': '2',
      'cf-aig-retry-delay': '100',
      'cf-aig-backoff': 'linear',
    });
  });

  it('error classes construct and check as before', () => {
    for (const error of [new AiGatewayUnauthorizedError('no token'), new AiGatewayDoesNotExist('no gateway'), new AiGatewayInternalFetchError('captured')]) {
      expect(error).toBeInstanceOf(Error);
      expect(error.message).toMatch(/no token|no gateway|captured/);
    }
    expect(AiGatewayUnauthorizedError.isInstance(new AiGatewayUnauthorizedError('x'))).toBe(true);
  });

  it('providers/* factories take no key', () => {
    const settings = {};
    expect(createGatewayOpenAI(settings).chat('gpt-4o-mini').modelId).toBe('gpt-4o-mini');
    expect(settings).toEqual({});
  });
});
