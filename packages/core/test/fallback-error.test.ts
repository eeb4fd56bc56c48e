import { APICallError } from '@ai-sdk/provider';
import { AiGatewayFallbackError, AiGatewayProviderError } from '@aigw/errors';
import { describe, expect, it } from 'vitest';
import { withFallbackAttempts } from '../src/fallback-error';
import type { GatewayRequest } from '../src/gateway-request';

const step = (provider: string) => ({ provider, endpoint: 'chat/completions', method: 'POST', headers: { authorization: 'Bearer sk-secret-123456789' }, body: '{}', json: true });
const request: GatewayRequest = { mode: 'universal', steps: [step('openai'), step('anthropic')], headers: {} };
const legs = [{ model: { provider: 'openai.chat', modelId: 'gpt-5-mini' } }, { model: { provider: 'anthropic.messages', modelId: 'claude-sonnet-4-5' } }];
const providerError = (headers: Record<string, string>) =>
  new APICallError({ message: 'Overloaded sk-secret-123456789', url: 'gateway:/anthropic', requestBodyValues: {}, statusCode: 529, responseHeaders: headers, isRetryable: true });

describe('withFallbackAttempts', () => {
  it('lists every leg up to the last, with what its answer said, secrets scrubbed', () => {
    const error = withFallbackAttempts({ error: providerError({ 'cf-aig-step': '1', 'cf-aig-log-id': '01LOG' }), request, legs });
    expect(AiGatewayFallbackError.isInstance(error)).toBe(true);
    expect((error as AiGatewayFallbackError).attempts).toEqual([
      { index: 0, provider: 'openai', modelProvider: 'openai.chat', modelId: 'gpt-5-mini', message: expect.stringContaining('moved on') },
      { index: 1, provider: 'anthropic', modelProvider: 'anthropic.messages', modelId: 'claude-sonnet-4-5', status: 529, message: 'Overloaded [REDACTED]', logId: '01LOG' },
    ]);
    expect((error as AiGatewayFallbackError).isRetryable).toBe(true);
  });

  it('takes the gateway code and message of a gateway error', () => {
    const gateway = new AiGatewayProviderError({ statusCode: 504, code: 2005, gatewayMessage: 'Failed to get response from provider: request timed out', responseHeaders: { 'cf-aig-step': '1' } });
    const error = withFallbackAttempts({ error: gateway, request, legs }) as AiGatewayFallbackError;
    expect(error.attempts[1]).toMatchObject({ status: 504, code: 2005, message: 'Failed to get response from provider: request timed out' });
    expect(AiGatewayProviderError.isInstance(error.cause)).toBe(true); // a redacted copy
  });

  it.each([
    ['no answer (network, abort)', new Error('fetch failed'), request, legs],
    ['an answer that stopped the list before its end', providerError({ 'cf-aig-step': '0' }), request, legs],
    ['no cf-aig-step', providerError({}), request, legs],
    ['a single model', providerError({ 'cf-aig-step': '0' }), { ...request, steps: [step('openai')] }, legs.slice(0, 1)],
    ['no request yet', providerError({ 'cf-aig-step': '1' }), undefined, legs],
  ])('leaves the error unchanged with %s', (_name, error, req, list) => {
    expect(withFallbackAttempts({ error, request: req, legs: list })).toBe(error);
  });
});
