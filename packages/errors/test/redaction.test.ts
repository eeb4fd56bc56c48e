import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  AiGatewayCaptureError,
  AiGatewayError,
  AiGatewayInvalidOptionsError,
  AiGatewayNetworkError,
  AiGatewayResponseError,
  AiGatewayStepError,
  AiGatewayUnroutableModelError,
  collectSecrets,
  createGatewayResponseError,
  gatewayErrorFromBindingError,
  gatewayErrorFromCode,
  isSecretHeaderName,
  REDACTED,
  redactHeaders,
  redactRequest,
  redactText,
  redactUrl,
} from '../src/index';

// Keys planted in every place a request can carry one. None of them may appear in any error.
const KEYS = {
  openai: 'sk-proj-PLANTEDopenai0123456789abcdef',
  cfToken: 'cfTokenPLANTED0123456789abcdefABCDEFGHIJ',
  anthropic: 'sk-ant-api03-PLANTEDanthropic0123456789',
  azure: 'azurePLANTED0123456789abcdef0123',
  google: 'AIzaSyPLANTEDgoogle0123456789abcdefghij',
  eleven: 'elevenPLANTED0123456789abcdef',
  awsAccessKeyId: 'AKIAPLANTED000000000',
  awsSignature: 'f00d'.repeat(16),
  awsSessionToken: 'IQoJPLANTEDsessionToken0123456789abcdef==',
  query: 'queryPLANTEDkey0123456789',
  stepOnly: 'stepOnlyPLANTEDkey0123456789',
  cookie: 'cookiePLANTEDsession0123456789',
} as const;
const ALL_KEYS = Object.values(KEYS);

const sigV4 =
  `AWS4-HMAC-SHA256 Credential=${KEYS.awsAccessKeyId}/20261127/us-east-1/bedrock/aws4_request, ` +
  `SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=${KEYS.awsSignature}`;

const gatewayUrl = `https://gateway.ai.cloudflare.com/v1/acct123/my-gw?key=${KEYS.query}&alt=sse`;

/** A universal request: outer headers, plus provider keys inside each step of the body. */
const universalBody = JSON.stringify([
  { provider: 'openai', endpoint: 'chat/completions', headers: { authorization: `Bearer ${KEYS.openai}` }, query: { model: 'gpt-5-mini' } },
  { provider: 'anthropic', endpoint: 'v1/messages', headers: { 'x-api-key': KEYS.anthropic }, query: {} },
  { provider: 'custom-acme', endpoint: 'v1/run', headers: { 'x-acme-auth': KEYS.stepOnly }, query: {} },
  {
    provider: 'google-ai-studio',
    endpoint: `v1beta/models/gemini:generateContent?key=${KEYS.google}`,
    headers: { 'x-goog-api-key': KEYS.google },
    query: {},
  },
]);

const request = {
  method: 'POST',
  url: gatewayUrl,
  headers: new Headers({
    'content-type': 'application/json',
    'cf-aig-authorization': `Bearer ${KEYS.cfToken}`,
    authorization: sigV4,
    'x-api-key': KEYS.anthropic,
    'api-key': KEYS.azure,
    'x-goog-api-key': KEYS.google,
    'xi-api-key': KEYS.eleven,
    'x-amz-security-token': KEYS.awsSessionToken,
    'x-amz-date': '20261127T120000Z',
    cookie: `session=${KEYS.cookie}`,
    'cf-aig-metadata': '{"user":"u1"}',
  }),
  body: universalBody,
};

const echo = `Unauthorized: token ${KEYS.cfToken} rejected; upstream said "Incorrect API key provided: ${KEYS.azure}" ${KEYS.stepOnly} ${KEYS.awsAccessKeyId}`;
const responseBody = JSON.stringify({ success: false, error: [{ code: 2009, message: echo }], echo: { headers: Object.fromEntries(request.headers), body: universalBody } });
const responseHeaders = { 'content-type': 'application/json', 'set-cookie': `session=${KEYS.cookie}; HttpOnly`, 'x-echo-key': KEYS.eleven };
const cause = new Error(`upstream failed for key ${KEYS.azure}`, { cause: new Error(`inner: Bearer ${KEYS.cfToken} / ${KEYS.stepOnly}`) });

/** Every way an error is looked at. */
function views(error: Error): Record<string, string> {
  return {
    message: error.message,
    string: String(error),
    stack: error.stack ?? '',
    json: JSON.stringify(error),
    inspect: inspect(error, { depth: 20, showHidden: true }),
    values: inspect(Object.values(error), { depth: 20, showHidden: true }),
    valuesJson: JSON.stringify(Object.values(error)),
  };
}

function expectNoKey(error: Error) {
  for (const [view, text] of Object.entries(views(error))) {
    for (const key of ALL_KEYS) expect(text.includes(key), `${key} found in ${view}: ${text}`).toBe(false);
  }
}

describe('no error holds a planted key', () => {
  it('createGatewayResponseError (gateway message and body echoing keys, a cause holding keys)', () => {
    const error = createGatewayResponseError({ statusCode: 401, body: responseBody, headers: responseHeaders, request, cause })!;
    expect(error).toBeDefined();
    expectNoKey(error);
    expect(error.gatewayMessage).toContain(`token ${REDACTED} rejected`);
    expect(error.request!.headers['cf-aig-authorization']).toBe(REDACTED);
    expect(error.request!.headers['content-type']).toBe('application/json');
    expect(error.request!.headers['x-amz-date']).toBe('20261127T120000Z');
    expect(error.request!.url).toBe(`https://gateway.ai.cloudflare.com/v1/acct123/my-gw?key=${REDACTED}&alt=sse`);
    expect(error.request!.bodyLength).toBe(new TextEncoder().encode(universalBody).byteLength);
    expect(error.responseHeaders['set-cookie']).toBe(REDACTED);
  });

  it('gatewayErrorFromCode for each known code and an unknown one', () => {
    for (const code of [2001, 2003, 2005, 2008, 2009, 2016, 2021, 2030, 2040, 2041, 7003, 10000, 2999]) {
      expectNoKey(gatewayErrorFromCode({ code, message: echo, headers: responseHeaders, body: responseBody, request, cause }));
    }
  });

  it('a binding error whose message echoes keys', () => {
    const thrown = Object.assign(new Error(`2021: ${echo}`), { name: 'AiGatewayError', detail: KEYS.openai });
    expectNoKey(gatewayErrorFromBindingError(thrown, { request, secrets: [KEYS.openai] })!);
  });

  it('AiGatewayNetworkError with the request', () => {
    expectNoKey(new AiGatewayNetworkError({ transport: 'http', request, cause }));
  });

  it('AiGatewayCaptureError with the secrets it knows', () => {
    expectNoKey(
      new AiGatewayCaptureError({ provider: 'p', modelId: 'm', reason: `threw with ${KEYS.azure}`, cause, secrets: collectSecrets(request.headers, request.url, request.body) }),
    );
  });

  it('errors built without the request still scrub recognisable key shapes', () => {
    const shaped = `Bearer ${KEYS.cfToken} ${KEYS.openai} ${KEYS.anthropic} ${KEYS.google} ${KEYS.awsAccessKeyId} Signature=${KEYS.awsSignature} ?key=${KEYS.query}`;
    const errors: Error[] = [
      new AiGatewayError({ message: shaped, cause: new Error(shaped) }),
      new AiGatewayResponseError({ statusCode: 500, gatewayMessage: shaped, responseBody: shaped, responseHeaders: { authorization: shaped } }),
      new AiGatewayStepError({ value: KEYS.openai, stepCount: 2, responseHeaders: { 'x-api-key': KEYS.cfToken } }),
      new AiGatewayUnroutableModelError({ provider: 'p', modelId: 'm', url: `https://u:${KEYS.cfToken}@api.acme.dev/x?api_key=${KEYS.query}` }),
      new AiGatewayInvalidOptionsError({ option: 'apiKey', value: KEYS.cfToken, problem: 'x', allowed: 'y' }),
    ];
    for (const error of errors) expectNoKey(error);
  });
});

describe('redactHeaders', () => {
  it('lower-cases names and redacts credential headers from a Headers object, pairs or a record', () => {
    const expected = { authorization: REDACTED, 'content-type': 'application/json' };
    expect(redactHeaders(new Headers({ Authorization: 'Bearer abcdefgh', 'Content-Type': 'application/json' }))).toEqual(expected);
    expect(redactHeaders([['Authorization', 'Bearer abcdefgh'], ['Content-Type', 'application/json']])).toEqual(expected);
    expect(redactHeaders({ Authorization: 'Bearer abcdefgh', 'Content-Type': 'application/json', 'X-Skip': undefined })).toEqual(expected);
    expect(redactHeaders(undefined)).toEqual({});
    expect(redactHeaders(null)).toEqual({});
  });

  it('joins repeated names and list values, prints numbers and booleans, skips null', () => {
    expect(redactHeaders([['Accept', 'a'], ['accept', 'b'], ['Cookie', 'x=1'], ['cookie', 'y=2']])).toEqual({ accept: 'a, b', cookie: REDACTED });
    expect(redactHeaders({ 'X-List': ['a', 'b'], 'X-Count': 3, 'X-Flag': false, 'X-None': null })).toEqual({ 'x-list': 'a, b', 'x-count': '3', 'x-flag': 'false' });
  });

  it.each([
    'authorization',
    'cf-aig-authorization',
    'proxy-authorization',
    'x-api-key',
    'api-key',
    'x-goog-api-key',
    'xi-api-key',
    'x-amz-security-token',
    'cookie',
    'set-cookie',
    'fal-api-key',
    'x-custom-token',
    'x-client-secret',
    'x-signature',
    'x-my-auth',
  ])('%s is secret', (name) => {
    expect(isSecretHeaderName(name)).toBe(true);
    expect(isSecretHeaderName(name.toUpperCase())).toBe(true);
  });

  it.each([
    'content-type',
    'x-amz-content-sha256',
    'x-amz-date',
    'cf-aig-cache-key',
    'cf-aig-step',
    'anthropic-version',
    'x-ratelimit-remaining-tokens',
    'anthropic-ratelimit-tokens-remaining',
    'www-authenticate',
  ])('%s is not secret', (name) => {
    expect(isSecretHeaderName(name)).toBe(false);
  });

  it('scrubs key shapes from other headers', () => {
    expect(redactHeaders({ 'x-debug': 'used Bearer abcdefghijkl' })).toEqual({ 'x-debug': `used Bearer ${REDACTED}` });
  });
});

describe('redactUrl', () => {
  it.each([
    ['https://generativelanguage.googleapis.com/v1beta/models/g:generateContent?key=AIzaXYZ&alt=sse', `https://generativelanguage.googleapis.com/v1beta/models/g:generateContent?key=${REDACTED}&alt=sse`],
    ['https://user:pass@example.com/path', 'https://example.com/path'],
    ['https://x.example/a?api_key=1&apikey=2&token=3&access_token=4&sig=5&tenant=t', `https://x.example/a?api_key=${REDACTED}&apikey=${REDACTED}&token=${REDACTED}&access_token=${REDACTED}&sig=${REDACTED}&tenant=t`],
    [
      'https://bucket.s3.amazonaws.com/o?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAPLANTED000000000%2F20261127&X-Amz-Date=20261127T000000Z&X-Amz-Security-Token=abc&X-Amz-Signature=deadbeef',
      `https://bucket.s3.amazonaws.com/o?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${REDACTED}&X-Amz-Date=20261127T000000Z&X-Amz-Security-Token=${REDACTED}&X-Amz-Signature=${REDACTED}`,
    ],
    ['https://x.example/a?api%5Fkey=zz#access_token=abc&state=1', `https://x.example/a?api%5Fkey=${REDACTED}#access_token=${REDACTED}&state=1`],
    ['https://res.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-10-21', 'https://res.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-10-21'],
    ['/v1/run?key=abc', `/v1/run?key=${REDACTED}`],
    ['https://x.example/cb#id_token=abc&state=1', `https://x.example/cb#id_token=${REDACTED}&state=1`],
    ['https://x.example/a=b/c?next=/p?q=1&token=t=u&flag', `https://x.example/a=b/c?next=/p?q=1&token=${REDACTED}&flag`],
    ['https://x.example/a?=zz&secret_name=', `https://x.example/a?=zz&secret_name=${REDACTED}`],
  ])('%s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });
});

describe('redactText', () => {
  it('replaces every occurrence of each secret of 6 characters or more, longest first', () => {
    expect(redactText('a abcdef b abcdef c abcdefgh', ['abcdef', 'abcdefgh'])).toBe(`a ${REDACTED} b ${REDACTED} c ${REDACTED}`);
  });

  it('ignores secrets shorter than 6 characters', () => {
    expect(redactText('the test key', ['test', 'key', ''])).toBe('the test key');
  });

  it('also replaces URL-encoded and JSON-escaped forms', () => {
    expect(redactText('q=a%2Fb%2Bc%3D%3Dxy', ['a/b+c==xy'])).toBe(`q=${REDACTED}`);
    expect(redactText('{"v":"quo\\"tedsecret"}', ['quo"tedsecret'])).toBe(`{"v":"${REDACTED}"}`);
  });

  it.each([
    ['Authorization: Bearer abc.def-ghi_jkl', `Authorization: Bearer ${REDACTED}`],
    ['Basic dXNlcjpwYXNzd29yZA==', `Basic ${REDACTED}`],
    ['key sk-proj-abcdefgh12345', `key ${REDACTED}`],
    ['anthropic sk-ant-api03-abcdefghijkl', `anthropic ${REDACTED}`],
    ['groq gsk_abcdefghijklmnopqrstuvwx', `groq ${REDACTED}`],
    ['id AKIAIOSFODNN7EXAMPLE here', `id ${REDACTED} here`],
    ['google AIzaSyA-abcdefghijklmnopqrstuvwxyz012345', `google ${REDACTED}`],
    ['Signature=0123456789abcdef0123456789abcdef', `Signature=${REDACTED}`],
    ['GET /x?api_key=abc&model=m', `GET /x?api_key=${REDACTED}&model=m`],
    ['{"x-api-key":"abc","model":"m"}', `{"x-api-key":"${REDACTED}","model":"m"}`],
    ['see https://bob:pw@host.example/x', `see https://${REDACTED}@host.example/x`],
  ])('scrubs the shape in %j', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('leaves ordinary text alone', () => {
    const text = 'Rate limited. Token limit exceeded for task-abcdefghijk; Basic auth; max_tokens: 100; "input_tokens":12';
    expect(redactText(text)).toBe(text);
  });
});

describe('collectSecrets', () => {
  it('collects header values, the token after the scheme, SigV4 parts and Basic credentials', () => {
    const secrets = collectSecrets({
      authorization: sigV4,
      'cf-aig-authorization': 'Bearer cf-token-123456',
      'proxy-authorization': `Basic ${btoa('user:proxy-password')}`,
      'content-type': 'application/json',
    });
    expect(secrets).toEqual(
      expect.arrayContaining([sigV4, KEYS.awsAccessKeyId, KEYS.awsSignature, 'Bearer cf-token-123456', 'cf-token-123456', 'user:proxy-password', 'proxy-password']),
    );
    expect(secrets).not.toContain('application/json');
  });

  it('collects URL credentials and user info, raw and decoded', () => {
    const secrets = collectSecrets(undefined, 'https://bob:p%40ss@x.example/a?key=a%2Bb&model=m');
    expect(secrets).toEqual(expect.arrayContaining(['bob', 'p%40ss', 'p@ss', 'a%2Bb', 'a+b']));
    expect(secrets).not.toContain('m');
  });

  it('collects the credentials inside universal steps', () => {
    const secrets = collectSecrets({}, undefined, universalBody);
    expect(secrets).toEqual(expect.arrayContaining([KEYS.openai, KEYS.anthropic, KEYS.stepOnly, KEYS.google]));
    expect(collectSecrets({}, undefined, JSON.parse(universalBody))).toEqual(expect.arrayContaining([KEYS.stepOnly]));
    expect(collectSecrets({}, undefined, 'not json')).toEqual([]);
  });

  it('collects cookie values, every SigV4 part, and credentials in a fragment', () => {
    const secrets = collectSecrets({ cookie: 'session=abcdef123; theme=dark', 'x-amz-security-token': 'AWS4-HMAC-SHA256 Credential=AKIAFIRST/x, Signature=0a1b2c3d' });
    expect(secrets).toEqual(expect.arrayContaining(['abcdef123', 'dark', 'AKIAFIRST', '0a1b2c3d']));
    expect(collectSecrets(undefined, 'https://x.example/cb#access_token=frag-token-1&state=s')).toEqual(expect.arrayContaining(['frag-token-1']));
    expect(collectSecrets({ authorization: 'Basic not*base64' })).toEqual(['Basic not*base64', 'not*base64']);
  });

  it('skips redacted values', () => {
    expect(collectSecrets({ authorization: REDACTED })).toEqual([]);
  });
});

describe('redactRequest', () => {
  it('keeps method, redacted URL and headers, and only the body size', () => {
    expect(
      redactRequest({ method: 'post', url: 'https://x.example/a?token=abc', headers: { 'X-Api-Key': 'k', Accept: '*/*' }, body: 'héllo' }),
    ).toEqual({ method: 'POST', url: `https://x.example/a?token=${REDACTED}`, headers: { 'x-api-key': REDACTED, accept: '*/*' }, bodyLength: 6 });
    expect(redactRequest({ url: 'https://x.example', body: new Uint8Array(3) })).toEqual({ method: 'GET', url: 'https://x.example', headers: {}, bodyLength: 3 });
    expect(redactRequest({ url: 'https://x.example', body: new FormData() })).toEqual({ method: 'GET', url: 'https://x.example', headers: {} });
  });

  it('is idempotent', () => {
    const once = redactRequest(request);
    expect(redactRequest(once)).toEqual(once);
  });
});

describe('hardening: echoed secrets, long messages, cookie options', () => {
  const echoed = 'echoedTokenValue0123456789';

  it('scrubs a given secret from any response header, whatever its name', () => {
    expect(redactHeaders({ 'x-echo': `got ${echoed}`, 'x-other': 'plain' }, [echoed])).toEqual({ 'x-echo': `got ${REDACTED}`, 'x-other': 'plain' });
    const error = new AiGatewayResponseError({ statusCode: 400, code: 2009, responseHeaders: { 'x-echo': echoed }, secrets: [echoed] });
    expect(`${inspect(error, { depth: 5 })} ${JSON.stringify(error)}`).not.toContain(echoed);
    const step = new AiGatewayStepError({ value: echoed, stepCount: 2, responseHeaders: { 'x-echo': echoed }, secrets: [echoed] });
    expect(`${step.message} ${step.value} ${inspect(step, { depth: 5 })} ${JSON.stringify(step)}`).not.toContain(echoed);
  });

  it('keeps 1 KB of a huge gateway message, and never half a secret in the message', () => {
    const secret = 'halfSecretValue0123456789abcdef';
    // The secret straddles the point where the message is cut for quoting.
    const message = `${'word '.repeat(98)}xx ${secret} ${'tail '.repeat(200_000)}`;
    const error = gatewayErrorFromCode({ code: 2005, message, statusCode: 502, secrets: [secret] });
    expect(error.gatewayMessage.length).toBeLessThan(1_100);
    for (let cut = 4; cut <= secret.length; cut++) expect(error.message).not.toContain(secret.slice(0, cut));
    expect(error.gatewayMessage).not.toContain(secret);
  });

  it.each(['cookie', 'headers.cookie', 'sessionId', 'headers.x-session-id'])('never shows the value of the option %s', (option) => {
    const error = new AiGatewayInvalidOptionsError({ option, value: 'session=abc123secret', problem: 'is bad', allowed: 'something else' });
    expect(error.message).toContain('not shown');
    expect(error.message).not.toContain('abc123secret');
  });

  it('says when the connection dropped while the answer was read', () => {
    const error = new AiGatewayNetworkError({ transport: 'http', cause: new TypeError('terminated'), stage: 'answer' });
    expect(error.message).toMatch(/cut off while its answer was being read: terminated/);
    expect(error.isRetryable).toBe(true);
  });
});
