import { APICallError } from '@ai-sdk/provider';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AiGatewayNetworkError, AiGatewayResponseError, hasSecret, REDACTED, redactError, redactHeaders, redactText, secretMatcher } from '../src/index';

// Secrets with every character class a token may hold (base64, JWT, URL-safe), of several lengths.
const SECRETS = ['abcDEF123-_.xyzTOKEN', 'k/+=v9.~_-QWERTYuiop1234567890', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl', 'Short1', 'tok3n~with~tildes~and+plus'];

const unicode = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
const base64 = (text: string, url = false) => Buffer.from(text).toString(url ? 'base64url' : 'base64');

/** Each way a server may write a secret, as text placed between other text. */
const WRITTEN: Record<string, (secret: string) => string> = {
  raw: (s) => s,
  'JSON \\u escape of the first character': (s) => unicode(s[0]!) + s.slice(1),
  'JSON \\u escape of the last character': (s) => s.slice(0, -1) + unicode(s.at(-1)!),
  'JSON \\u escape of every character': (s) => [...s].map(unicode).join(''),
  'JSON \\u escape in a JSON string inside a JSON string': (s) => `\\\\u${s.charCodeAt(0).toString(16).padStart(4, '0')}${s.slice(1)}`,
  'escaped slashes (\\/)': (s) => s.replace(/\//g, '\\/'),
  'URL-encoded, upper case': (s) => encodeURIComponent(s),
  'every character percent-encoded, lower case': (s) => [...s].map((c) => `%${c.charCodeAt(0).toString(16)}`).join(''),
  'HTML character references': (s) => `&#${s.charCodeAt(0)};&#x${s.charCodeAt(1).toString(16)};${s.slice(2)}`,
  base64: (s) => base64(s),
  'base64 at offset 1': (s) => base64(`x${s}`),
  'base64 at offset 2': (s) => base64(`xy${s}`),
  'base64 of Bearer <secret>': (s) => base64(`Bearer ${s}`),
  'base64url of user:<secret>': (s) => base64(`user:${s}`, true),
  'base64 with escaped slashes in JSON': (s) => JSON.stringify(base64(`Bearer ${s}`)).slice(1, -1).replace(/\//g, '\\/'),
};

/** What gives a secret away: itself, nearly all of it, and the base64 characters that depend on it alone. */
function giveaways(secret: string, written: string): string[] {
  const out = [secret, secret.slice(1), secret.slice(0, -1)];
  for (const prefix of ['', 'x', 'xy', 'Bearer ', 'user:']) {
    for (const url of [false, true]) {
      const core = base64(prefix + secret, url).slice(Math.ceil((prefix.length * 8) / 6), Math.floor(((prefix.length + secret.length) * 8) / 6));
      if (written.includes(core)) out.push(core);
    }
  }
  return out.filter((g) => g.length >= 5);
}

describe('redactText finds a secret however it is written', () => {
  for (const [how, write] of Object.entries(WRITTEN)) {
    it(how, () => {
      for (const secret of SECRETS) {
        const written = write(secret);
        const text = `before ${written} after`;
        const out = redactText(text, [secret]);
        expect(out, `${secret} as ${written}`).toContain(REDACTED);
        expect(out.startsWith('before ') && out.endsWith(' after')).toBe(true);
        for (const giveaway of giveaways(secret, written)) expect(out.includes(giveaway), `${written} → ${out} still shows ${giveaway}`).toBe(false);
        expect(hasSecret(text, [secret])).toBe(true);
        expect(secretMatcher([secret]).test(text), `the matcher finds ${written}`).toBe(true);
        expect(secretMatcher(SECRETS).test(text)).toBe(true);
      }
    });
  }

  it("secretMatcher says what hasSecret says, and skips texts shorter than the shortest form", () => {
    const matcher = secretMatcher(SECRETS);
    expect(matcher.minLength).toBe(6);
    expect(secretMatcher(['tooShort'.slice(0, 5)]).minLength).toBe(Infinity);
    expect(secretMatcher([]).test('anything at all')).toBe(false);
    const texts = ['path=%2Fv1%2Fchat \\u0041\\n &amp; &#65; "quoted" QUJD', 'application/json', 'Short', 'xShort1x', 'max-age=31536000; includeSubDomains'];
    for (const secret of SECRETS) for (const write of Object.values(WRITTEN)) texts.push(`a ${write(secret)} b`, write(secret).slice(1, -1));
    for (const text of texts) expect(matcher.test(text), text).toBe(hasSecret(text, SECRETS));
    // Regular-expression syntax in a secret is matched as written.
    expect(secretMatcher(['a.b*c+d?(e)[f]{g}|h^i$j\\k']).test('x a.b*c+d?(e)[f]{g}|h^i$j\\k y')).toBe(true);
    expect(secretMatcher(['a.b*c+d?(e)']).test('aXbbbcdde')).toBe(false);
  });

  it('keeps a JSON body valid JSON, the escaped secret redacted in the parsed value', () => {
    const secret = SECRETS[0]!;
    for (const [how, write] of Object.entries(WRITTEN)) {
      const body = `{"error":{"message":"bad key ${write(secret)}","code":401}}`;
      const parsed = JSON.parse(redactText(body, [secret])) as { error: { message: string } };
      // The last base64 characters also hold what follows the secret: they stay.
      if (how.includes('base64')) expect(parsed.error.message).toMatch(/^bad key [\w+/-]*\[REDACTED\][\w+/=-]*$/);
      else expect(parsed.error.message).toBe(`bad key ${REDACTED}`);
    }
  });

  it('leaves the rest of the text as written, escapes included', () => {
    const text = 'path=%2Fv1%2Fchat \\u0041\\n &amp; &#65; "quoted \\"x\\"" QUJD';
    expect(redactText(text, SECRETS)).toBe(text);
    expect(hasSecret(text, SECRETS)).toBe(false);
  });

  it('scrubs base64 copies from response headers', () => {
    const secret = SECRETS[1]!;
    const headers = redactHeaders({ 'x-debug': base64(`Bearer ${secret}`), 'x-other': `v=${base64(`xy${secret}`)}` }, [secret]);
    expect(JSON.stringify(headers)).not.toContain(base64(secret).slice(0, 12));
    expect(headers['x-debug']).toContain(REDACTED);
    expect(headers['x-other']).toContain(REDACTED);
  });
});

describe('redactError scrubs an error it did not build, in place', () => {
  const secret = 'sk-live-PLANTEDsecret0123456789';
  const escaped = unicode('s') + secret.slice(1);

  function apiCallError() {
    return new APICallError({
      message: `Invalid JSON response: ${secret}`,
      url: 'https://gateway.example/v1/acct/gw/openai/chat/completions',
      requestBodyValues: { prompt: 'the caller own prompt' },
      statusCode: 200,
      responseHeaders: { 'x-echo': base64(`Bearer ${secret}`) },
      responseBody: `{"debug":"${escaped}"`,
      cause: new SyntaxError(`Unexpected end of JSON input after ${secret}`, { cause: { text: secret } }),
      data: { error: { message: secret } },
    });
  }

  it('keeps the error itself, its class and markers; scrubs message, stack, fields, data and the cause chain', () => {
    const error = apiCallError();
    const same = redactError(error, [secret]);
    expect(same).toBe(error);
    expect(same).toBeInstanceOf(APICallError);
    expect(APICallError.isInstance(same)).toBe(true);
    const shown = [error.message, error.stack, JSON.stringify(error), inspect(error, { depth: Infinity, showHidden: true }), String((error.cause as Error).stack)].join('\n');
    for (const giveaway of [secret, secret.slice(1), base64(secret).slice(0, 12)]) expect(shown).not.toContain(giveaway);
    expect(error.message).toBe(`Invalid JSON response: ${REDACTED}`);
    expect(error.responseBody).toBe(`{"debug":"${REDACTED}"`);
    expect(error.cause).toBeInstanceOf(SyntaxError);
    expect(error.requestBodyValues).toEqual({ prompt: 'the caller own prompt' });
  });

  it('scrubs a plain error object (a streamed error event) in place', () => {
    const event = { message: `overloaded: ${escaped}`, type: 'server_error', nested: [{ key: secret }] };
    expect(redactError(event, [secret])).toBe(event);
    expect(JSON.stringify(event)).not.toContain(secret.slice(1));
  });

  it('returns a redacted copy of an error whose fields cannot be written', () => {
    const error = Object.freeze(apiCallError());
    const copy = redactError(error, [secret]) as Error;
    expect(copy).not.toBe(error);
    expect(APICallError.isInstance(copy)).toBe(true);
    expect(`${copy.message} ${copy.stack} ${inspect(copy, { depth: Infinity, showHidden: true })}`).not.toContain(secret.slice(1));
  });

  it('scrubs a string, and passes other values through', () => {
    expect(redactError(`x ${secret}`, [secret])).toBe(`x ${REDACTED}`);
    expect(redactError(42, [secret])).toBe(42);
    expect(redactError(undefined, [secret])).toBe(undefined);
  });
});

describe('typed errors hold no encoded copy of a secret either', () => {
  it('AiGatewayResponseError: body, headers, message', () => {
    const secret = SECRETS[2]!;
    const error = new AiGatewayResponseError({
      statusCode: 400,
      responseBody: `{"message":"${unicode(secret[0]!)}${secret.slice(1)}","b":"${base64(`Bearer ${secret}`)}"}`,
      responseHeaders: { 'x-echo': base64(`user:${secret}`, true), 'x-url': encodeURIComponent(secret).toLowerCase() },
      gatewayMessage: `token ${[...secret].map(unicode).join('')}`,
      secrets: [secret],
    });
    const shown = `${error.message} ${error.stack} ${JSON.stringify(error)} ${inspect(error, { depth: Infinity, showHidden: true })}`;
    for (const giveaway of [secret.slice(1), secret.slice(0, -1), base64(secret).slice(4, 16)]) expect(shown).not.toContain(giveaway);
  });
});

describe('AiGatewayNetworkError for answer headers too large', () => {
  it('is not retryable and says why', () => {
    const cause = new TypeError('fetch failed', { cause: Object.assign(new Error('Headers Overflow Error'), { code: 'UND_ERR_HEADERS_OVERFLOW' }) });
    const error = new AiGatewayNetworkError({ transport: 'http', url: 'https://gateway.example/v1/a/g', cause });
    expect(error.isRetryable).toBe(false);
    expect(error.message).toMatch(/headers are larger than the fetch in use accepts \(fetch failed: Headers Overflow Error\)\. Sending the request again will not help/);
    expect(new AiGatewayNetworkError({ transport: 'http', cause: new TypeError('fetch failed') }).isRetryable).toBe(true);
  });
});
