import { createAnthropic } from '@ai-sdk/anthropic';
import { AiGatewayStreamResumeError } from '@aigw/errors';
import { echoText } from '@aigw/emulator';
import { streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createAiGateway } from '../src';
import { fault, useEmulator } from './helpers';

const t = useEmulator();
const LLAMA = '@cf/meta/llama-3.1-8b-instruct';
const PROMPT = 'one two three four five six seven eight nine ten';

/** A gateway over the binding double, with the 4.x resume setting. */
const overBinding = (resume: { maxReconnects?: number; onResumeExpired?: (info: { runId: string; fromEvent: number }) => void } = {}) =>
  createAiGateway({ binding: t.emulator.binding(), resume: { binding: t.emulator.ai(), gateway: 'emulator-gateway', ...resume } });

async function collect(result: ReturnType<typeof streamText>): Promise<string[]> {
  const deltas: string[] = [];
  for await (const delta of result.textStream) deltas.push(delta);
  return deltas;
}

/** The error a stream ends with, whether the AI SDK emits it as an error part or throws it. */
async function streamError(result: ReturnType<typeof streamText>): Promise<unknown> {
  try {
    for await (const part of result.fullStream) if (part.type === 'error') return part.error;
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Our typed error, or the AI SDK's APICallError around it (the SDK wraps any error of a response body). */
const resumeError = (error: unknown) => (AiGatewayStreamResumeError.isInstance(error) ? error : (error as { cause?: unknown } | undefined)?.cause);

describe('resumable streams over the binding', () => {
  it('runs a @cf id through the binding without a token, with a run id in the metadata', async () => {
    const result = streamText({ model: overBinding()(LLAMA), prompt: PROMPT });
    expect((await collect(result)).join('')).toBe(echoText(PROMPT));
    const meta = (await result.providerMetadata)?.aigateway;
    expect(meta).toMatchObject({ provider: 'workers-ai', gateway: 'emulator-gateway', runId: expect.any(String), traceId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(t.emulator.calls.at(-1)!.attempts[0]!.headers.authorization).toBeUndefined();
  });

  it.each([1, 3, 7])('gives the whole text once after a drop after %i events', async (events) => {
    const model = overBinding()({ model: LLAMA, headers: fault({ dropAfterEvents: events }) });
    const deltas = await collect(streamText({ model, prompt: PROMPT }));
    expect(deltas.join('')).toBe(echoText(PROMPT));
    expect(deltas.length).toBeGreaterThan(5);
    const kinds = t.emulator.calls.map((c) => [c.kind, c.fault ?? 'whole']);
    expect(kinds).toEqual([
      ['universal', 'dropped'],
      ['resume', 'whole'],
    ]);
  });

  it('reconnects again when the resumed stream drops too, and a vendor model resumes as well', async () => {
    const anthropic = createAnthropic({ apiKey: 'sk-ant', headers: fault({ dropAfterEvents: 2, dropTimes: 3 }) });
    const result = streamText({ model: overBinding({ maxReconnects: 3 })(anthropic('claude-sonnet-4-5')), prompt: PROMPT });
    expect((await collect(result)).join('')).toBe(echoText(PROMPT));
    expect(t.emulator.calls.map((c) => c.kind)).toEqual(['universal', 'resume', 'resume', 'resume']);
  });

  it('stops after maxReconnects with a typed error', async () => {
    const model = overBinding({ maxReconnects: 1 })({ model: LLAMA, headers: fault({ dropAfterEvents: 2, dropTimes: 5 }) });
    const cause = resumeError(await streamError(streamText({ model, prompt: PROMPT, onError: () => {} })));
    expect(AiGatewayStreamResumeError.isInstance(cause)).toBe(true);
    expect(cause).toMatchObject({ reason: 'reconnects-exhausted', reconnects: 1, fromEvent: 4 });
  });

  it('reports an expired run with a typed error and onResumeExpired', async () => {
    const expired: { runId: string; fromEvent: number }[] = [];
    const model = overBinding({ onResumeExpired: (info) => expired.push(info) })({ model: LLAMA, headers: fault({ dropAfterEvents: 3, expireRun: true }) });
    const error = resumeError(await streamError(streamText({ model, prompt: PROMPT, onError: () => {} })));
    expect(AiGatewayStreamResumeError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'expired', statusCode: 404, fromEvent: 3 });
    expect(expired).toEqual([{ runId: expect.any(String), fromEvent: 3 }]);
  });

  it('without the resume setting, a drop ends the stream with an error', async () => {
    const model = createAiGateway({ binding: t.emulator.binding() })({ model: LLAMA, headers: fault({ dropAfterEvents: 3 }) });
    const error = await streamError(streamText({ model, prompt: PROMPT, onError: () => {} }));
    expect(error).toBeInstanceOf(Error);
    expect(AiGatewayStreamResumeError.isInstance(resumeError(error))).toBe(false);
    expect(t.emulator.calls.map((c) => c.kind)).toEqual(['universal']);
  });
});
