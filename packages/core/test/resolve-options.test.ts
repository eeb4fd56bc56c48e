import { AiGatewayInvalidOptionsError } from '@aigw/errors';
import { describe, expect, it } from 'vitest';
import { layerHeaders, resolveGatewayOptions } from '../src/resolve-options';

function refusal(run: () => unknown): AiGatewayInvalidOptionsError {
  try {
    run();
  } catch (error) {
    expect(AiGatewayInvalidOptionsError.isInstance(error)).toBe(true);
    return error as AiGatewayInvalidOptionsError;
  }
  throw new Error('expected AiGatewayInvalidOptionsError');
}

describe('resolveGatewayOptions', () => {
  const instance = resolveGatewayOptions({ cacheTtl: 60, metadata: { app: 'a', user: 'u0' } }, { path: 'options' });

  it('validates a layer and gives its cf-aig-* headers', () => {
    expect(instance.options).toEqual({ cacheTtl: 60, metadata: { app: 'a', user: 'u0' } });
    expect(instance.headers).toEqual({ 'cf-aig-cache-ttl': '60', 'cf-aig-metadata': '{"app":"a","user":"u0"}' });
    expect(instance.modelHeaders).toBeUndefined();
  });

  it('merges a layer over the one below, key by key for metadata, and sends the merged set', () => {
    const call = resolveGatewayOptions({ skipCache: true, metadata: { user: null, tier: 'gold' } }, { path: 'providerOptions.aigateway', below: instance });
    expect(call.options).toEqual({ cacheTtl: 60, skipCache: true, metadata: { app: 'a', user: null, tier: 'gold' } });
    expect(call.headers).toEqual({ 'cf-aig-cache-ttl': '60', 'cf-aig-skip-cache': 'true', 'cf-aig-metadata': '{"app":"a","tier":"gold"}' });
    // The layer below is left as it was.
    expect(instance.options.metadata).toEqual({ app: 'a', user: 'u0' });
  });

  it('hands back the layer below itself when a layer sets nothing', () => {
    expect(resolveGatewayOptions(undefined, { path: 'providerOptions.aigateway', below: instance })).toBe(instance);
    expect(resolveGatewayOptions({ cacheKey: undefined }, { path: 'providerOptions.aigateway', below: instance })).toBe(instance);
  });

  it('splits sessionAffinity and headers off as lower-case model headers where they are allowed', () => {
    const call = resolveGatewayOptions({ zdr: true, sessionAffinity: 'conversation-9', headers: { 'X-Call': 'yes' } }, { path: 'providerOptions.aigateway', below: instance, modelHeaders: true });
    expect(call.modelHeaders).toEqual({ 'x-call': 'yes', 'x-session-affinity': 'conversation-9' });
    expect(call.headers).toMatchObject({ 'cf-aig-zdr': 'true', 'cf-aig-cache-ttl': '60' });
    expect(resolveGatewayOptions({ headers: new Map([['X-Map', 'm']]) }, { path: 'p', modelHeaders: true }).modelHeaders).toEqual({ 'x-map': 'm' });
    // Only model headers: the options below, as they are.
    expect(resolveGatewayOptions({ sessionAffinity: 's' }, { path: 'p', below: instance, modelHeaders: true }).headers).toBe(instance.headers);
  });

  it('refuses them where they are not allowed, and refuses bad ones naming the option without showing a header value', () => {
    expect(refusal(() => resolveGatewayOptions({ headers: { a: 'b' } }, { path: 'options' })).option).toBe('options.headers');
    expect(refusal(() => resolveGatewayOptions({ sessionAffinity: 'a\nb' }, { path: 'p', modelHeaders: true })).option).toBe('p.sessionAffinity');
    expect(refusal(() => resolveGatewayOptions({ headers: ['x'] }, { path: 'p', modelHeaders: true })).option).toBe('p.headers');
    const secret = refusal(() => resolveGatewayOptions({ headers: { authorization: 'Bearer sk-secret\r\n' } }, { path: 'p', modelHeaders: true }));
    expect(secret.option).toBe('p.headers.authorization');
    expect(secret.message).not.toContain('sk-secret');
    expect(refusal(() => resolveGatewayOptions({ cacheTtl: -1 }, { path: 'providerOptions.aigateway', below: instance })).option).toBe('providerOptions.aigateway.cacheTtl');
  });
});

describe('layerHeaders', () => {
  it("gives a leg's own options over its request's, with the metadata merged and the defaults that undo the request's", () => {
    const request = { skipCache: true, metadata: { app: 'a', user: 'u1' }, autoRouter: { sessionAffinity: false } };
    expect(layerHeaders({ skipCache: false, metadata: { leg: 'second', user: null }, autoRouter: { sessionAffinity: true } }, request)).toEqual({
      'cf-aig-skip-cache': 'false',
      'cf-aig-metadata': '{"app":"a","leg":"second"}',
      'cf-aig-no-session-affinity': 'false',
    });
    expect(layerHeaders({ cacheTtl: 5 }, undefined)).toEqual({ 'cf-aig-cache-ttl': '5' });
  });

  it('refuses more than 5 metadata entries once merged', () => {
    const error = refusal(() => layerHeaders({ metadata: { d: 4, e: 5, f: 6 } }, { metadata: { a: 1, b: 2, c: 3 } }));
    expect(error.option).toBe('metadata');
    expect(error.message).toMatch(/6 entries once/);
  });
});
