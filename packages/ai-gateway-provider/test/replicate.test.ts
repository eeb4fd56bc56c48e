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
});
