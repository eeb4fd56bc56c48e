import { createReplicate } from '@ai-sdk/replicate';
import { imagePngFor, REPLICATE_DELIVERY, replicateAssetFor } from '@aigw/emulator';
import { generateImage } from 'ai';
import { describe, expect, it } from 'vitest';
import { createAiGateway } from '../src';
import { useEmulator } from './helpers';

const t = useEmulator();

/**
 * The model's own fetch: Replicate's output files are public assets on replicate.delivery, which
 * this stands in for; everything else goes to the network as usual.
 */
function publicWeb() {
  const downloads: string[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    const asset = url.startsWith(REPLICATE_DELIVERY) ? replicateAssetFor(url) : undefined;
    if (asset === undefined) return globalThis.fetch(input, init);
    downloads.push(url);
    return new Response(new Uint8Array(asset), { headers: { 'content-type': 'image/png' } });
  }) as typeof globalThis.fetch;
  return { fetch, downloads };
}

describe('Replicate end to end', () => {
  it('generates images: the prediction through the gateway, the outputs downloaded with the model’s own fetch', async () => {
    const web = publicWeb();
    const replicate = createReplicate({ apiToken: 'r8_test', fetch: web.fetch });
    const result = await generateImage({ model: t.gateway().imageModel(replicate.image('black-forest-labs/flux-schnell')), prompt: 'a blue circle', providerOptions: { replicate: { num_outputs: 2 } } });
    expect(result.images.map((i) => i.uint8Array)).toEqual([imagePngFor('a blue circle', 0), imagePngFor('a blue circle', 1)]);
    expect(web.downloads).toHaveLength(2);
    expect(t.emulator.calls).toHaveLength(1);
    expect(t.emulator.calls[0]!).toMatchObject({ kind: 'provider', status: 201 });
    expect(t.emulator.calls[0]!.attempts[0]).toMatchObject({ provider: 'replicate', endpoint: 'models/black-forest-labs/flux-schnell/predictions' });
    expect(result.providerMetadata.aigateway!.images[0]).toMatchObject({ step: 0, provider: 'replicate' });
  });

  it('polls its own prediction through the gateway (provider-native GET) until it succeeds', async () => {
    const web = publicWeb();
    const replicate = createReplicate({ apiToken: 'r8_test', fetch: web.fetch });
    const result = await generateImage({
      model: t.gateway().imageModel(replicate.image('black-forest-labs/flux-schnell')),
      prompt: 'slow one',
      providerOptions: { replicate: { maxWaitTimeInSeconds: 1, pollIntervalMillis: 1 } },
    });
    expect(result.images[0]!.uint8Array).toEqual(imagePngFor('slow one', 0));
    const polls = t.emulator.calls.filter((c) => c.method === 'GET');
    expect(polls).toHaveLength(2);
    expect(polls[0]!).toMatchObject({ kind: 'provider', status: 200 });
    expect(polls[0]!.path).toMatch(/\/replicate\/predictions\/[a-z0-9]+$/);
    expect(polls[0]!.attempts[0]!.headers.authorization).toBe('[REDACTED]');
    expect(web.downloads).toHaveLength(1);
  });

  it('polls through the Workers binding too (the poll takes the provider-native path from binding.getUrl)', async () => {
    const web = publicWeb();
    const replicate = createReplicate({ apiToken: 'r8_test', fetch: web.fetch });
    const aigateway = createAiGateway({ binding: t.emulator.binding() });
    const result = await generateImage({
      model: aigateway.imageModel(replicate.image('black-forest-labs/flux-schnell')),
      prompt: 'over the binding',
      providerOptions: { replicate: { maxWaitTimeInSeconds: 1, pollIntervalMillis: 1 } },
    });
    expect(result.images[0]!.uint8Array).toEqual(imagePngFor('over the binding', 0));
    expect(t.emulator.calls.map((c) => [c.kind, c.method])).toEqual([
      ['universal', 'POST'],
      ['provider', 'GET'],
      ['provider', 'GET'],
    ]);
  });

  it('with cacheTtl set, the polls skip the gateway’s cache: a cached "processing" never comes back', async () => {
    const web = publicWeb();
    const replicate = createReplicate({ apiToken: 'r8_test', fetch: web.fetch });
    // The start may be cached; every poll must reach Replicate. Served from the cache, the second
    // poll would repeat the first one's "processing" until the model gives up after maxPollAttempts.
    const slow = { replicate: { maxWaitTimeInSeconds: 1, pollIntervalMillis: 1, maxPollAttempts: 6 } };
    for (const aigateway of [t.gateway({ options: { cacheTtl: 300 } }), createAiGateway({ binding: t.emulator.binding(), options: { cacheTtl: 300 } })]) {
      t.emulator.reset();
      const result = await generateImage({ model: aigateway.imageModel(replicate.image('black-forest-labs/flux-schnell')), prompt: 'cached slow one', providerOptions: slow });
      expect(result.images[0]!.uint8Array).toEqual(imagePngFor('cached slow one', 0));
      const [start, ...polls] = t.emulator.calls;
      // The start is cached as the options say (a MISS stored it); the polls never touch the cache.
      expect(start).toMatchObject({ method: 'POST', status: 201, cacheStatus: 'MISS' });
      expect(start!.requestHeaders['cf-aig-skip-cache']).toBeUndefined();
      expect(polls.map((c) => [c.method, c.status, c.cacheStatus])).toEqual([
        ['GET', 200, null],
        ['GET', 200, null],
      ]);
      for (const poll of polls) expect(poll.requestHeaders).toMatchObject({ 'cf-aig-skip-cache': 'true', 'cf-aig-cache-ttl': '300' });
    }
  });
});
