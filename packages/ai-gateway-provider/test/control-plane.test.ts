import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { APICallError } from '@ai-sdk/provider';
import {
  AiGatewayContentBlockedError,
  AiGatewayInsufficientCreditsError,
  AiGatewayInvalidOptionsError,
  AiGatewayPolicyDeniedError,
  AiGatewayRateLimitError,
  AiGatewaySpendLimitError,
  type AiGatewayResponseError,
} from '@aigw/errors';
import { echoText } from '@aigw/emulator';
import { generateText, streamText, type LanguageModel } from 'ai';
import { describe, expect, it } from 'vitest';
import { createAiGateway } from '../src';
import { fault, useEmulator } from './helpers';

/**
 * The gateway's control-plane refusals (policies, spend caps, Guardrails, Unified Billing's rate
 * limit, Workers AI's rejectIfBusy) through the AI SDK's own generateText/streamText, over HTTP and
 * the binding: each is typed, a permanent one is sent exactly once whatever `maxRetries` says, and
 * a passing one is retried, after the answer's Retry-After when it has one.
 */
const t = useEmulator({
  gateways: {
    'emulator-gateway': {
      authentication: true,
      policies: { spendCaps: [{ metadataKey: 'user', limit: 1 }] },
    },
  },
});

const KEY = 'sk-control-plane-key-0123456789';
const LLAMA = '@cf/meta/llama-3.1-8b-instruct';
const openai = (headers: Record<string, string> = {}) => createOpenAI({ apiKey: KEY, headers }).chat('gpt-5-mini');
const anthropic = (headers: Record<string, string> = {}) => createAnthropic({ apiKey: KEY, headers })('claude-sonnet-4-5');

type Transport = 'http' | 'binding';
const gatewayOver = (transport: Transport) => (transport === 'http' ? t.gateway({ cloudflareApiToken: 'cf-api-token' }) : createAiGateway({ binding: t.emulator.binding() }));
const modelCalls = () => t.emulator.calls.filter((call) => call.kind !== 'logs').length;

/** The error a generateText call ends with. */
const generateError = (model: LanguageModel, maxRetries = 2) =>
  generateText({ model, prompt: 'control plane', maxRetries }).then(
    () => new Error('the call succeeded'),
    (error: unknown) => error,
  );

/** The error part of a streamText call. */
async function streamError(model: LanguageModel, maxRetries = 2): Promise<unknown> {
  const result = streamText({ model, prompt: 'control plane stream', maxRetries, onError: () => {} });
  for await (const part of result.fullStream) if (part.type === 'error') return part.error;
  return new Error('the stream ended without an error');
}

interface Refusal {
  name: string;
  spec: Record<string, unknown>;
  Class: { isInstance(error: unknown): boolean };
  retryable: boolean;
  fields?: Record<string, unknown>;
}

const REFUSALS: Refusal[] = [
  { name: 'policy block (403, no code)', spec: { policy: 'deny' }, Class: AiGatewayPolicyDeniedError, retryable: false, fields: { statusCode: 403, code: undefined } },
  {
    name: 'policy spend cap (429, no code)',
    spec: { spendCap: { bucket: 'user:alice', spent: 5.25, limit: 5 } },
    Class: AiGatewaySpendLimitError,
    retryable: false,
    fields: { statusCode: 429, code: undefined, bucket: 'user:alice', spent: 5.25, limit: 5 },
  },
  { name: 'spend limit 2041', spec: { gatewayError: 2041 }, Class: AiGatewaySpendLimitError, retryable: false, fields: { statusCode: 429, code: 2041 } },
  { name: 'spend limit 2045', spec: { gatewayError: 2045 }, Class: AiGatewaySpendLimitError, retryable: false, fields: { statusCode: 429, code: 2045 } },
  { name: 'Guardrails prompt blocked (424/2016)', spec: { guardrail: 'prompt' }, Class: AiGatewayContentBlockedError, retryable: false, fields: { code: 2016, direction: 'request' } },
  { name: 'Guardrails response blocked (424/2017)', spec: { guardrail: 'response' }, Class: AiGatewayContentBlockedError, retryable: false, fields: { code: 2017, direction: 'response' } },
  { name: 'Guardrails scanner out of credits (402/2021)', spec: { guardrail: 'no-credits' }, Class: AiGatewayInsufficientCreditsError, retryable: false, fields: { code: 2021 } },
  { name: 'policy block as a list (403, no code)', spec: { gatewayError: { status: 403, message: 'Access denied by policy', shape: 'list' } }, Class: AiGatewayPolicyDeniedError, retryable: false },
  {
    name: 'policy block with cf-aig-step',
    spec: { gatewayError: { status: 403, message: 'Access denied by policy', stepHeader: true } },
    Class: AiGatewayPolicyDeniedError,
    retryable: false,
  },
];

describe.each(['http', 'binding'] as const)('control-plane refusals over %s', (transport) => {
  it.each(REFUSALS.map((r) => [r.name, r] as const))('%s: typed, sent exactly once with maxRetries 2 (generateText)', async (_name, refusal) => {
    const error = await generateError(gatewayOver(transport)(openai(fault(refusal.spec))));
    expect(refusal.Class.isInstance(error), `got ${String((error as Error).name)}: ${String((error as Error).message)}`).toBe(true);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as AiGatewayResponseError).isRetryable).toBe(refusal.retryable);
    if (refusal.fields) expect(error).toMatchObject(refusal.fields);
    expect(modelCalls()).toBe(1);
    expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain(KEY);
  });

  it.each(REFUSALS.slice(0, 6).map((r) => [r.name, r] as const))('%s: typed in streamText, sent exactly once', async (_name, refusal) => {
    const error = await streamError(gatewayOver(transport)(anthropic(fault(refusal.spec))));
    expect(refusal.Class.isInstance(error), `got ${String((error as Error).name)}: ${String((error as Error).message)}`).toBe(true);
    expect((error as AiGatewayResponseError).isRetryable).toBe(refusal.retryable);
    expect(modelCalls()).toBe(1);
  });

  it('a policy block to a fallback list is typed as itself and sent once (no leg is tried after it)', async () => {
    const error = await generateError(gatewayOver(transport)([openai(fault({ policy: 'deny' })), anthropic()]));
    expect(AiGatewayPolicyDeniedError.isInstance(error), `got ${String((error as Error).name)}: ${String((error as Error).message)}`).toBe(true);
    expect((error as AiGatewayResponseError).isRetryable).toBe(false);
    expect(modelCalls()).toBe(1);
    expect(t.emulator.calls[0]!.stepsTried).toEqual([0]);
  });

  it('a policy spend cap from the gateway settings: the request after the overspend is refused once, typed, with its bucket', async () => {
    const user = { 'cf-aig-metadata': JSON.stringify({ user: 'carol' }), 'cf-aig-custom-cost': JSON.stringify({ total_cost: 2 }) };
    const model = gatewayOver(transport)(openai(user));
    expect((await generateText({ model, prompt: 'spend' })).text).toBe(echoText('spend'));
    const error = await generateError(model);
    expect(AiGatewaySpendLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ isRetryable: false, bucket: 'user:carol', spent: 2, limit: 1, code: undefined });
    expect(modelCalls()).toBe(2);
  });

  it('Guardrails scanner unavailable (503/7013) is retryable: maxRetries 1 sends it twice', async () => {
    t.emulator.faults.add({ guardrail: 'unavailable', times: 1 });
    const result = await generateText({ model: gatewayOver(transport)(openai()), prompt: 'scanner back', maxRetries: 1 });
    expect(result.text).toBe(echoText('scanner back'));
    expect(t.emulator.calls.map((call) => call.refusal)).toEqual(['guardrail-unavailable', undefined]);
  });

  it('a Workers AI id with rejectIfBusy: 429/3040 is a typed, retryable rate limit; without it the request queues', async () => {
    t.emulator.faults.set({ workersAiBusy: true });
    const aigateway = gatewayOver(transport);
    const error = await generateError(aigateway({ model: LLAMA, rejectIfBusy: true }), 0);
    expect(AiGatewayRateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 3040, statusCode: 429, isRetryable: true });
    expect(t.emulator.logs.at(-1)!.request_head).toContain('"options":{"rejectIfBusy":true}');
    expect((await generateText({ model: aigateway(LLAMA), prompt: 'queued' })).text).toBe(echoText('queued'));
    expect(t.emulator.logs.at(-1)!.request_head).not.toContain('rejectIfBusy');
  });
});

describe('retries that pass', () => {
  /** When each model request reached the emulator (performance.now()). */
  const arrivals = () => {
    const times: number[] = [];
    const listener = () => times.push(performance.now());
    t.emulator.server.on('request', listener);
    return { times, stop: () => t.emulator.server.off('request', listener) };
  };

  it("Unified Billing's 429 is retried after its Retry-After (3 s, longer than the SDK's own first delay of 2 s)", async () => {
    t.emulator.faults.add({ unifiedBillingRateLimit: true, retryAfter: 3, times: 1 });
    const seen = arrivals();
    try {
      const result = await generateText({ model: t.gateway()(openai()), prompt: 'after the limit', maxRetries: 1 });
      expect(result.text).toBe(echoText('after the limit'));
    } finally {
      seen.stop();
    }
    expect(t.emulator.calls.map((call) => call.status)).toEqual([429, 200]);
    expect(t.emulator.calls[0]!.responseHeaders?.['retry-after']).toBe('3');
    expect(seen.times).toHaveLength(2);
    // A lower bound only (a busy machine makes it longer, never shorter): the SDK waited as told.
    expect(seen.times[1]! - seen.times[0]!).toBeGreaterThanOrEqual(2900);
  });

  it("Workers AI's 3040 with Retry-After: 0 is retried at once, and the retry succeeds", async () => {
    t.emulator.faults.add({ workersAiBusy: true, retryAfter: 0, times: 1 });
    const model = t.gateway({ cloudflareApiToken: 'cf-api-token' })({ model: LLAMA, rejectIfBusy: true });
    const result = await generateText({ model, prompt: 'busy then free', maxRetries: 1 });
    expect(result.text).toBe(echoText('busy then free'));
    expect(t.emulator.calls.map((call) => call.status)).toEqual([429, 200]);
  });
});

describe('rejectIfBusy is checked', () => {
  it('refuses rejectIfBusy on an id that is not Workers AI, or that is not a boolean, before sending', () => {
    const aigateway = t.gateway();
    expect(() => aigateway({ model: 'openai/gpt-5-mini', rejectIfBusy: true })).toThrow(AiGatewayInvalidOptionsError);
    expect(() => aigateway({ model: 'openai/gpt-5-mini', rejectIfBusy: true })).toThrow(/model\.rejectIfBusy/);
    expect(() => aigateway({ model: LLAMA, rejectIfBusy: 'yes' as unknown as boolean })).toThrow(/"model\.rejectIfBusy": is not a boolean \(got "yes"\); expected true or false/);
    expect(modelCalls()).toBe(0);
  });
});
