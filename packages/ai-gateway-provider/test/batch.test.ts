import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { AiGatewayBatchError, AiGatewayInvalidOptionsError } from '@aigw/errors';
import {
  experimental_cancelBatch as cancelBatch,
  experimental_getBatchResults as getBatchResults,
  experimental_getBatchStatus as getBatchStatus,
  experimental_listBatches as listBatches,
  experimental_startBatch as startBatch,
  type Experimental_BatchItemResult as BatchItemResult,
  type Experimental_BatchProvider as BatchProvider,
  type Experimental_BatchReference as BatchReference,
} from 'ai';
import { describe, expect, it, vi } from 'vitest';
import { createAiGateway } from '../src';
import { reply, useEmulator } from './helpers';

const t = useEmulator();

const openai = () => createOpenAI({ apiKey: 'sk-test-openai' });
const anthropic = () => createAnthropic({ apiKey: 'sk-ant-test' });
const google = () => createGoogleGenerativeAI({ apiKey: 'google-test-key' });

/** Polls the batch with the AI SDK until it is no longer pending (each poll moves the emulator's batch on). */
async function settle(provider: BatchProvider, batch: BatchReference): Promise<Awaited<ReturnType<typeof getBatchStatus>>> {
  for (let i = 0; i < 20; i++) {
    const status = await getBatchStatus({ provider, batch });
    if (status.status !== 'pending') return status;
  }
  throw new Error('the batch never settled');
}

async function collect(provider: BatchProvider, batch: BatchReference): Promise<BatchItemResult[]> {
  const items: BatchItemResult[] = [];
  for await (const item of getBatchResults({ provider, batch })) items.push(item);
  return items;
}

const requests = (model: string) => [
  { id: 'first', type: 'text' as const, model, prompt: 'Say one' },
  { id: 'second', type: 'text' as const, model, prompt: 'Say two' },
];

describe('vendor batches through the gateway', () => {
  it('OpenAI: upload, create, status, output download, every request on the provider-native path', async () => {
    const provider = t.gateway().batch(openai());
    const batch = await startBatch({ provider, requests: requests('gpt-5-mini') });
    expect(batch).toMatchObject({ provider: 'openai.batch', status: 'pending', rawStatus: 'validating' });
    expect(batch.providerMetadata?.aigateway).toMatchObject({ provider: 'openai', step: 0, gatewayRequests: 2 });
    const status = await settle(provider, batch);
    expect(status).toMatchObject({ status: 'completed', requestCounts: { total: 2, completed: 2, failed: 0, pending: 0 } });
    const items = await collect(provider, batch);
    expect(items.map((i) => [i.id, i.status])).toEqual([
      ['first', 'succeeded'],
      ['second', 'succeeded'],
    ]);
    const first = items[0]!;
    expect(first.status === 'succeeded' && first.type === 'text' ? first.text : undefined).toContain('Say one');
    const calls = t.emulator.calls.map((c) => [c.kind, c.method, c.attempts[0]?.provider, c.attempts[0]?.endpoint.replace(/_emu\w+|-emu\w+/g, '_ID')]);
    expect(calls).toEqual([
      ['provider', 'POST', 'openai', 'files'],
      ['provider', 'POST', 'openai', 'batches'],
      ['provider', 'GET', 'openai', 'batches/batch_ID'],
      ['provider', 'GET', 'openai', 'batches/batch_ID'],
      ['provider', 'GET', 'openai', 'batches/batch_ID'],
      ['provider', 'GET', 'openai', 'files/file_ID/content'],
    ]);
    expect(t.emulator.calls.every((c) => c.attempts[0]!.headers.authorization === '[REDACTED]')).toBe(true);
  });
});

describe('vendor batches: Anthropic and Google AI Studio', () => {
  it('Anthropic: message batch, results from results_url through the gateway, a failed item named by its own id', async () => {
    const provider = t.gateway().batch(anthropic());
    const batch = await startBatch({ provider, requests: requests('claude-sonnet-4-5'), headers: reply({ batch: { failIds: ['second'] } }) });
    expect(batch).toMatchObject({ provider: 'anthropic.batch', status: 'pending', rawStatus: 'in_progress' });
    expect(await settle(provider, batch)).toMatchObject({ status: 'completed', rawStatus: 'ended', requestCounts: { total: 2, completed: 1, failed: 1 } });
    const items = await collect(provider, batch);
    expect(items.map((i) => [i.id, i.status])).toEqual([
      ['first', 'succeeded'],
      ['second', 'failed'],
    ]);
    const failed = items[1]!;
    expect(failed.status === 'failed' ? failed.error.message : undefined).toContain('batch item "second"');
    const endpoints = t.emulator.calls.map((c) => `${c.method} ${c.attempts[0]!.provider}/${c.attempts[0]!.endpoint}`);
    expect(endpoints[0]).toBe('POST anthropic/v1/messages/batches');
    expect(endpoints.at(-1)).toMatch(/^GET anthropic\/v1\/messages\/batches\/msgbatch_emu\w+\/results$/);
    expect(t.emulator.calls.every((c) => c.kind === 'provider' && c.attempts[0]!.headers['x-api-key'] === '[REDACTED]')).toBe(true);
  });

  it('Google AI Studio: batchGenerateContent, the operation polled until done, inlined responses', async () => {
    const provider = t.gateway().batch(google().experimental_batch());
    const batch = await startBatch({ provider, requests: requests('gemini-2.5-flash') });
    expect(batch).toMatchObject({ provider: 'google.batch', status: 'pending', rawStatus: 'BATCH_STATE_PENDING' });
    expect(batch.id).toMatch(/^batches\/emu\w+$/);
    expect(await settle(provider, batch)).toMatchObject({ status: 'completed', requestCounts: { total: 2, completed: 2, failed: 0 } });
    const items = await collect(provider, batch);
    expect(items.map((i) => [i.id, i.status, i.status === 'succeeded' && i.type === 'text' ? i.text.includes(i.id === 'first' ? 'Say one' : 'Say two') : false])).toEqual([
      ['first', 'succeeded', true],
      ['second', 'succeeded', true],
    ]);
    expect(t.emulator.calls[0]!.attempts[0]).toMatchObject({ provider: 'google-ai-studio', endpoint: 'v1beta/models/gemini-2.5-flash:batchGenerateContent' });
    expect(t.emulator.calls[1]!.attempts[0]!.endpoint).toBe(`v1beta/${batch.id}`);
  });

  it('cancels a batch (OpenAI and Google), and its status says so', async () => {
    const gateway = t.gateway();
    const o = gateway.batch(openai());
    const openaiBatch = await startBatch({ provider: o, requests: requests('gpt-5-mini') });
    await cancelBatch({ provider: o, batch: openaiBatch });
    expect(await getBatchStatus({ provider: o, batch: openaiBatch })).toMatchObject({ status: 'failed', rawStatus: 'cancelled' });
    const cancelledItems = await collect(o, openaiBatch);
    expect(cancelledItems.map((i) => [i.id, i.status])).toEqual([
      ['first', 'cancelled'],
      ['second', 'cancelled'],
    ]);
    const g = gateway.batch(google());
    const googleBatch = await startBatch({ provider: g, requests: requests('gemini-2.5-flash') });
    await cancelBatch({ provider: g, batch: googleBatch });
    expect(await getBatchStatus({ provider: g, batch: googleBatch })).toMatchObject({ status: 'failed', rawStatus: 'BATCH_STATE_CANCELLED' });
    expect(t.emulator.calls.filter((c) => c.method === 'POST').map((c) => c.attempts[0]!.endpoint.replace(/emu\w+/, 'ID'))).toEqual(['files', 'batches', 'batches/batch_ID/cancel', 'v1beta/models/gemini-2.5-flash:batchGenerateContent', 'v1beta/batches/ID:cancel']);
  });

  it('lists batches page by page (OpenAI, Anthropic)', async () => {
    const gateway = t.gateway();
    for (const make of [openai, anthropic]) {
      const provider = gateway.batch(make());
      const model = make === openai ? 'gpt-5-mini' : 'claude-sonnet-4-5';
      const started = [];
      for (let i = 0; i < 3; i++) started.push(await startBatch({ provider, requests: requests(model) }));
      const page = await listBatches({ provider, limit: 2 });
      expect(page.batches.map((b) => b.id)).toEqual([started[2]!.id, started[1]!.id]);
      expect(page.batches[0]).toMatchObject({ provider: started[0]!.provider, status: 'pending' });
      expect(page.nextCursor).toBe(started[1]!.id);
      const rest = await listBatches({ provider, limit: 2, cursor: page.nextCursor! });
      // The emulator keeps the batches of earlier tests: they come after the three, newest first.
      expect(rest.batches[0]!.id).toBe(started[0]!.id);
      expect(rest.batches.map((b) => b.id)).not.toContain(started[1]!.id);
    }
  });

  it('a batch that expires (OpenAI) or fails (Google) as a whole reports it in its status and items', async () => {
    const o = t.gateway().batch(openai());
    const expired = await startBatch({ provider: o, requests: requests('gpt-5-mini'), headers: reply({ batch: { outcome: 'expired' } }) });
    expect(await settle(o, expired)).toMatchObject({ status: 'failed', rawStatus: 'expired' });
    expect((await collect(o, expired)).map((i) => [i.id, i.status])).toEqual([
      ['first', 'expired'],
      ['second', 'expired'],
    ]);
    const g = t.gateway().batch(google());
    const failed = await startBatch({ provider: g, requests: requests('gemini-2.5-flash'), headers: reply({ batch: { outcome: 'failed' } }) });
    expect(await settle(g, failed)).toMatchObject({ status: 'failed', rawStatus: 'BATCH_STATE_FAILED', error: { message: 'The emulator failed this batch (batch.outcome).' } });
  });

  it('refuses hostile batch ids before anything is sent', async () => {
    const gateway = t.gateway();
    const cases: [BatchProvider, string, string][] = [
      [gateway.batch(openai()), 'openai.batch', '../files/file-1'],
      [gateway.batch(openai()), 'openai.batch', '%2e%2e'],
      [gateway.batch(anthropic()), 'anthropic.batch', 'msgbatch_1/../../v1/models'],
      [gateway.batch(google()), 'google.batch', 'batches/../../v1beta/files'],
      [gateway.batch(google()), 'google.batch', 'batches/a?alt=media'],
      [gateway.batch(), 'workers-ai.batch', '@cf/../../x:emu-batch-0000'],
      [gateway.batch(), 'workers-ai.batch', '@cf/meta/llama-3.1-8b-instruct:../x'],
    ];
    for (const [provider, name, id] of cases) {
      const batch = { version: 2 as const, provider: name, id };
      await expect(getBatchStatus({ provider, batch }), id).rejects.toBeInstanceOf(AiGatewayInvalidOptionsError);
      await expect(collect(provider, batch), id).rejects.toBeInstanceOf(AiGatewayInvalidOptionsError);
    }
    await expect(cancelBatch({ provider: gateway.batch(openai()), batch: { version: 2, provider: 'openai.batch', id: 'a/b' } })).rejects.toThrow('Invalid AI Gateway option "batch.id"');
    expect(t.emulator.calls).toHaveLength(0);
  });

  it('honours the abort signal', async () => {
    const provider = t.gateway().batch(openai());
    const controller = new AbortController();
    const started = startBatch({ provider, requests: requests('gpt-5-mini'), abortSignal: controller.signal, headers: reply({ latencyMs: 60_000 }) });
    const reason = new Error('stop now');
    setTimeout(() => controller.abort(reason), 50);
    await expect(started).rejects.toThrow('stop now');
    // The emulator records the abandoned upload once it sees the client go: wait for it, so no later test sees it.
    await vi.waitFor(() => expect(t.emulator.calls).toHaveLength(1), { timeout: 30_000, interval: 20 });
    expect(t.emulator.calls[0]!.path).toMatch(/\/openai\/files$/);
  });
});

const LLAMA = '@cf/meta/llama-3.1-8b-instruct';

describe('Workers AI ids: the async batch queue (queueRequest, then polls with request_id)', () => {
  it('over HTTPS: queued, polled until done, each result under its request’s own id, one failed item reported', async () => {
    const aigateway = t.gateway();
    const batch = await startBatch({
      provider: aigateway,
      requests: [
        { id: 'alpha', type: 'text', model: LLAMA, system: 'Be brief.', prompt: 'Name a colour', maxOutputTokens: 50, temperature: 0.2 },
        { id: 'beta', type: 'text', model: LLAMA, prompt: 'Name a fruit' },
        { id: 'gamma', type: 'text', model: LLAMA, prompt: 'Name a tree' },
      ],
      headers: reply({ batch: { failIds: ['beta'], polls: 2 } }),
    });
    expect(batch).toMatchObject({ provider: 'workers-ai.batch', status: 'pending', rawStatus: 'queued', requestCounts: { total: 3, pending: 3 } });
    expect(batch.id).toMatch(/^@cf\/meta\/llama-3\.1-8b-instruct:emu-batch-\w+$/);
    expect(batch.providerMetadata?.aigateway).toMatchObject({ provider: 'workers-ai', step: 0 });
    expect(await getBatchStatus({ provider: aigateway, batch })).toMatchObject({ status: 'pending', rawStatus: 'running' });
    await expect(collect(aigateway, batch)).rejects.toSatisfy((e) => AiGatewayBatchError.isInstance(e) && e.state === 'pending' && e.rawStatus === 'running');
    expect(await settle(aigateway, batch)).toMatchObject({ status: 'completed', requestCounts: { total: 3, completed: 2, failed: 1, pending: 0 } });
    const items = await collect(aigateway, batch);
    expect(items.map((i) => [i.id, i.status])).toEqual([
      ['alpha', 'succeeded'],
      ['beta', 'failed'],
      ['gamma', 'succeeded'],
    ]);
    const alpha = items[0]!;
    expect(alpha.status === 'succeeded' && alpha.type === 'text' ? alpha.text : '').toContain('Name a colour');
    expect(alpha.status === 'succeeded' && alpha.type === 'text' ? alpha.usage.outputTokens : 0).toBeGreaterThan(0);
    const beta = items[1]!;
    expect(beta.status === 'failed' ? beta.error : undefined).toMatchObject({ message: expect.stringContaining('batch item "beta"') as string });
    const first = t.emulator.calls[0]!;
    expect(first).toMatchObject({ kind: 'provider', method: 'POST' });
    expect(first.attempts[0]).toMatchObject({ provider: 'workers-ai', endpoint: `${LLAMA}?queueRequest=true` });
    expect(first.attempts[0]!.headers.authorization).toBe('[REDACTED]');
    expect(t.emulator.calls.slice(1).every((c) => c.attempts[0]!.endpoint === LLAMA)).toBe(true);
  });

  it('through the Workers binding (universal run, no token), aigateway.batch() the same interface', async () => {
    const aigateway = createAiGateway({ binding: t.emulator.binding() });
    const provider = aigateway.batch();
    const batch = await startBatch({ provider, requests: requests(LLAMA) });
    expect(await settle(provider, batch)).toMatchObject({ status: 'completed', requestCounts: { completed: 2 } });
    const items = await collect(aigateway, batch);
    expect(items.map((i) => [i.id, i.status])).toEqual([
      ['first', 'succeeded'],
      ['second', 'succeeded'],
    ]);
    expect(t.emulator.calls.every((c) => c.kind === 'universal' && c.attempts[0]!.provider === 'workers-ai')).toBe(true);
    expect(t.emulator.calls[0]!.attempts[0]!.endpoint).toBe(`${LLAMA}?queueRequest=true`);
  });

  it('a batch that fails as a whole: failed status with the reason, results refused with AiGatewayBatchError', async () => {
    const aigateway = t.gateway();
    const batch = await startBatch({ provider: aigateway, requests: requests(LLAMA), headers: reply({ batch: { outcome: 'failed' } }) });
    expect(await settle(aigateway, batch)).toMatchObject({ status: 'failed', rawStatus: 'failed', error: { code: '3043' } });
    const error = await collect(aigateway, batch).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(AiGatewayBatchError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ state: 'failed', batchId: batch.id, provider: 'workers-ai.batch', code: '3043' });
  });

  it('refuses what a Workers AI batch cannot run before anything is sent', async () => {
    const aigateway = t.gateway();
    await expect(startBatch({ provider: aigateway, requests: [...requests(LLAMA), { id: 'x', type: 'text', model: '@cf/qwen/qwq-32b', prompt: 'hi' }] })).rejects.toThrow(
      'Invalid AI Gateway option "requests[2].model": differs from requests[0].model',
    );
    await expect(startBatch({ provider: aigateway, requests: requests('openai/gpt-5-mini') })).rejects.toThrow('Invalid AI Gateway option "requests[0].model": is not a Workers AI id');
    await expect(startBatch({ provider: aigateway, requests: requests('@cf/../../other') })).rejects.toBeInstanceOf(AiGatewayInvalidOptionsError);
    const tokenless = createAiGateway({ accountId: t.emulator.accountId, gateway: 'emulator-gateway', baseURL: t.emulator.baseURL });
    await expect(startBatch({ provider: tokenless, requests: requests(LLAMA) })).rejects.toThrow('Invalid AI Gateway option "cloudflareApiToken"');
    expect(t.emulator.calls).toHaveLength(0);
  });

  it('a gateway error on a poll becomes its typed error, and the abort signal stops a poll', async () => {
    const aigateway = t.gateway();
    const batch = await startBatch({ provider: aigateway, requests: requests(LLAMA) });
    await expect(getBatchStatus({ provider: aigateway, batch, maxRetries: 0, headers: { 'x-emulator-fault': JSON.stringify({ gatewayError: 2001 }) } })).rejects.toMatchObject({ name: expect.stringMatching(/^AI_AiGateway/) as string });
    const controller = new AbortController();
    const polling = getBatchStatus({ provider: aigateway, batch, abortSignal: controller.signal, headers: reply({ latencyMs: 60_000 }) });
    setTimeout(() => controller.abort(new Error('no more polling')), 50);
    await expect(polling).rejects.toThrow('no more polling');
    await vi.waitFor(() => expect(t.emulator.calls).toHaveLength(3), { timeout: 30_000, interval: 20 });
  });
});

describe('batches and the gateway cache', () => {
  it('every batch request skips the cache, so polls of a gateway with caching on still move on', async () => {
    const aigateway = t.gateway({ options: { cacheTtl: 300 } });
    const batch = await startBatch({ provider: aigateway, requests: requests(LLAMA) });
    expect(await settle(aigateway, batch)).toMatchObject({ status: 'completed' });
    const o = aigateway.batch(openai());
    const vendor = await startBatch({ provider: o, requests: requests('gpt-5-mini'), providerOptions: { aigateway: { cacheTtl: 600, metadata: { team: 'batch' } } } });
    expect(await settle(o, vendor)).toMatchObject({ status: 'completed' });
    expect(t.emulator.calls.every((c) => c.requestHeaders['cf-aig-skip-cache'] === 'true' && c.cacheStatus !== 'HIT')).toBe(true);
    expect(t.emulator.calls.filter((c) => c.requestHeaders['cf-aig-metadata'] === '{"team":"batch"}').map((c) => c.path.replace(/.*\/openai\//, ''))).toEqual(['files', 'batches']);
  });
});

describe('batch errors keep secrets out', () => {
  it('a provider error that echoes the key reaches the caller without it, and a failed Workers AI poll without the token', async () => {
    const key = 'sk-live-batch-secret-0123456789';
    const provider = t.gateway().batch(createOpenAI({ apiKey: key }));
    const batch = await startBatch({ provider, requests: requests('gpt-5-mini') });
    const echoed = reply({ status: 401, error: `Incorrect API key provided: ${key}` });
    const error = await getBatchStatus({ provider, batch, maxRetries: 0, headers: echoed }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    const shown = `${(error as Error).message} ${JSON.stringify(error)} ${String((error as Error).stack)}`;
    expect(shown).toContain('Incorrect API key provided');
    expect(shown).not.toContain(key);

    const token = 'cf-token-batch-secret-987654321';
    const aigateway = t.gateway({ cloudflareApiToken: token });
    const queued = await startBatch({ provider: aigateway, requests: requests(LLAMA) });
    const refused = await getBatchStatus({ provider: aigateway, batch: queued, maxRetries: 0, headers: reply({ status: 400, error: `token ${token} is not allowed` }) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    const said = `${(refused as Error).message} ${JSON.stringify(refused)}`;
    expect(said).toContain('is not allowed');
    expect(said).not.toContain(token);
  });
});

describe('results and the abort signal', () => {
  it('an abort while the results are fetched ends the stream with the abort (vendor and Workers AI)', async () => {
    const gateway = t.gateway();
    for (const [provider, model] of [
      [gateway.batch(openai()), 'gpt-5-mini'],
      [gateway, LLAMA],
    ] as const) {
      const batch = await startBatch({ provider, requests: requests(model) });
      await settle(provider, batch);
      const before = t.emulator.calls.length;
      const controller = new AbortController();
      const reading = (async () => {
        for await (const _ of getBatchResults({ provider, batch, abortSignal: controller.signal, headers: reply({ latencyMs: 60_000 }) })) {
          // nothing arrives: the answer is held back
        }
      })();
      setTimeout(() => controller.abort(new Error('stop reading')), 50);
      await expect(reading).rejects.toThrow('stop reading');
      // The held-back request is recorded when the emulator sees the client go: wait for it before the next test.
      await vi.waitFor(() => expect(t.emulator.calls.length).toBeGreaterThan(before), { timeout: 30_000, interval: 20 });
    }
  });

  it('refuses an image request in a Workers AI batch before sending', async () => {
    await expect(startBatch({ provider: t.gateway(), requests: [{ id: 'img', type: 'image', model: '@cf/black-forest-labs/flux-1-schnell', prompt: 'a square' }] })).rejects.toThrow(
      'Invalid AI Gateway option "requests[0].type": is "image", which a Workers AI batch does not take',
    );
    expect(t.emulator.calls).toHaveLength(0);
  });
});
