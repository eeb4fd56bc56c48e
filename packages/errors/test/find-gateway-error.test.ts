import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { AiGatewayCloudflareAuthError, AiGatewayNetworkError, AiGatewayRateLimitError, createGatewayResponseError, findGatewayError } from '../src';

describe('findGatewayError', () => {
  const limited = new AiGatewayRateLimitError();

  it('returns the error itself, or ours as the cause of an APICallError', () => {
    expect(findGatewayError(limited)).toBe(limited);
    const wrapped = new APICallError({ message: 'Failed to process successful response', url: 'https://x', requestBodyValues: {}, cause: limited });
    expect(findGatewayError(wrapped)).toBe(limited);
  });

  it('looks in a RetryError-shaped error (errors, lastError), latest first, and in nested causes', () => {
    const network = new AiGatewayNetworkError({ transport: 'http', cause: new Error('reset') });
    const retry = Object.assign(new Error('Failed after 2 attempts'), { errors: [network, new Error('x', { cause: limited })], lastError: new Error('x', { cause: limited }) });
    expect(findGatewayError(retry)).toBe(limited);
    expect(findGatewayError(Object.assign(new Error('retry'), { errors: [new Error('plain'), network] }))).toBe(network);
  });

  it('returns undefined for anything else, cycles and non-objects included', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    a.cause = new Error('b', { cause: a });
    expect(findGatewayError(a)).toBeUndefined();
    expect(findGatewayError('text')).toBeUndefined();
    expect(findGatewayError(undefined)).toBeUndefined();
  });
});

describe('AiGatewayCloudflareAuthError names the permission the request needed', () => {
  const body = '{"result":null,"success":false,"errors":[{"code":10000,"message":"Authentication error"}],"messages":[]}';
  it('Workers AI for a Workers AI call, AI Gateway Read for a log lookup, Edit for feedback', () => {
    const run = createGatewayResponseError({ statusCode: 403, body, request: { url: 'https://api.cloudflare.com/client/v4/accounts/a/ai/v1/chat/completions', method: 'POST' } });
    expect(run).toBeInstanceOf(AiGatewayCloudflareAuthError);
    expect((run as AiGatewayCloudflareAuthError).permission).toBe('Workers AI (Read and Edit)');
    expect(run!.message).toContain('with the Workers AI (Read and Edit) permission');
    const read = createGatewayResponseError({ statusCode: 403, body, request: { url: 'https://api.cloudflare.com/client/v4/accounts/a/ai-gateway/gateways/g/logs/1' } });
    expect(read!.message).toContain('with the AI Gateway Read permission');
    const edit = createGatewayResponseError({ statusCode: 403, body, request: { url: 'https://api.cloudflare.com/client/v4/accounts/a/ai-gateway/gateways/g/logs/1', method: 'PATCH' } });
    expect(edit!.message).toContain('with the AI Gateway Edit permission');
  });
});
