import { describe, expect, it } from 'vitest';
import {
  AiGatewayByokAliasError,
  AiGatewayCloudflareAuthError,
  AiGatewayContentBlockedError,
  AiGatewayDoesNotExist,
  AiGatewayInsufficientCreditsError,
  AiGatewayModelNotFoundError,
  AiGatewayPolicyDeniedError,
  AiGatewayProviderError,
  AiGatewayRateLimitError,
  AiGatewayResponseError,
  AiGatewaySpendLimitError,
  AiGatewayUnauthorizedError,
  createGatewayResponseError,
  gatewayErrorFromBindingError,
  gatewayErrorFromCode,
  parseGatewayErrorEnvelope,
  redactRequest,
} from '../src/index';

/** The envelope exactly as docs/protocol.md#errors shows it (captured live). */
const PROTOCOL_2009 =
  '{"success":false,"result":[],"messages":[],"error":[{"code":2009,"message":"Unauthorized"}],\n "name":"AiGatewayError","httpCode":401,"internalCode":2009}';

/** The same envelope for another code, on one line as the gateway sends it. */
const envelope = (code: number, message: string, httpCode: number) =>
  `{"success":false,"result":[],"messages":[],"error":[{"code":${code},"message":${JSON.stringify(message)}}],"name":"AiGatewayError","httpCode":${httpCode},"internalCode":${code}}`;

/** Cloudflare's v4 envelope with the plural `errors`, as Workers AI answers a bad token (docs/protocol.md#errors). */
const PLURAL_10000 = '{"result":null,"success":false,"errors":[{"code":10000,"message":"Authentication error"}],"messages":[]}';

const GATEWAY_URL = 'https://gateway.ai.cloudflare.com/v1/0123456789abcdef/my-gw';

type ResponseClass = { isInstance(error: unknown): boolean; name: string };

interface CodeCase {
  code: number;
  status: number;
  message: string;
  Class: ResponseClass;
  retryable: boolean;
  extra?: Record<string, unknown>;
}

const CODES: CodeCase[] = [
  { code: 2001, status: 400, message: 'Please configure AI Gateway in the Cloudflare dashboard', Class: AiGatewayDoesNotExist, retryable: false },
  { code: 2003, status: 429, message: 'Rate limited', Class: AiGatewayRateLimitError, retryable: true },
  { code: 2005, status: 502, message: 'Failed to get response from provider', Class: AiGatewayProviderError, retryable: true },
  { code: 2008, status: 400, message: 'Invalid provider', Class: AiGatewayProviderError, retryable: false },
  { code: 2009, status: 401, message: 'Unauthorized', Class: AiGatewayUnauthorizedError, retryable: false },
  {
    code: 2016,
    status: 424,
    message: 'Prompt blocked due to security configurations',
    Class: AiGatewayContentBlockedError,
    retryable: false,
    extra: { source: 'guardrails', direction: 'request' },
  },
  {
    code: 2017,
    status: 424,
    message: 'Response blocked due to security configurations',
    Class: AiGatewayContentBlockedError,
    retryable: false,
    extra: { source: 'guardrails', direction: 'response' },
  },
  { code: 2021, status: 402, message: 'Insufficient balance; add money to your gateway or use BYOK', Class: AiGatewayInsufficientCreditsError, retryable: false },
  {
    code: 2029,
    status: 400,
    message: 'Request content blocked due to DLP policy violations',
    Class: AiGatewayContentBlockedError,
    retryable: false,
    extra: { source: 'dlp', direction: 'request' },
  },
  {
    code: 2030,
    status: 400,
    message: 'Response content blocked due to DLP policy violations',
    Class: AiGatewayContentBlockedError,
    retryable: false,
    extra: { source: 'dlp', direction: 'response' },
  },
  {
    code: 2040,
    status: 400,
    message: "Provider 'openai' has no BYOK credential named 'team-b'. Configured aliases: default",
    Class: AiGatewayByokAliasError,
    retryable: false,
  },
  {
    code: 2041,
    status: 429,
    message: "Spend limit exceeded: rule 'hourly' (cost limit 5 per 3600s, fixed) for gateway",
    Class: AiGatewaySpendLimitError,
    retryable: false,
  },
  {
    code: 2045,
    status: 429,
    message: "Spend limit exceeded: rule 'daily' (cost limit 50 per 86400s, fixed) for gateway",
    Class: AiGatewaySpendLimitError,
    retryable: false,
  },
  { code: 7003, status: 404, message: 'Model not found: @cf/meta/nope', Class: AiGatewayModelNotFoundError, retryable: false },
  { code: 7013, status: 503, message: 'Guardrails scanner unavailable', Class: AiGatewayResponseError, retryable: true },
];

const SPECIFIC_CLASSES: ResponseClass[] = [
  AiGatewayPolicyDeniedError,
  AiGatewayDoesNotExist,
  AiGatewayUnauthorizedError,
  AiGatewayRateLimitError,
  AiGatewayInsufficientCreditsError,
  AiGatewayByokAliasError,
  AiGatewaySpendLimitError,
  AiGatewayContentBlockedError,
  AiGatewayProviderError,
  AiGatewayModelNotFoundError,
  AiGatewayCloudflareAuthError,
];

describe('parseGatewayErrorEnvelope', () => {
  it('reads the envelope of docs/protocol.md#errors byte for byte', () => {
    expect(parseGatewayErrorEnvelope(PROTOCOL_2009)).toEqual([{ code: 2009, message: 'Unauthorized' }]);
  });

  it('reads the plural errors of the Cloudflare v4 envelope', () => {
    expect(parseGatewayErrorEnvelope(PLURAL_10000)).toEqual([{ code: 10000, message: 'Authentication error' }]);
  });

  it('tolerates missing result/messages and extra top-level message/description', () => {
    expect(parseGatewayErrorEnvelope('{"success":false,"error":[{"code":2001,"message":"Please configure AI Gateway"}]}')).toEqual([
      { code: 2001, message: 'Please configure AI Gateway' },
    ]);
    expect(
      parseGatewayErrorEnvelope(
        '{"success":false,"error":[{"code":2003,"message":"Rate limited"}],"message":"Rate limited","description":"Too many requests"}',
      ),
    ).toEqual([{ code: 2003, message: 'Rate limited' }]);
    expect(parseGatewayErrorEnvelope('  {"success":false,"error":[{"code":2005}],"message":"Failed to get response from provider"}\n')).toEqual([
      { code: 2005, message: 'Failed to get response from provider' },
    ]);
  });

  it('keeps every coded entry, in order', () => {
    expect(parseGatewayErrorEnvelope('{"success":false,"errors":[{"code":7003,"message":"a"},{"nope":1},{"code":"7000","message":"b"}]}')).toEqual([
      { code: 7003, message: 'a' },
      { code: 7000, message: 'b' },
    ]);
  });

  it.each([
    ['empty', ''],
    ['plain text', 'Internal Server Error'],
    ['HTML', '<html><body><h1>502 Bad Gateway</h1></body></html>'],
    ['broken JSON', '{"success":false,"error":[{"code":2001'],
    ['OpenAI error', '{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}'],
    ['Anthropic error', '{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}'],
    ['success true', '{"success":true,"result":{},"errors":[{"code":1,"message":"x"}]}'],
    ['no entries', '{"success":false,"error":[]}'],
    ['no error field', '{"success":false}'],
    ['plural entries without code (a provider\'s v4 envelope)', '{"success":false,"errors":[{"message":"x"}]}'],
    ['an entry with neither code nor message', '{"success":false,"error":{"bucket":"user:a"}}'],
    ['error as a string', '{"success":false,"error":"Access denied by policy"}'],
    ['a JSON array', '[{"success":false,"error":[{"code":2001,"message":"x"}]}]'],
    ['JSON null', 'null'],
  ])('returns undefined for %s', (_label, body) => {
    expect(parseGatewayErrorEnvelope(body)).toBeUndefined();
  });
});

/** A policy's block and spend cap, as the 2026 gateway answers them: `error` is an object, without a code. */
const POLICY_BLOCK = '{"success":false,"error":{"message":"Access denied by policy"}}';
const POLICY_CAP = '{"success":false,"error":{"message":"Spending limit exceeded","bucket":"user:alice","spent":5.25,"limit":5}}';

describe('refusals without a code (policies, Unified Billing)', () => {
  it('parses an error object, and entries without a code, keeping the spend fields', () => {
    expect(parseGatewayErrorEnvelope(POLICY_BLOCK)).toEqual([{ code: undefined, message: 'Access denied by policy' }]);
    expect(parseGatewayErrorEnvelope(POLICY_CAP)).toEqual([{ code: undefined, message: 'Spending limit exceeded', bucket: 'user:alice', spent: 5.25, limit: 5 }]);
    expect(parseGatewayErrorEnvelope('{"success":false,"error":[{"message":"Access denied by policy"}]}')).toEqual([{ code: undefined, message: 'Access denied by policy' }]);
    expect(parseGatewayErrorEnvelope('{"success":false,"error":{"code":2016,"message":"Prompt blocked"}}')).toEqual([{ code: 2016, message: 'Prompt blocked' }]);
  });

  it('a 403 policy block → AiGatewayPolicyDeniedError, not retryable, no code', () => {
    const headers = new Headers({ 'content-type': 'application/json' });
    const error = createGatewayResponseError({ statusCode: 403, body: POLICY_BLOCK, headers, request: { method: 'POST', url: GATEWAY_URL, headers: {} } })!;
    expect(AiGatewayPolicyDeniedError.isInstance(error)).toBe(true);
    for (const other of SPECIFIC_CLASSES) if (other !== AiGatewayPolicyDeniedError) expect(other.isInstance(error), other.name).toBe(false);
    expect(error.code).toBeUndefined();
    expect(error.statusCode).toBe(403);
    expect(error.isRetryable).toBe(false);
    expect(error.gatewayMessage).toBe('Access denied by policy');
    expect(error.message).toBe(
      'AI Gateway "my-gw" refused the request: a policy of the gateway denies it (HTTP 403): "Access denied by policy". ' +
        "Sending it again will not help; policies decide by the caller's identity (Access, country or cf-aig-metadata), so check the gateway's policies.",
    );
  });

  it('a 429 policy spend cap → AiGatewaySpendLimitError with bucket, spent and limit, not retryable', () => {
    const error = createGatewayResponseError({ statusCode: 429, body: POLICY_CAP, headers: { 'retry-after': '30' } })!;
    expect(AiGatewaySpendLimitError.isInstance(error)).toBe(true);
    expect(AiGatewayRateLimitError.isInstance(error)).toBe(false);
    const spend = error as AiGatewaySpendLimitError;
    expect(spend).toMatchObject({ code: undefined, statusCode: 429, isRetryable: false, bucket: 'user:alice', spent: 5.25, limit: 5 });
    expect(spend.responseHeaders['retry-after']).toBe('30');
    expect(spend.message).toBe(
      'AI Gateway spending cap of a policy reached for bucket "user:alice" (spent 5.25, limit 5) (HTTP 429): "Spending limit exceeded". ' +
        "Requests of this bucket are refused until the cap's window resets; raise the cap in the gateway's policies.",
    );
    expect(JSON.parse(JSON.stringify(spend))).toMatchObject({ bucket: 'user:alice', spent: 5.25, limit: 5, isRetryable: false });
  });

  it('a spend cap is recognised by its message alone, and 2041/2045 keep their codes', () => {
    const error = createGatewayResponseError({ statusCode: 429, body: '{"success":false,"error":[{"message":"Spending limit exceeded"}]}' })!;
    expect(AiGatewaySpendLimitError.isInstance(error)).toBe(true);
    expect(error.isRetryable).toBe(false);
    for (const code of [2041, 2045]) {
      const coded = createGatewayResponseError({ statusCode: 429, body: envelope(code, 'Spend limit exceeded', 429) })!;
      expect(AiGatewaySpendLimitError.isInstance(coded)).toBe(true);
      expect(coded).toMatchObject({ code, isRetryable: false, bucket: undefined });
    }
  });

  it('a 429 without a code and without spend details is a rate limit that passes: retryable, Retry-After kept', () => {
    const error = createGatewayResponseError({ statusCode: 429, body: '{"success":false,"error":{"message":"Too many requests"}}', headers: { 'Retry-After': '2' } })!;
    expect(AiGatewayRateLimitError.isInstance(error)).toBe(true);
    expect(error.code).toBeUndefined();
    expect(error.isRetryable).toBe(true);
    expect(error.responseHeaders['retry-after']).toBe('2');
    expect(error.message).toMatch(/rate limit reached \(HTTP 429, no code/);
  });

  it("Workers AI's 3040 (rejectIfBusy) is a retryable rate limit", () => {
    const error = createGatewayResponseError({ statusCode: 429, body: '{"result":null,"success":false,"errors":[{"code":3040,"message":"Capacity temporarily exceeded"}],"messages":[]}' })!;
    expect(AiGatewayRateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 3040, statusCode: 429, isRetryable: true });
    expect(error.message).toMatch(/Workers AI is busy.*rejectIfBusy, code 3040/);
  });

  it('any other status without a code is a generic error with the status’s retryability', () => {
    const bad = createGatewayResponseError({ statusCode: 400, body: '{"success":false,"error":{"message":"Provider credentials required"}}' })!;
    expect(bad.constructor).toBe(AiGatewayResponseError);
    expect(bad).toMatchObject({ code: undefined, statusCode: 400, isRetryable: false });
    expect(bad.message).toBe('AI Gateway answered with an error (HTTP 400): "Provider credentials required".');
    expect(createGatewayResponseError({ statusCode: 503, body: '{"success":false,"error":{"message":"Busy"}}' })!.isRetryable).toBe(true);
  });

  it('without a status (a 200 carrying the envelope), the message decides', () => {
    expect(AiGatewayPolicyDeniedError.isInstance(createGatewayResponseError({ body: POLICY_BLOCK }))).toBe(true);
    expect(createGatewayResponseError({ body: POLICY_BLOCK })!.statusCode).toBe(403);
    expect(AiGatewaySpendLimitError.isInstance(createGatewayResponseError({ body: POLICY_CAP }))).toBe(true);
  });

  it('the binding\'s thrown refusals: without a code, classed by httpCode or message, spend fields kept', () => {
    const thrown = (message: string, fields: Record<string, unknown> = {}) => Object.assign(new Error(message), { name: 'AiGatewayError' }, fields);
    const denied = gatewayErrorFromBindingError(thrown('Access denied by policy'))!;
    expect(AiGatewayPolicyDeniedError.isInstance(denied)).toBe(true);
    expect(denied).toMatchObject({ code: undefined, statusCode: 403, isRetryable: false });
    const cap = gatewayErrorFromBindingError(thrown('Spending limit exceeded', { httpCode: 429, bucket: 'user:bob', spent: 2, limit: 1 }))!;
    expect(AiGatewaySpendLimitError.isInstance(cap)).toBe(true);
    expect(cap).toMatchObject({ code: undefined, statusCode: 429, isRetryable: false, bucket: 'user:bob', spent: 2, limit: 1 });
    const busy = gatewayErrorFromBindingError(thrown('Capacity temporarily exceeded', { internalCode: 3040, httpCode: 429 }))!;
    expect(AiGatewayRateLimitError.isInstance(busy)).toBe(true);
    expect(busy).toMatchObject({ code: 3040, isRetryable: true });
    const limited = gatewayErrorFromBindingError(thrown('Too many requests', { httpCode: 429 }))!;
    expect(AiGatewayRateLimitError.isInstance(limited)).toBe(true);
    expect(limited.isRetryable).toBe(true);
    const blocked = gatewayErrorFromBindingError(thrown('2017: Response blocked due to security configurations', { httpCode: 422 }))!;
    expect(AiGatewayContentBlockedError.isInstance(blocked)).toBe(true);
    expect(blocked).toMatchObject({ code: 2017, statusCode: 422, isRetryable: false, direction: 'response' });
    // Only errors named AiGatewayError are taken for the gateway's when their message has no code.
    expect(gatewayErrorFromBindingError(new Error('Access denied by policy'))).toBeUndefined();
  });

  it('scrubs a secret from the bucket', () => {
    const error = createGatewayResponseError({
      statusCode: 429,
      body: '{"success":false,"error":{"message":"Spending limit exceeded","bucket":"user:sk-live-abcdefghijklmnop"}}',
      request: { url: GATEWAY_URL, headers: { authorization: 'Bearer sk-live-abcdefghijklmnop' } },
    }) as AiGatewaySpendLimitError;
    expect(error.bucket).not.toContain('abcdefghijklmnop');
    expect(error.message).not.toContain('abcdefghijklmnop');
  });
});

describe('createGatewayResponseError: code → class', () => {
  it.each(CODES)('$code → $Class.name (retryable: $retryable)', ({ code, status, message, Class, retryable, extra }) => {
    const body = envelope(code, message, status);
    const error = createGatewayResponseError({
      statusCode: status,
      body,
      headers: new Headers({ 'content-type': 'application/json', 'cf-aig-log-id': '01JADMCQQQBWH3NXZ5GCRN98DP' }),
      request: { method: 'POST', url: GATEWAY_URL, headers: { 'content-type': 'application/json' } },
    });
    expect(error).toBeDefined();
    expect(Class.isInstance(error)).toBe(true);
    expect(AiGatewayResponseError.isInstance(error)).toBe(true);
    for (const other of SPECIFIC_CLASSES) if (other !== Class) expect(other.isInstance(error), other.name).toBe(false);
    expect(error!.code).toBe(code);
    expect(error!.statusCode).toBe(status);
    expect(error!.gatewayMessage).toBe(message);
    expect(error!.isRetryable).toBe(retryable);
    expect(error!.responseBody).toBe(body);
    expect(error!.responseHeaders).toEqual({ 'content-type': 'application/json', 'cf-aig-log-id': '01JADMCQQQBWH3NXZ5GCRN98DP' });
    expect(error!.request).toEqual({ method: 'POST', url: GATEWAY_URL, headers: { 'content-type': 'application/json' } });
    expect(error!.message).toContain(`code ${code}`);
    if (extra) expect(error).toMatchObject(extra);
  });

  it('maps the envelope of docs/protocol.md#errors to AiGatewayUnauthorizedError', () => {
    const error = createGatewayResponseError({ statusCode: 401, body: PROTOCOL_2009 });
    expect(error).toBeInstanceOf(AiGatewayUnauthorizedError);
    expect(error!.isRetryable).toBe(false);
  });

  it('maps the plural 10000 envelope to AiGatewayCloudflareAuthError', () => {
    const error = createGatewayResponseError({ statusCode: 401, body: PLURAL_10000 });
    expect(error).toBeInstanceOf(AiGatewayCloudflareAuthError);
    expect(error!.code).toBe(10000);
    expect(error!.gatewayMessage).toBe('Authentication error');
    expect(error!.isRetryable).toBe(false);
    expect(error!.message).toMatch(/Cloudflare rejected the API token \(code 10000\)/);
  });

  it('keeps code, status and message of an unknown code in the generic class', () => {
    const error = createGatewayResponseError({ statusCode: 418, body: envelope(2999, 'Something new', 418) });
    expect(error).toBeDefined();
    expect(error!.constructor).toBe(AiGatewayResponseError);
    expect(error!.name).toBe('AI_AiGatewayResponseError');
    expect(error!.code).toBe(2999);
    expect(error!.statusCode).toBe(418);
    expect(error!.gatewayMessage).toBe('Something new');
    expect(error!.isRetryable).toBe(false);
    expect(error!.message).toBe('AI Gateway answered with an error (code 2999, HTTP 418): "Something new".');
  });

  it('returns undefined for a provider error or a non-JSON body', () => {
    expect(createGatewayResponseError({ statusCode: 401, body: '{"error":{"message":"Incorrect API key provided","code":"invalid_api_key"}}' })).toBeUndefined();
    expect(createGatewayResponseError({ statusCode: 502, body: '<html>Bad gateway</html>' })).toBeUndefined();
    expect(createGatewayResponseError({ statusCode: 500, body: '' })).toBeUndefined();
  });

  it('truncates a huge body', () => {
    const body = envelope(2999, 'x'.repeat(10_000), 400);
    const error = createGatewayResponseError({ statusCode: 400, body })!;
    expect(error.responseBody!.length).toBeLessThan(4200);
    expect(error.responseBody).toMatch(/…\[truncated, \d+ characters in all\]$/);
    expect(error.message.length).toBeLessThan(700);
  });

  it('accepts a request that was already redacted', () => {
    const request = redactRequest({ method: 'POST', url: `${GATEWAY_URL}?key=abcdefgh`, headers: { authorization: 'Bearer sk-abcdefghijklmnop' } });
    const error = createGatewayResponseError({ statusCode: 400, body: envelope(2001, 'x', 400), request })!;
    expect(error.request).toEqual(request);
    expect(error.message).toContain('"my-gw"');
  });
});

describe('retryability', () => {
  it.each([
    [500, 2999, true],
    [503, undefined, true],
    [429, 2998, true],
    [408, 2997, true],
    [400, 2999, false],
    [404, undefined, false],
    [503, 7013, true],
    [400, 7013, true],
  ])('generic: HTTP %i with code %s → %s', (statusCode, code, retryable) => {
    expect(new AiGatewayResponseError({ statusCode, code }).isRetryable).toBe(retryable);
  });

  it('a known permanent code stays permanent on a 5xx status', () => {
    for (const code of [2001, 2008, 2009, 2021, 2040, 2041, 2045, 2016, 2029, 7003, 10000]) {
      expect(gatewayErrorFromCode({ code, message: 'x', statusCode: 500 }).isRetryable, String(code)).toBe(false);
    }
  });

  it('2003 and 2005 are retryable whatever the status', () => {
    expect(gatewayErrorFromCode({ code: 2003, message: 'Rate limited' }).isRetryable).toBe(true);
    expect(gatewayErrorFromCode({ code: 2005, message: 'Failed to get response from provider', statusCode: 400 }).isRetryable).toBe(true);
  });

  it('can be overridden, e.g. after the gateway already retried', () => {
    expect(gatewayErrorFromCode({ code: 2005, message: 'x', isRetryable: false }).isRetryable).toBe(false);
    expect(createGatewayResponseError({ statusCode: 503, body: envelope(2999, 'x', 503), isRetryable: false })!.isRetryable).toBe(false);
  });
});

describe('messages of gateway errors', () => {
  const request = { method: 'POST', url: GATEWAY_URL, headers: {} };

  it('2001 names the gateway and says what to do', () => {
    const error = gatewayErrorFromCode({ code: 2001, message: 'Please configure AI Gateway in the Cloudflare dashboard', statusCode: 400, request });
    expect(error.message).toBe(
      'AI Gateway "my-gw" does not exist in this account (code 2001). Create it in the Cloudflare dashboard (AI > AI Gateway), ' +
        'or use the gateway id "default", which Cloudflare creates on the first authenticated request.',
    );
    expect(gatewayErrorFromCode({ code: 2001, message: 'x' }).message).toMatch(/^The AI Gateway does not exist in this account \(code 2001\)/);
  });

  it('takes the gateway id from an explicit option or the REST header', () => {
    expect(gatewayErrorFromCode({ code: 2009, message: 'Unauthorized', gatewayId: 'prod' }).message).toMatch(/^AI Gateway "prod" refused/);
    const rest = { url: 'https://api.cloudflare.com/client/v4/accounts/a/ai/run/@cf/x', headers: { 'cf-aig-gateway-id': 'rest-gw' } };
    expect(gatewayErrorFromCode({ code: 2009, message: 'Unauthorized', request: rest }).message).toMatch(/^AI Gateway "rest-gw"/);
  });

  it.each([
    [2009, /cf-aig-authorization.*apiKey/],
    [2003, /rate limit.*raise the rate limit/],
    [2021, /Unified Billing.*"Insufficient balance".*BYOK/],
    [2040, /BYOK alias.*byokAlias/],
    [2041, /spend limit exceeded.*window resets/],
    [2016, /Guardrails blocked the request.*Change the prompt/],
    [2030, /Data Loss Prevention \(DLP\) blocked the model's response/],
    [2005, /failed to get a response from the provider.*retry/],
    [2008, /does not know the provider.*"custom-<slug>"/],
    [7003, /could not find or run the model.*Check the model id/],
    [10000, /Cloudflare rejected the API token.*Workers AI/],
  ])('code %i says what happened and what to do', (code, pattern) => {
    const error = gatewayErrorFromCode({ code, message: code === 2021 ? 'Insufficient balance' : 'detail', request });
    expect(error.message).toMatch(pattern);
  });

  it('defaults the status for a code when none is known (binding)', () => {
    expect(gatewayErrorFromCode({ code: 2001, message: 'x' }).statusCode).toBe(400);
    expect(gatewayErrorFromCode({ code: 2009, message: 'x' }).statusCode).toBe(401);
    expect(gatewayErrorFromCode({ code: 2021, message: 'x' }).statusCode).toBe(402);
    expect(gatewayErrorFromCode({ code: 2003, message: 'x' }).statusCode).toBe(429);
    expect(gatewayErrorFromCode({ code: 4242, message: 'x' }).statusCode).toBe(500);
  });
});

describe('gatewayErrorFromBindingError', () => {
  const bindingError = (message: string) => Object.assign(new Error(message), { name: 'AiGatewayError' });

  it('parses "2021: Insufficient AI Gateway credits"', () => {
    const thrown = bindingError('2021: Insufficient AI Gateway credits');
    const error = gatewayErrorFromBindingError(thrown, { gatewayId: 'my-gw' });
    expect(error).toBeInstanceOf(AiGatewayInsufficientCreditsError);
    expect(error!.code).toBe(2021);
    expect(error!.statusCode).toBe(402);
    expect(error!.gatewayMessage).toBe('Insufficient AI Gateway credits');
    expect(error!.isRetryable).toBe(false);
    expect(error!.message).toMatch(/^AI Gateway "my-gw" could not pay/);
    expect((error!.cause as Error).name).toBe('AiGatewayError');
    expect((error!.cause as Error).message).toBe('2021: Insufficient AI Gateway credits');
  });

  it.each([
    ['2001: Please configure AI Gateway in the Cloudflare dashboard', AiGatewayDoesNotExist],
    ['2003: Rate limited', AiGatewayRateLimitError],
    ['2041:Spend limit exceeded', AiGatewaySpendLimitError],
    ['7003: Model not found: @cf/x', AiGatewayModelNotFoundError],
  ])('maps %j', (message, Class) => {
    expect(Class.isInstance(gatewayErrorFromBindingError(bindingError(message)))).toBe(true);
  });

  it('keeps an unknown code', () => {
    const error = gatewayErrorFromBindingError(bindingError('5005: Something\nmulti-line'))!;
    expect(error.constructor).toBe(AiGatewayResponseError);
    expect(error.code).toBe(5005);
    expect(error.gatewayMessage).toBe('Something\nmulti-line');
  });

  it('returns an AiGatewayResponseError as it is', () => {
    const error = new AiGatewayRateLimitError();
    expect(gatewayErrorFromBindingError(error)).toBe(error);
  });

  it.each([
    ['a plain error', new Error('boom')],
    ['an HTTP-like status', new Error('500: Internal Server Error')],
    ['a string', '2021: Insufficient AI Gateway credits'],
    ['null', null],
    ['an object without message', { code: 2021 }],
  ])('returns undefined for %s', (_label, value) => {
    expect(gatewayErrorFromBindingError(value)).toBeUndefined();
  });
});
