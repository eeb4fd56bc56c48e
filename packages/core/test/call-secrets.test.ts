import { describe, expect, it } from 'vitest';
import { callSecretMatcher, callSecrets } from '../src/call-secrets';
import type { GatewayRequest } from '../src/gateway-request';

const request = (headers: Record<string, string>, endpoint = 'chat/completions', outer: Record<string, string> = {}): GatewayRequest => ({
  mode: 'provider',
  headers: outer,
  steps: [{ provider: 'openai', endpoint, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}', json: true }],
});

describe('callSecretMatcher', () => {
  it('is kept for calls with the same secrets, and made anew when any source differs', () => {
    const first = callSecretMatcher(request({ authorization: 'Bearer sk-key-one-0123456789' }), ['gw-token-0123456789']);
    expect(callSecretMatcher(request({ authorization: 'Bearer sk-key-one-0123456789', 'user-agent': 'ai/7 node' }), ['gw-token-0123456789'])).toBe(first);
    const cases: [GatewayRequest, string[], string][] = [
      [request({ authorization: 'Bearer sk-key-two-0123456789' }), ['gw-token-0123456789'], 'sk-key-two-0123456789'],
      [request({ authorization: 'Bearer sk-key-one-0123456789' }), ['gw-token-other-98765'], 'gw-token-other-98765'],
      [request({ authorization: 'Bearer sk-key-one-0123456789', 'x-team-ref': 'k9TeamRef0123456789' }), ['gw-token-0123456789'], 'k9TeamRef0123456789'],
      [request({ authorization: 'Bearer sk-key-one-0123456789' }, 'v1/models/x:generate?key=AIzaQueryKey0123456789'), ['gw-token-0123456789'], 'AIzaQueryKey0123456789'],
      [request({ authorization: 'Bearer sk-key-one-0123456789' }, 'chat/completions', { 'x-outer-secret': 'k9OuterSecret01234567' }), ['gw-token-0123456789'], 'k9OuterSecret01234567'],
    ];
    for (const [req, transport, secret] of cases) {
      const matcher = callSecretMatcher(req, transport);
      expect(matcher, secret).not.toBe(first);
      expect(matcher.test(`echo: ${secret}`), secret).toBe(true);
      expect(first.test(`echo: ${secret}`), secret).toBe(false);
      expect([...matcher.secrets].sort()).toEqual([...new Set(callSecrets(req, transport))].sort());
    }
    // Gateway options and values that do not look like credentials change nothing.
    expect(callSecretMatcher(request({ authorization: 'Bearer sk-key-one-0123456789', 'cf-aig-event-id': 'evt0123456789abcdefgh', 'x-mode': 'fast' }), ['gw-token-0123456789'])).toBe(first);
  });
});
