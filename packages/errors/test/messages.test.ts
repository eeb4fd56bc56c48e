import { describe, expect, it } from 'vitest';
import {
  AiGatewayCaptureError,
  AiGatewayInvalidOptionsError,
  AiGatewayNetworkError,
  AiGatewayStepError,
  AiGatewayUnroutableModelError,
} from '../src/index';

describe('AiGatewayStepError', () => {
  it('names the step value and how many steps were sent', () => {
    const error = new AiGatewayStepError({ value: '7', stepCount: 2 });
    expect(error.message).toBe('The gateway answered with cf-aig-step "7", but only 2 steps were sent (valid: 0 to 1).');
  });

  it('says when the header is missing', () => {
    const { message } = new AiGatewayStepError({ value: null, stepCount: 3 });
    expect(message).toContain('cf-aig-step');
    expect(message).toContain('missing');
    expect(message).toContain('3 steps were sent (valid: 0 to 2)');
  });

  it.each([
    ['-1', 2, 'which is not a step index; 2 steps were sent (valid: 0 to 1)'],
    ['abc', 1, 'which is not a step index; 1 step was sent (valid: 0)'],
    ['NaN', 4, 'which is not a step index; 4 steps were sent (valid: 0 to 3)'],
    ['1', 1, 'but only 1 step was sent (valid: 0)'],
    ['0', 0, 'but no steps were sent'],
  ])('value %j with %i steps', (value, stepCount, expected) => {
    const { message } = new AiGatewayStepError({ value, stepCount });
    expect(message).toContain('step');
    expect(message).toContain(JSON.stringify(value));
    expect(message).toContain(expected);
  });

  it('shortens a long header value', () => {
    const error = new AiGatewayStepError({ value: '9'.repeat(100), stepCount: 2 });
    expect(error.value).toBe(`${'9'.repeat(40)}…`);
    expect(error.message.length).toBeLessThan(150);
  });
});

describe('AiGatewayInvalidOptionsError', () => {
  it('names the option, the value and what is allowed', () => {
    const error = new AiGatewayInvalidOptionsError({ option: 'retries.maxAttempts', value: 7, problem: '', allowed: 'an integer from 1 to 5' });
    expect(error.message).toBe('Invalid AI Gateway option "retries.maxAttempts": got 7; expected an integer from 1 to 5.');
  });

  it('adds the problem', () => {
    const error = new AiGatewayInvalidOptionsError({
      option: 'retries.maxAttempts',
      value: 7,
      problem: 'out of range or not an integer',
      allowed: 'an integer from 1 to 5',
    });
    expect(error.message).toBe('Invalid AI Gateway option "retries.maxAttempts": out of range or not an integer (got 7); expected an integer from 1 to 5.');
    expect(error).toMatchObject({ option: 'retries.maxAttempts', problem: 'out of range or not an integer', allowed: 'an integer from 1 to 5' });
  });

  it('works without a value', () => {
    const error = new AiGatewayInvalidOptionsError({ option: 'metadata', problem: 'has 6 entries', allowed: 'at most 5 entries' });
    expect(error.message).toBe('Invalid AI Gateway option "metadata": has 6 entries; expected at most 5 entries.');
  });

  it.each([
    [true, 'got true'],
    [Number.NaN, 'got NaN'],
    [null, 'got null'],
    [undefined, 'got undefined'],
    [10n, 'got 10n'],
    ['yes', 'got "yes"'],
    ['x'.repeat(100), `got "${'x'.repeat(40)}…"`],
    [[1, 2], 'got an array of 2 items'],
    [{ a: 1 }, 'got an object'],
    [new Map(), 'got a Map'],
    [() => 1, 'got a function'],
    [Symbol('s'), 'got a symbol'],
  ])('describes %s safely', (value, expected) => {
    expect(new AiGatewayInvalidOptionsError({ option: 'cacheTtl', value, problem: '', allowed: 'seconds' }).message).toContain(expected);
  });

  it.each(['apiKey', 'token', 'providers.openai.key', 'headers.authorization', 'aws.secretAccessKey', 'password'])(
    'never prints the value of %s',
    (option) => {
      const { message } = new AiGatewayInvalidOptionsError({ option, value: 'hunter2-very-secret', problem: 'not valid', allowed: 'a string' });
      expect(message).not.toContain('hunter2');
      expect(message).toContain('a string, not shown');
    },
  );

  it('prints a cacheKey, which is not a secret', () => {
    const { message } = new AiGatewayInvalidOptionsError({ option: 'cacheKey', value: 'a\nb', problem: 'contains a line break', allowed: 'one line' });
    expect(message).toContain('"a\\nb"');
  });

  it('scrubs key shapes from a printed string', () => {
    const { message } = new AiGatewayInvalidOptionsError({ option: 'metadata.user', value: 'sk-abcdefghijkl', problem: '', allowed: 'x' });
    expect(message).not.toContain('sk-abc');
  });
});

describe('AiGatewayUnroutableModelError', () => {
  it('names provider, model and host, never the path or query, and says how to add a mapping', () => {
    const error = new AiGatewayUnroutableModelError({
      provider: 'acme.chat',
      modelId: 'acme-large',
      url: 'https://api.acme.dev/v2/secret-path/chat?key=abcdef123456&tenant=zz',
    });
    expect(error.message).toContain('"acme-large"');
    expect(error.message).toContain('"acme.chat"');
    expect(error.message).toContain('host "api.acme.dev"');
    expect(error.message).not.toContain('secret-path');
    expect(error.message).not.toContain('key=');
    expect(error.message).not.toContain('tenant');
    expect(error.message).toContain("createAiGateway({ providers: [...] }) or force it with { model, provider: '<gateway provider id>' }");
  });

  it('copes with a URL that does not parse', () => {
    const error = new AiGatewayUnroutableModelError({ provider: 'p', modelId: 'm', url: 'not a url?key=abcdefgh' });
    expect(error.host).toBeUndefined();
    expect(error.message).toContain('a URL that could not be parsed');
    expect(error.url).not.toContain('abcdefgh');
  });
});

describe('AiGatewayCaptureError', () => {
  it('names the model and the reason', () => {
    const cause = new Error('boom');
    const error = new AiGatewayCaptureError({ provider: 'workersai.chat', modelId: '@cf/x', reason: 'it does not send HTTP through a configurable fetch', cause });
    expect(error.message).toBe(
      'Could not capture the request of model "@cf/x" (provider "workersai.chat") for AI Gateway: it does not send HTTP through a configurable fetch.',
    );
    expect((error.cause as Error).message).toBe('boom');
  });
});

describe('AiGatewayNetworkError', () => {
  it('names the transport, the redacted URL and the cause chain, and is retryable', () => {
    const cause = new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND gateway.example') });
    const error = new AiGatewayNetworkError({ transport: 'http', url: 'https://user:pw@gateway.example/v1/a/g?token=abcdefghij', cause });
    expect(error.message).toBe(
      'AI Gateway request over transport "http" to https://gateway.example/v1/a/g?token=[REDACTED] failed before an answer arrived: ' +
        'fetch failed: getaddrinfo ENOTFOUND gateway.example. Check the network connection and the gateway URL; sending the request again may succeed.',
    );
    expect(error.isRetryable).toBe(true);
    expect(error.url).toBe('https://gateway.example/v1/a/g?token=[REDACTED]');
  });

  it('works without a URL and with a non-error cause', () => {
    const error = new AiGatewayNetworkError({ transport: 'binding', cause: 'socket hang up' });
    expect(error.message).toContain('transport "binding" failed before an answer arrived: socket hang up.');
    expect(error.url).toBe('');
  });
});
