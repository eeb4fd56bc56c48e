import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { echoText } from '@aigw/emulator';
import { APICallError, generateText, RetryError, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { AiGatewayFallbackError, AiGatewayUnauthorizedError, gatewayAttempts, gatewayMetadata } from '../src';
import { fault, useEmulator } from './helpers';

const t = useEmulator({ gateways: { 'emulator-gateway': {}, locked: { authentication: true } } });

const failingOpenai = (status: number) => createOpenAI({ apiKey: 'sk-openai-secret-1234567', headers: fault({ status }) }).chat('gpt-5-mini');
const failingAnthropic = (spec: Record<string, unknown>) => createAnthropic({ apiKey: 'sk-ant-secret-1234567', headers: fault(spec) })('claude-sonnet-4-5');

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('the call did not fail');
}

describe('attempts of a failed fallback list', () => {
  it('lists every leg tried on the error, with what the gateway said of the last one', async () => {
    const model = t.gateway()([failingOpenai(503), failingAnthropic({ status: 500 })]);
    const error = await caught(generateText({ model, prompt: 'all fail', maxRetries: 0 }));
    expect(AiGatewayFallbackError.isInstance(error)).toBe(true);
    const fallback = error as AiGatewayFallbackError;
    const call = t.emulator.calls.at(-1)!;
    expect(call.stepsTried).toEqual([0, 1]);
    expect(fallback.attempts).toEqual([
      { index: 0, provider: 'openai', modelProvider: 'openai.chat', modelId: 'gpt-5-mini', message: expect.stringContaining('does not send this leg') },
      { index: 1, provider: 'anthropic', modelProvider: 'anthropic.messages', modelId: 'claude-sonnet-4-5', status: 500, message: 'Internal Server Error', logId: call.logId },
    ]);
    expect(fallback.message).toContain(`[1] anthropic claude-sonnet-4-5: HTTP 500: Internal Server Error (log ${call.logId})`);
    expect(fallback.statusCode).toBe(500);
    expect(fallback.isRetryable).toBe(true);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(JSON.stringify(fallback.toJSON())).not.toContain('secret-1234567');
    expect(fallback.message).not.toContain('secret-1234567');
  });

  it('keeps the AI SDK’s own retries: the RetryError’s last error carries the attempts', async () => {
    const model = t.gateway()([failingOpenai(503), failingAnthropic({ status: 503 })]);
    const error = await caught(generateText({ model, prompt: 'retried', maxRetries: 1 }));
    expect(RetryError.isInstance(error)).toBe(true);
    expect(t.emulator.calls).toHaveLength(2);
    const attempts = gatewayAttempts(error)!;
    expect(attempts.map((a) => [a.index, a.provider, a.status])).toEqual([
      [0, 'openai', undefined],
      [1, 'anthropic', 503],
    ]);
    expect(attempts[1]!.logId).toBe(t.emulator.calls[1]!.logId);
    expect((error as Error).message).toContain('[0] openai gpt-5-mini');
  });

  it('names the gateway’s error code when the last leg timed out', async () => {
    const model = t.gateway()([failingOpenai(500), { model: failingAnthropic({ firstByteDelayMs: 5000 }), options: { requestTimeoutMs: 100 } }]);
    const error = await caught(generateText({ model, prompt: 'too slow', maxRetries: 0 }));
    expect(gatewayAttempts(error)?.[1]).toMatchObject({ index: 1, provider: 'anthropic', status: 504, code: 2005, message: expect.stringContaining('timed out') });
  });

  it('lists the attempts when a stream cannot start', async () => {
    const model = t.gateway()([failingOpenai(400), failingAnthropic({ status: 400 })]);
    const errors: unknown[] = [];
    const result = streamText({ model, prompt: 'stream fails', maxRetries: 0, onError: ({ error }) => void errors.push(error) });
    await expect(result.text).rejects.toThrow();
    expect(gatewayAttempts(errors[0])?.map((a) => a.status)).toEqual([undefined, 400]);
  });

  it('leaves a gateway error that stopped the list before its end as it is', async () => {
    const aigateway = t.gateway({ gateway: 'locked', apiKey: 'not-the-token' });
    const error = await caught(generateText({ model: aigateway([failingOpenai(503), failingAnthropic({ status: 500 })]), prompt: 'x', maxRetries: 0 }));
    expect(AiGatewayUnauthorizedError.isInstance(error)).toBe(true);
    expect(gatewayAttempts(error)).toBeUndefined();
  });

  it('leaves a single model’s error as the provider threw it', async () => {
    const error = await caught(generateText({ model: t.gateway()(failingOpenai(400)), prompt: 'one', maxRetries: 0 }));
    expect(AiGatewayFallbackError.isInstance(error)).toBe(false);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(gatewayAttempts(error)).toBeUndefined();
  });
});

describe('skipped legs of a successful fallback', () => {
  it('names the legs that failed before the one that answered', async () => {
    const model = t.gateway()([failingOpenai(503), failingAnthropic({ status: 500 }), createOpenAI({ apiKey: 'sk' }).chat('gpt-5-nano')]);
    const result = await generateText({ model, prompt: 'third time lucky', maxRetries: 0 });
    expect(result.text).toBe(echoText('third time lucky'));
    expect(gatewayMetadata(result)).toMatchObject({
      step: 2,
      modelId: 'gpt-5-nano',
      skipped: [
        { index: 0, provider: 'openai', modelProvider: 'openai.chat', modelId: 'gpt-5-mini' },
        { index: 1, provider: 'anthropic', modelProvider: 'anthropic.messages', modelId: 'claude-sonnet-4-5' },
      ],
    });
  });

  it('has no skipped list when the primary answered', async () => {
    const result = await generateText({ model: t.gateway()([createOpenAI({ apiKey: 'sk' }).chat('gpt-5-mini'), failingOpenai(500)]), prompt: 'first' });
    expect(gatewayMetadata(result)?.skipped).toBeUndefined();
  });
});
