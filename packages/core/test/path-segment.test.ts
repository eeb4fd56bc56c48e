import { AiGatewayInvalidOptionsError } from '@aigw/errors';
import { describe, expect, it } from 'vitest';
import { checkEndpoint, pathSegment, PROVIDER_ID_PATTERN } from '../src';

const catchError = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
};

describe('pathSegment', () => {
  const id = (value: unknown) => pathSegment(value, { option: 'models[0]', allowed: 'a model id', slashes: true });

  it('keeps the ids apps use, unchanged', () => {
    for (const value of [
      '@cf/meta/llama-3.1-8b-instruct',
      '@hf/thebloke/deepseek-coder-6.7b-instruct-awq',
      '@cf/black-forest-labs/flux-1-schnell',
      'openai/gpt-5-mini',
      'anthropic/claude-opus-4.8',
      'openrouter/meta-llama/llama-3.1-8b-instruct:free',
      'dynamic/support',
    ]) {
      expect(id(value)).toBe(value);
    }
    expect(pathSegment('01M8PF5WTYPMQ9SV8WFMR52753', { option: 'logId', allowed: 'a log id' })).toBe('01M8PF5WTYPMQ9SV8WFMR52753');
  });

  it('refuses whatever would move the request, naming the option and the value', () => {
    const hostile = [
      '@cf/../../../../attacker-acct/attacker-gw/x',
      '@cf/./x',
      '@cf/%2e%2e/x',
      '@cf/%2E./x',
      '@cf/..%2fx',
      '@cf/a\\..\\x',
      '@cf/a?b',
      '@cf/a#b',
      '@cf/a\u0000b',
      '@cf/a\nb',
      '@cf//x',
      '@cf/x/',
      '@cf/a b',
      '@cf/é',
      '',
    ];
    for (const value of hostile) {
      const error = catchError(() => id(value));
      expect(AiGatewayInvalidOptionsError.isInstance(error), JSON.stringify(value)).toBe(true);
      expect((error as AiGatewayInvalidOptionsError).option).toBe('models[0]');
      expect((error as Error).message).toContain('"models[0]"');
    }
    expect((catchError(() => id('@cf/../x')) as Error).message).toContain('(got "@cf/../x")');
    expect((catchError(() => id('@cf/../x')) as Error).message).toContain('dot segment');
  });

  it('takes a value of one segment only without slashes', () => {
    expect(() => pathSegment('a/b', { option: 'logId', allowed: 'a log id' })).toThrow(/"logId": has a "\/"/);
    expect(() => pathSegment('..', { option: 'logId', allowed: 'a log id' })).toThrow(/dot segment/);
    expect(() => pathSegment('.', { option: 'logId', allowed: 'a log id' })).toThrow(/dot segment/);
    expect(() => pathSegment(Object('abc'), { option: 'logId', allowed: 'a log id' })).toThrow(/is not a string/);
  });

  it('applies a stricter pattern when given', () => {
    expect(pathSegment('custom-my-llm', { option: 'provider', allowed: 'a provider id', pattern: PROVIDER_ID_PATTERN })).toBe('custom-my-llm');
    expect(() => pathSegment('Custom', { option: 'provider', allowed: 'a provider id', pattern: PROVIDER_ID_PATTERN })).toThrow(AiGatewayInvalidOptionsError);
  });
});

describe('checkEndpoint', () => {
  it('keeps the endpoints provider SDKs build, query strings and encoded characters included', () => {
    for (const endpoint of [
      'v1/chat/completions',
      'v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
      'bedrock-runtime/us-east-1/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123%3Ainference-profile%2Fus.anthropic.claude/converse',
      '@cf/meta/llama-3.1-8b-instruct',
      'v1/models/a.b..c/x',
      'v1/x?path=../../y',
    ]) {
      expect(checkEndpoint(endpoint, 'endpoint')).toBe(endpoint);
    }
  });

  it('refuses dot segments raw or encoded (twice, too), backslashes, fragments and control characters', () => {
    for (const endpoint of [
      '@cf/../../../../attacker-acct/attacker-gw/x',
      '../x',
      'v1/..',
      'v1/./x',
      '.?/chat/completions',
      'v1/..?x=1',
      'v1/%2e%2e/x',
      'v1/%2E%2e/x',
      'v1/.%2e/x',
      'v1/%252e%252e/x',
      'v1/..%2f..%2fx',
      'v1/a%5c..%5cx',
      'v1\\..\\x',
      'v1/a#b',
      'v1/a\u0000',
      'v1/a%00b',
      'v1/%zz',
      'v1/x?a=b#c',
    ]) {
      const error = catchError(() => checkEndpoint(endpoint, 'request.steps[0].endpoint'));
      expect(AiGatewayInvalidOptionsError.isInstance(error), JSON.stringify(endpoint)).toBe(true);
      expect((error as Error).message).toContain('"request.steps[0].endpoint"');
    }
  });
});
