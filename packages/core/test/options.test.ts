import { AiGatewayInvalidOptionsError } from '@aigw/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMergedMetadata, headersToOptions, mergeOptions, optionsToHeaders, validateOptions, type AiGatewayOptions } from '../src/options';

function invalid(options: unknown, path?: string): AiGatewayInvalidOptionsError {
  try {
    validateOptions(options, path);
  } catch (error) {
    expect(AiGatewayInvalidOptionsError.isInstance(error)).toBe(true);
    return error as AiGatewayInvalidOptionsError;
  }
  throw new Error('expected validateOptions to throw');
}

describe('validateOptions', () => {
  it('accepts every option of the gateway', () => {
    const options: AiGatewayOptions = {
      cacheKey: 'k',
      cacheTtl: 3600,
      skipCache: true,
      metadata: { user: 'u1', n: 1, ok: true, big: 10n },
      collectLog: false,
      collectLogPayload: false,
      eventId: 'evt',
      requestTimeoutMs: 5000,
      retries: { maxAttempts: 3, retryDelayMs: 500, backoff: 'exponential' },
      byokAlias: 'prod',
      zdr: true,
      customCost: { per_token_in: 0.000001, per_token_out: 0.000002 },
      noWholesale: true,
    };
    expect(validateOptions(options)).toBe(options);
  });

  it.each([
    [{ retries: { maxAttempts: 7 } }, 'retries.maxAttempts', /integer from 1 to 5/],
    [{ retries: { maxAttempts: 0 } }, 'retries.maxAttempts', /integer from 1 to 5/],
    [{ retries: { retryDelayMs: 6000 } }, 'retries.retryDelayMs', /0 to 5000/],
    [{ retries: { backoff: 'random' } }, 'retries.backoff', /"constant", "linear", "exponential"/],
    [{ cacheTtl: -1 }, 'cacheTtl', /non-negative|0 to/],
    [{ cacheTtl: 1.5 }, 'cacheTtl', /integer/],
    [{ metadata: { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 } }, 'metadata', /at most 5/],
    [{ metadata: { nested: { x: 1 } } }, 'metadata.nested', /string, number, boolean, bigint or null/],
    [{ metadata: { list: [1] } }, 'metadata.list', /string, number, boolean, bigint or null/],
    [{ metadata: { 'cf.reserved': 'x' } }, 'metadata.cf.reserved', /cf\./],
    [{ eventId: 'a\r\nInjected: 1' }, 'eventId', /control character \(U\+000D\).*printable ASCII/],
    [{ eventId: 'tab\there' }, 'eventId', /control character \(U\+0009\)/],
    [{ eventId: 'café-42' }, 'eventId', /non-ASCII character \(U\+00E9\)/],
    [{ cacheKey: 'ключ' }, 'cacheKey', /non-ASCII character/],
    [{ byokAlias: 'prod\u0007' }, 'byokAlias', /control character/],
    [{ cacheKey: 'k'.repeat(20_000) }, 'cacheKey', /20000 characters long.*at most 8192/],
    [{ metadata: { big: 'x'.repeat(20_000) } }, 'metadata', /bytes as JSON.*at most 8192/],
    [{ skipCache: 'yes' }, 'skipCache', /true or false/],
    [{ cachettl: 60 }, 'cachettl', /cacheTtl/],
    [{ customCost: { total_cost: 1, per_token_in: 1 } }, 'customCost', /either/],
  ])('rejects %j naming %s', (options, option, allowed) => {
    const error = invalid(options);
    expect(error.message).toContain(`"${option}"`);
    expect(error.message).toMatch(allowed);
  });

  it('prefixes the option path', () => {
    expect(invalid({ cacheTtl: 'x' }, 'providerOptions.aigateway').message).toContain('"providerOptions.aigateway.cacheTtl"');
  });
});

describe('optionsToHeaders', () => {
  it('maps each option to its cf-aig-* header', () => {
    expect(
      optionsToHeaders({
        cacheKey: 'k',
        cacheTtl: 60,
        skipCache: true,
        metadata: { user: 'u', big: 12345678901234567890n },
        collectLog: true,
        eventId: 'e',
        requestTimeoutMs: 1000,
        retries: { maxAttempts: 2, retryDelayMs: 100, backoff: 'linear' },
        byokAlias: 'alias',
        zdr: false,
        noWholesale: true,
      }),
    ).toEqual({
      'cf-aig-cache-key': 'k',
      'cf-aig-cache-ttl': '60',
      'cf-aig-skip-cache': 'true',
      'cf-aig-metadata': '{"user":"u","big":"12345678901234567890"}',
      'cf-aig-collect-log': 'true',
      'cf-aig-event-id': 'e',
      'cf-aig-request-timeout': '1000',
      'cf-aig-max-attempts': '2',
      'cf-aig-retry-delay': '100',
      'cf-aig-backoff': 'linear',
      'cf-aig-byok-alias': 'alias',
      'cf-aig-zdr': 'false',
      'cf-aig-no-wholesale': 'true',
    });
  });

  it('omits skipCache: false, as 4.x did (the gateway default)', () => {
    expect(optionsToHeaders({ skipCache: false, cacheTtl: 60 })).toEqual({ 'cf-aig-cache-ttl': '60' });
  });

  it('writes non-ASCII metadata as JSON \\u escapes, which a JSON parser reads back unchanged', () => {
    const metadata = { user: 'Zoë 🚀', 'clé': 'naïve', line: 'a\nb', del: '\u007f' };
    const header = optionsToHeaders(validateOptions({ metadata }))['cf-aig-metadata']!;
    expect(header).toMatch(/^[\x20-\x7e]+$/);
    expect(header).toContain('Zo\\u00eb \\ud83d\\ude80');
    expect(JSON.parse(header)).toEqual(metadata);
    // A header this library builds is one a fetch implementation accepts.
    expect(new Headers({ 'cf-aig-metadata': header }).get('cf-aig-metadata')).toBe(header);
  });

  it('round-trips through headersToOptions for random valid options', () => {
    const options = fc.record(
      {
        cacheKey: fc.string({ minLength: 1 }).filter((s) => !/[\r\n\0]/.test(s)),
        cacheTtl: fc.integer({ min: 0, max: 2_592_000 }),
        skipCache: fc.boolean(),
        metadata: fc.dictionary(
          fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !k.startsWith('cf.') && k !== '__proto__'),
          fc.oneof(fc.string().filter((s) => !/[\r\n]/.test(s)), fc.integer(), fc.boolean()),
          { maxKeys: 5 },
        ),
        collectLog: fc.boolean(),
        collectLogPayload: fc.boolean(),
        eventId: fc.uuid(),
        requestTimeoutMs: fc.integer({ min: 1, max: 600_000 }),
        retries: fc.record(
          { maxAttempts: fc.constantFrom<1 | 2 | 3 | 4 | 5>(1, 2, 3, 4, 5), retryDelayMs: fc.integer({ min: 0, max: 5000 }), backoff: fc.constantFrom<'constant' | 'linear' | 'exponential'>('constant', 'linear', 'exponential') },
          { requiredKeys: [] },
        ),
        byokAlias: fc.stringMatching(/^[a-z0-9-]{1,20}$/),
        zdr: fc.boolean(),
        noWholesale: fc.boolean(),
        autoRouter: fc.record(
          {
            sessionId: fc.stringMatching(/^[\x20-\x7e]{1,40}$/),
            turnId: fc.stringMatching(/^[a-z0-9-]{1,20}$/),
            sessionAffinity: fc.boolean(),
            allowedModels: fc.array(fc.stringMatching(/^[a-z*][a-z0-9*-]{0,8}\/[a-z0-9*@/.-]{1,20}$/), { minLength: 1, maxLength: 4 }),
            allowedProviders: fc.array(fc.stringMatching(/^[a-z*][a-z0-9*-]{0,12}$/), { minLength: 1, maxLength: 4 }),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(options, (o) => {
        const valid = validateOptions(o);
        const back = headersToOptions(optionsToHeaders(valid));
        const expected = { ...valid };
        // false is the gateway's default and, as in 4.x, not sent.
        if (expected.skipCache === false) delete expected.skipCache;
        if (expected.retries && Object.keys(expected.retries).length === 0) delete expected.retries;
        if (expected.autoRouter) {
          // Session affinity is on by default: only `false` is sent.
          const { sessionAffinity, ...router } = expected.autoRouter;
          expected.autoRouter = sessionAffinity === false ? { ...router, sessionAffinity } : router;
          if (Object.keys(expected.autoRouter).length === 0) delete expected.autoRouter;
        }
        expect(back).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('autoRouter', () => {
  it('maps each setting to its header, lists comma-separated', () => {
    const options = validateOptions({ autoRouter: { sessionId: 'conv-1', turnId: 't-2', sessionAffinity: false, allowedModels: ['anthropic/*', 'workers-ai/@cf/meta/llama-3.1-8b-instruct'], allowedProviders: ['openai', 'anthropic'] } });
    expect(optionsToHeaders(options)).toEqual({
      'cf-aig-session-id': 'conv-1',
      'cf-aig-turn-id': 't-2',
      'cf-aig-no-session-affinity': 'true',
      'cf-aig-allowed-models': 'anthropic/*,workers-ai/@cf/meta/llama-3.1-8b-instruct',
      'cf-aig-allowed-providers': 'openai,anthropic',
    });
    expect(optionsToHeaders({ autoRouter: { sessionAffinity: true } })).toEqual({});
  });

  it('refuses commas, empty and malformed entries, naming the entry', () => {
    const cases: [unknown, string, RegExp][] = [
      [{ allowedModels: ['a/b,c/d'] }, 'autoRouter.allowedModels[0]', /contains a comma/],
      [{ allowedModels: ['a/b', ''] }, 'autoRouter.allowedModels[1]', /is empty/],
      [{ allowedModels: ['no-provider'] }, 'autoRouter.allowedModels[0]', /not a valid entry/],
      [{ allowedModels: ['openai/gpt 5'] }, 'autoRouter.allowedModels[0]', /not a valid entry/],
      [{ allowedModels: 'openai/*' }, 'autoRouter.allowedModels', /non-empty list/],
      [{ allowedProviders: [] }, 'autoRouter.allowedProviders', /non-empty list/],
      [{ allowedProviders: ['OpenAI'] }, 'autoRouter.allowedProviders[0]', /not a valid entry/],
      [{ allowedProviders: [1] }, 'autoRouter.allowedProviders[0]', /not a valid entry/],
      [{ sessionId: 'é' }, 'autoRouter.sessionId', /non-ASCII/],
      [{ sessionAffinity: 0 }, 'autoRouter.sessionAffinity', /boolean/],
      [{ model: 'x' }, 'autoRouter.model', /not an Auto Router option/],
    ];
    for (const [autoRouter, option, problem] of cases) {
      const error = invalid({ autoRouter });
      expect(error.option).toBe(option);
      expect(error.message).toMatch(problem);
    }
  });

  it('merges key by key across layers', () => {
    expect(mergeOptions({ autoRouter: { allowedProviders: ['openai'], sessionId: 'a' } }, { autoRouter: { sessionId: 'b' } }, undefined)).toEqual({
      autoRouter: { allowedProviders: ['openai'], sessionId: 'b' },
    });
  });
});

describe('mergeOptions', () => {
  it('lets later layers win and merges metadata and retries key by key', () => {
    expect(
      mergeOptions(
        { cacheTtl: 60, metadata: { app: 'a' }, retries: { maxAttempts: 3, backoff: 'linear' } },
        { cacheTtl: 120, metadata: { user: 'u' } },
        { retries: { maxAttempts: 1 } },
        undefined,
      ),
    ).toEqual({ cacheTtl: 120, metadata: { app: 'a', user: 'u' }, retries: { maxAttempts: 1, backoff: 'linear' } });
  });
});

describe('metadata null values (allowed by ai-gateway-provider 4.x)', () => {
  it('are valid and never sent: the gateway would drop all metadata for one', () => {
    const options: AiGatewayOptions = { metadata: { user: 'u', session: null } };
    expect(validateOptions(options)).toBe(options);
    expect(optionsToHeaders(options)['cf-aig-metadata']).toBe('{"user":"u"}');
    expect(optionsToHeaders({ metadata: { session: null } })['cf-aig-metadata']).toBe('{}');
  });

  it('remove, per call, an entry the instance set', () => {
    const merged = mergeOptions({ metadata: { app: 'a', user: 'default' } }, { metadata: { user: null } });
    expect(optionsToHeaders(merged)['cf-aig-metadata']).toBe('{"app":"a"}');
  });
});

describe('checkMergedMetadata', () => {
  it('counts the entries that are sent once the layers are merged (null entries are not sent)', () => {
    const merged = mergeOptions({ metadata: { a: 1, b: 2, c: 3 } }, { metadata: { d: 4, e: 5 } }, { metadata: { f: 6 } }).metadata;
    expect(() => checkMergedMetadata(merged, 'metadata')).toThrow(/has 6 entries once .*merged \(a, b, c, d, e, f/);
    expect(() => checkMergedMetadata({ ...merged, a: null }, 'metadata')).not.toThrow();
    expect(() => checkMergedMetadata(undefined, 'metadata')).not.toThrow();
  });
});
