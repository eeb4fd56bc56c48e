// Batches inside workerd: Workers AI's async batch queue through the emulator's double of env.AI
// (no token), and an OpenAI batch whose upload, polls and download take the provider-native path
// from the binding's getUrl.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import * as bundled from '../.test-build/workers-ai-deps.mjs';
import type * as Deps from './workers-ai-deps';

const { AiGatewayBatchError, createAiGateway, createOpenAI, emulatorAi, experimental_getBatchResults, experimental_getBatchStatus, experimental_listBatches, experimental_startBatch } = bundled as typeof Deps;

const LLAMA = '@cf/meta/llama-3.1-8b-instruct';
const aigateway = () => createAiGateway({ binding: emulatorAi({ baseURL: env.AIGW_EMULATOR_URL as string }).gateway('my-gateway') });
const reply = (spec: Record<string, unknown>) => ({ 'x-emulator-reply': JSON.stringify(spec) });

type Provider = Parameters<typeof experimental_getBatchStatus>[0]['provider'];
type Reference = Parameters<typeof experimental_getBatchStatus>[0]['batch'];

async function settle(provider: Provider, batch: Reference) {
  for (let i = 0; i < 20; i++) {
    const status = await experimental_getBatchStatus({ provider, batch });
    if (status.status !== 'pending') return status;
  }
  throw new Error('the batch never settled');
}

async function results(provider: Provider, batch: Reference) {
  const out: [string, string][] = [];
  for await (const item of experimental_getBatchResults({ provider, batch })) out.push([item.id, item.status]);
  return out;
}

describe('batches through the binding, inside workerd', () => {
  it('runs a Workers AI batch: queued, polled, each result under its own id, a failed item reported', async () => {
    const provider = aigateway();
    const batch = await experimental_startBatch({
      provider,
      requests: [
        { id: 'one', type: 'text', model: LLAMA, prompt: 'first' },
        { id: 'two', type: 'text', model: LLAMA, prompt: 'second' },
      ],
      headers: reply({ batch: { failIds: ['two'] } }),
    });
    expect(batch).toMatchObject({ provider: 'workers-ai.batch', status: 'pending', rawStatus: 'queued' });
    await expect(results(provider, batch)).rejects.toSatisfy((e: unknown) => AiGatewayBatchError.isInstance(e) && e.state === 'pending');
    expect(await settle(provider, batch)).toMatchObject({ status: 'completed', requestCounts: { completed: 1, failed: 1 } });
    expect(await results(provider, batch)).toEqual([
      ['one', 'succeeded'],
      ['two', 'failed'],
    ]);
  });

  it('runs an OpenAI batch: file upload, create, polls, output download and list', async () => {
    const provider = aigateway().batch(createOpenAI({ apiKey: 'sk-workerd' }));
    const batch = await experimental_startBatch({ provider, requests: [{ id: 'q', type: 'text', model: 'gpt-5-mini', prompt: 'from workerd' }] });
    expect(await settle(provider, batch)).toMatchObject({ status: 'completed' });
    expect(await results(provider, batch)).toEqual([['q', 'succeeded']]);
    expect((await experimental_listBatches({ provider, limit: 1 })).batches[0]!.id).toBe(batch.id);
  });
});
