import { createOpenAI } from '@ai-sdk/openai';
import { AiGatewayLogNotFoundError } from '@aigw/errors';
import { streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { gatewayMetadata } from '../src';
import { useEmulator } from './helpers';

// The emulator's clock only moves when a log lookup is sent, so "the log appears 1 s after the
// stream" plays out the same on any machine, however loaded.
let clock = 1_800_000_000_000;
const t = useEmulator({ now: () => clock, logDelayMs: 1000 });
const openai = createOpenAI({ apiKey: 'sk-openai-test' });

/** A fetch that moves the emulator's clock by `stepMs` before each log lookup. */
const ticking = (stepMs: number): typeof fetch => (input, init) => {
  if (String(input instanceof Request ? input.url : input).includes('/logs/')) clock += stepMs;
  return fetch(input, init);
};

async function streamedLogId(aigateway: ReturnType<typeof t.gateway>): Promise<string> {
  const result = streamText({ model: aigateway(openai.chat('gpt-5-mini')), prompt: 'a streamed call' });
  await result.consumeStream();
  return gatewayMetadata({ providerMetadata: await result.providerMetadata })!.logId!;
}

const settings = (stepMs: number) => ({
  cloudflareApiToken: t.emulator?.token,
  cloudflareApiBaseURL: `${t.emulator?.baseURL.replace(/\/v1$/, '')}/client/v4`,
  logs: { lookups: 4, retryDelayMs: 1 },
  fetch: ticking(stepMs),
});

describe('the log of a streamed call, not there yet', () => {
  it('is asked for again until it appears', async () => {
    const aigateway = t.gateway(settings(400));
    const logId = await streamedLogId(aigateway);
    const log = await aigateway.logs.get(logId);
    expect(log).toMatchObject({ id: logId, provider: 'openai', responseContentType: expect.stringContaining('text/event-stream') });
    // 400, 800: not yet; 1200: there.
    expect(t.emulator.calls.filter((c) => c.kind === 'logs').map((c) => c.status)).toEqual([404, 404, 200]);
  });

  it('gives up after the configured lookups with a typed error', async () => {
    const aigateway = t.gateway(settings(100));
    const logId = await streamedLogId(aigateway);
    const error = await aigateway.logs.get(logId).catch((e: unknown) => e);
    expect(AiGatewayLogNotFoundError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ logId, lookups: 4 });
    expect(t.emulator.calls.filter((c) => c.kind === 'logs')).toHaveLength(4);
  });

  it('stops waiting when the caller aborts', async () => {
    const aigateway = t.gateway({ ...settings(0), logs: { lookups: 20, retryDelayMs: 10_000 } });
    const logId = await streamedLogId(aigateway);
    const controller = new AbortController();
    const pending = aigateway.logs.get(logId, { signal: controller.signal });
    await expect.poll(() => t.emulator.calls.filter((c) => c.kind === 'logs').length, { timeout: 60_000 }).toBe(1);
    controller.abort(new Error('no longer needed'));
    await expect(pending).rejects.toThrow('no longer needed');
  });
});
