import { AISDKError, APICallError } from '@ai-sdk/provider';
import { describe, expect, it, vi } from 'vitest';
import * as errors from '../src/index';
import {
  AiGatewayCaptureError,
  AiGatewayDoesNotExist,
  AiGatewayError,
  AiGatewayInternalFetchError,
  AiGatewayInvalidOptionsError,
  AiGatewayNetworkError,
  AiGatewayRateLimitError,
  AiGatewayResponseError,
  AiGatewayStepError,
  AiGatewayUnauthorizedError,
  AiGatewayUnroutableModelError,
} from '../src/index';

type AnyClass = { isInstance(error: unknown): boolean; name: string };

interface Case {
  exportName: keyof typeof errors;
  name: string;
  make: (lib: typeof errors) => Error;
  bases: readonly AnyClass[];
  apiCallError: boolean;
}

const RESPONSE_BASES = [AiGatewayError, AiGatewayResponseError];

const CASES: Case[] = [
  { exportName: 'AiGatewayError', name: 'AI_AiGatewayError', make: (l) => new l.AiGatewayError({ message: 'x' }), bases: [], apiCallError: false },
  {
    exportName: 'AiGatewayResponseError',
    name: 'AI_AiGatewayResponseError',
    make: (l) => new l.AiGatewayResponseError({ statusCode: 500, code: 2999, gatewayMessage: 'x' }),
    bases: [AiGatewayError],
    apiCallError: true,
  },
  { exportName: 'AiGatewayDoesNotExist', name: 'AI_AiGatewayDoesNotExist', make: (l) => new l.AiGatewayDoesNotExist(), bases: RESPONSE_BASES, apiCallError: true },
  { exportName: 'AiGatewayUnauthorizedError', name: 'AI_AiGatewayUnauthorizedError', make: (l) => new l.AiGatewayUnauthorizedError(), bases: RESPONSE_BASES, apiCallError: true },
  { exportName: 'AiGatewayRateLimitError', name: 'AI_AiGatewayRateLimitError', make: (l) => new l.AiGatewayRateLimitError(), bases: RESPONSE_BASES, apiCallError: true },
  {
    exportName: 'AiGatewayInsufficientCreditsError',
    name: 'AI_AiGatewayInsufficientCreditsError',
    make: (l) => new l.AiGatewayInsufficientCreditsError(),
    bases: RESPONSE_BASES,
    apiCallError: true,
  },
  { exportName: 'AiGatewayByokAliasError', name: 'AI_AiGatewayByokAliasError', make: (l) => new l.AiGatewayByokAliasError(), bases: RESPONSE_BASES, apiCallError: true },
  { exportName: 'AiGatewaySpendLimitError', name: 'AI_AiGatewaySpendLimitError', make: (l) => new l.AiGatewaySpendLimitError(), bases: RESPONSE_BASES, apiCallError: true },
  {
    exportName: 'AiGatewayPolicyDeniedError',
    name: 'AI_AiGatewayPolicyDeniedError',
    make: (l) => new l.AiGatewayPolicyDeniedError(),
    bases: RESPONSE_BASES,
    apiCallError: true,
  },
  {
    exportName: 'AiGatewayContentBlockedError',
    name: 'AI_AiGatewayContentBlockedError',
    make: (l) => new l.AiGatewayContentBlockedError(),
    bases: RESPONSE_BASES,
    apiCallError: true,
  },
  { exportName: 'AiGatewayProviderError', name: 'AI_AiGatewayProviderError', make: (l) => new l.AiGatewayProviderError(), bases: RESPONSE_BASES, apiCallError: true },
  {
    exportName: 'AiGatewayModelNotFoundError',
    name: 'AI_AiGatewayModelNotFoundError',
    make: (l) => new l.AiGatewayModelNotFoundError(),
    bases: RESPONSE_BASES,
    apiCallError: true,
  },
  {
    exportName: 'AiGatewayCloudflareAuthError',
    name: 'AI_AiGatewayCloudflareAuthError',
    make: (l) => new l.AiGatewayCloudflareAuthError(),
    bases: RESPONSE_BASES,
    apiCallError: true,
  },
  {
    exportName: 'AiGatewayInvalidOptionsError',
    name: 'AI_AiGatewayInvalidOptionsError',
    make: (l) => new l.AiGatewayInvalidOptionsError({ option: 'cacheTtl', problem: 'not a number', allowed: 'seconds', value: 'x' }),
    bases: [AiGatewayError],
    apiCallError: false,
  },
  {
    exportName: 'AiGatewayUnroutableModelError',
    name: 'AI_AiGatewayUnroutableModelError',
    make: (l) => new l.AiGatewayUnroutableModelError({ provider: 'acme', modelId: 'm', url: 'https://api.acme.dev/v1' }),
    bases: [AiGatewayError],
    apiCallError: false,
  },
  {
    exportName: 'AiGatewayCaptureError',
    name: 'AI_AiGatewayCaptureError',
    make: (l) => new l.AiGatewayCaptureError({ provider: 'acme', modelId: 'm', reason: 'it has no fetch' }),
    bases: [AiGatewayError],
    apiCallError: false,
  },
  {
    exportName: 'AiGatewayStepError',
    name: 'AI_AiGatewayStepError',
    make: (l) => new l.AiGatewayStepError({ value: '3', stepCount: 2 }),
    bases: [AiGatewayError],
    apiCallError: false,
  },
  {
    exportName: 'AiGatewayNetworkError',
    name: 'AI_AiGatewayNetworkError',
    make: (l) => new l.AiGatewayNetworkError({ transport: 'http', cause: new TypeError('fetch failed') }),
    bases: [AiGatewayError],
    apiCallError: true,
  },
  {
    exportName: 'AiGatewayStreamResumeError',
    name: 'AI_AiGatewayStreamResumeError',
    make: (l) => new l.AiGatewayStreamResumeError({ reason: 'expired', runId: 'run-1', fromEvent: 3, reconnects: 1, statusCode: 404 }),
    bases: [AiGatewayError],
    apiCallError: false,
  },
  {
    exportName: 'AiGatewayInternalFetchError',
    name: 'AI_AiGatewayInternalFetchError',
    make: (l) => new l.AiGatewayInternalFetchError(),
    bases: [AiGatewayError],
    apiCallError: false,
  },
  {
    exportName: 'AiGatewayFallbackError',
    name: 'AI_AiGatewayFallbackError',
    make: (l) => new l.AiGatewayFallbackError({ attempts: [{ index: 0, provider: 'openai', modelProvider: 'openai.chat', modelId: 'm', message: 'x' }], cause: new Error('x') }),
    bases: [AiGatewayError],
    apiCallError: true,
  },
  {
    exportName: 'AiGatewayLogNotFoundError',
    name: 'AI_AiGatewayLogNotFoundError',
    make: (l) => new l.AiGatewayLogNotFoundError({ logId: '01ABC', lookups: 3 }),
    bases: [AiGatewayError],
    apiCallError: false,
  },
  {
    exportName: 'AiGatewayBatchError',
    name: 'AI_AiGatewayBatchError',
    make: (l) => new l.AiGatewayBatchError({ batchId: '@cf/meta/llama-3.1-8b-instruct:emu-batch-0000', provider: 'workers-ai.batch', state: 'failed', rawStatus: 'failed', reason: 'the queue lost it', code: '3043' }),
    bases: [AiGatewayError],
    apiCallError: false,
  },
  {
    exportName: 'AiGatewayOperationError',
    name: 'AI_AiGatewayOperationError',
    make: (l) => new l.AiGatewayOperationError({ reason: 'expired', provider: 'google.generative-ai', modelId: 'veo-3.0-generate-001', operation: { operationName: 'models/veo/operations/1' }, statusCode: 404 }),
    bases: [AiGatewayError],
    apiCallError: false,
  },
  {
    exportName: 'AiGatewayMissingDependencyError',
    name: 'AI_AiGatewayMissingDependencyError',
    make: (l) => new l.AiGatewayMissingDependencyError({ packageName: '@ai-sdk/openai-compatible', neededBy: 'ai-gateway-provider/providers/unified', versions: '^3.0.0' }),
    bases: [AiGatewayError],
    apiCallError: false,
  },
];

const ALL_CLASSES = CASES.map((c) => errors[c.exportName] as unknown as AnyClass);

describe.each(CASES)('$exportName', ({ exportName, name, make, bases, apiCallError }) => {
  const Class = errors[exportName] as unknown as AnyClass & (new (...args: never[]) => Error);
  const error = make(errors);

  it('has its name and its own Symbol.for marker', () => {
    expect(error.name).toBe(name);
    expect((error as unknown as Record<symbol, unknown>)[Symbol.for(`vercel.ai.error.${name}`)]).toBe(true);
    expect(String(error)).toBe(`${name}: ${error.message}`);
  });

  it('is an AI SDK error, an instance of itself and of its bases', () => {
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(Class);
    expect(AISDKError.isInstance(error)).toBe(true);
    expect(Class.isInstance(error)).toBe(true);
    for (const base of bases) expect(base.isInstance(error), base.name).toBe(true);
  });

  it('is not an instance of unrelated classes', () => {
    for (const other of ALL_CLASSES) {
      if (other === Class || bases.includes(other)) continue;
      expect(other.isInstance(error), other.name).toBe(false);
    }
  });

  it(`${apiCallError ? 'passes' : 'does not pass'} APICallError.isInstance (the AI SDK retries only those)`, () => {
    expect(APICallError.isInstance(error)).toBe(apiCallError);
    if (apiCallError) expect(typeof (error as unknown as { isRetryable: unknown }).isRetryable).toBe('boolean');
  });

  it('rejects plain errors and non-errors', () => {
    for (const value of [new Error(name), new TypeError('x'), { name }, name, null, undefined, 0]) {
      expect(Class.isInstance(value)).toBe(false);
    }
  });

  it('recognises an object carrying its marker (a duplicate copy of the package)', () => {
    const fake = Object.assign(new Error('from another copy'), { [Symbol.for(`vercel.ai.error.${name}`)]: true });
    expect(Class.isInstance(fake)).toBe(true);
    expect(fake).not.toBeInstanceOf(Class);
  });

  it('recognises an instance built by a separately loaded copy of the module graph', async () => {
    vi.resetModules();
    const copy: typeof errors = await import('../src/index');
    const CopyClass = copy[exportName] as unknown;
    expect(CopyClass).not.toBe(Class);
    const foreign = make(copy);
    expect(foreign).not.toBeInstanceOf(Class);
    expect(Class.isInstance(foreign)).toBe(true);
    for (const base of bases) expect(base.isInstance(foreign), base.name).toBe(true);
    expect((CopyClass as AnyClass).isInstance(error)).toBe(true);
  });

  it('has a toJSON without the raw cause', () => {
    const json = (error as unknown as { toJSON(): Record<string, unknown> }).toJSON();
    expect(json.name).toBe(name);
    expect(json.message).toBe(error.message);
  });
});

describe('drop-in constructors of ai-gateway-provider 4.x', () => {
  it('accept a message string like the old classes', () => {
    expect(new AiGatewayDoesNotExist('This AI gateway does not exist').message).toBe('This AI gateway does not exist');
    expect(new AiGatewayUnauthorizedError('Your AI Gateway has authentication active').message).toBe('Your AI Gateway has authentication active');
    expect(new AiGatewayInternalFetchError('captured').message).toBe('captured');
    expect(new AiGatewayInternalFetchError({ message: 'Another fallback leg answered this call.' }).message).toBe(
      'Another fallback leg answered this call.',
    );
  });
});

describe('cause', () => {
  it('is kept as a redacted copy that keeps class, name, code and nested causes', () => {
    const inner = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED', errno: -111 });
    const outer = new TypeError('fetch failed', { cause: inner });
    const error = new AiGatewayNetworkError({ transport: 'http', url: 'https://gateway.ai.cloudflare.com/v1/a/g', cause: outer });
    expect(error.cause).toBeInstanceOf(TypeError);
    expect((error.cause as Error).message).toBe('fetch failed');
    const copiedInner = (error.cause as Error).cause as Error & { code: string; errno: number };
    expect(copiedInner.message).toBe('connect ECONNREFUSED 127.0.0.1:9');
    expect(copiedInner.code).toBe('ECONNREFUSED');
    expect(copiedInner.errno).toBe(-111);
  });

  it('keeps AI SDK markers on a copied cause so isInstance still works', () => {
    const cause = new AiGatewayRateLimitError({ statusCode: 429 });
    const error = new AiGatewayCaptureError({ provider: 'p', modelId: 'm', reason: 'r', cause });
    expect(AiGatewayRateLimitError.isInstance(error.cause)).toBe(true);
    expect(AiGatewayError.isInstance(error.cause)).toBe(true);
  });

  it('summarises the cause in toJSON', () => {
    const error = new AiGatewayCaptureError({ provider: 'p', modelId: 'm', reason: 'r', cause: new RangeError('bad') });
    expect(error.toJSON().cause).toEqual({ name: 'RangeError', message: 'bad' });
  });

  it('turns a non-error object cause into scrubbed text', () => {
    const error = new AiGatewayError({ message: 'x', cause: { detail: 'ok', apiKey: 'zzzzzzzzzz' } });
    expect(error.cause).toBe('{"detail":"ok","apiKey":"[REDACTED]"}');
  });

  it('copies a DOMException-like cause without touching its accessors', () => {
    const abort = new DOMException('The operation was aborted.', 'AbortError');
    const error = new AiGatewayError({ message: 'x', cause: abort });
    expect((error.cause as Error).name).toBe('AbortError');
    expect((error.cause as Error).message).toBe('The operation was aborted.');
  });
});

describe('AiGatewayStepError and AiGatewayUnroutableModelError', () => {
  it('keep their fields', () => {
    const step = new AiGatewayStepError({ value: '9', stepCount: 3, responseHeaders: new Headers({ 'cf-aig-step': '9' }) });
    expect(step.value).toBe('9');
    expect(step.stepCount).toBe(3);
    expect(step.responseHeaders).toEqual({ 'cf-aig-step': '9' });
    const unroutable = new AiGatewayUnroutableModelError({ provider: 'acme.chat', modelId: 'm', url: 'https://api.acme.dev:8443/v1/x?key=abcdefgh' });
    expect(unroutable.host).toBe('api.acme.dev:8443');
    expect(unroutable.url).toBe('https://api.acme.dev:8443/v1/x?key=[REDACTED]');
  });

  it('AiGatewayInvalidOptionsError does not store the value', () => {
    const error = new AiGatewayInvalidOptionsError({ option: 'cacheTtl', problem: 'negative', allowed: 'seconds from 60', value: -1 });
    expect(Object.keys(error)).not.toContain('value');
    expect(error.option).toBe('cacheTtl');
  });
});
