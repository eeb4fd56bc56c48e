import { createOpenAI } from '@ai-sdk/openai';
import { AiGatewayCloudflareAuthError, AiGatewayInvalidOptionsError, AiGatewayLogNotFoundError } from '@aigw/errors';
import { generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createAiGateway, gatewayMetadata } from '../src';
import { useEmulator } from './helpers';

const t = useEmulator({ gateways: { 'emulator-gateway': {}, locked: { authentication: true } } });
const openai = createOpenAI({ apiKey: 'sk-openai-test' });

/** The emulator serves the Cloudflare REST API's log paths beside the gateway's. */
const apiBase = () => `${t.emulator.baseURL.replace(/\/v1$/, '')}/client/v4`;
const withLogs = (settings: Record<string, unknown> = {}) =>
  t.gateway({ cloudflareApiToken: t.emulator.token, cloudflareApiBaseURL: apiBase(), logs: { lookups: 3, retryDelayMs: 5 }, ...settings });

describe('aigateway.logs over the REST API', () => {
  it('returns the log record of a call, typed', async () => {
    const aigateway = withLogs({ options: { metadata: { user: 'ada', plan: 'pro' }, customCost: { per_token_in: 0.001, per_token_out: 0.002 } } });
    const result = await generateText({ model: aigateway(openai.chat('gpt-5-mini')), prompt: 'log me please' });
    const logId = gatewayMetadata(result)!.logId!;
    const log = await aigateway.logs.get(logId);
    expect(log).toMatchObject({
      id: logId,
      provider: 'openai',
      model: 'gpt-5-mini',
      path: 'chat/completions',
      status: 200,
      success: true,
      cached: false,
      step: 0,
      metadata: { user: 'ada', plan: 'pro' },
      customCost: true,
      tokensIn: result.usage.inputTokens,
      tokensOut: result.usage.outputTokens,
    });
    expect(log.cost).toBeCloseTo(0.001 * result.usage.inputTokens! + 0.002 * result.usage.outputTokens!, 10);
    expect(log.duration).toBeGreaterThanOrEqual(0);
    expect(new Date(log.createdAt).getTime()).not.toBeNaN();
    expect(log.requestHead).toContain('log me please');
    const lookup = t.emulator.calls.at(-1)!;
    expect(lookup).toMatchObject({ kind: 'logs', method: 'GET', status: 200 });
    expect(lookup.path).toBe(`/client/v4/accounts/${t.emulator.accountId}/ai-gateway/gateways/emulator-gateway/logs/${logId}`);
    expect(lookup.requestHeaders.authorization).toBe('[REDACTED]');
  });

  it('records feedback, score and metadata on a log', async () => {
    const aigateway = withLogs();
    const result = streamText({ model: aigateway(openai.chat('gpt-5-mini')), prompt: 'rate me' });
    await result.consumeStream();
    const logId = gatewayMetadata({ providerMetadata: await result.providerMetadata })!.logId!;
    await aigateway.logs.feedback(logId, { feedback: 1, score: 90, metadata: { reviewer: 'bob' } });
    expect(t.emulator.calls.at(-1)).toMatchObject({ kind: 'logs', method: 'PATCH', status: 200 });
    expect(await aigateway.logs.get(logId)).toMatchObject({ feedback: 1, score: 90, metadata: { reviewer: 'bob' } });
    await aigateway.logs.feedback(logId, { feedback: null });
    expect((await aigateway.logs.get(logId)).feedback).toBeNull();
  });

  it('asks again a bounded number of times, then throws AiGatewayLogNotFoundError', async () => {
    const error = await withLogs().logs.get('01NOTTHEREXXXXXXXXXXXXXXXX').catch((e: unknown) => e);
    expect(AiGatewayLogNotFoundError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ logId: '01NOTTHEREXXXXXXXXXXXXXXXX', lookups: 3 });
    expect(t.emulator.calls.filter((c) => c.kind === 'logs' && c.status === 404)).toHaveLength(3);
  });

  it('turns a refused token into a typed error that never shows it', async () => {
    const aigateway = withLogs({ gateway: 'locked', apiKey: t.emulator.token, cloudflareApiToken: 'wrong-token-123456789' });
    const result = await generateText({ model: aigateway(openai.chat('gpt-5-mini')), prompt: 'x' });
    const error = await aigateway.logs.get(gatewayMetadata(result)!.logId!).catch((e: unknown) => e);
    expect(AiGatewayCloudflareAuthError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 401, code: 10000 });
    expect(JSON.stringify((error as AiGatewayCloudflareAuthError).toJSON())).not.toContain('wrong-token-123456789');
    expect((error as Error).message).not.toContain('wrong-token-123456789');
  });

  it('checks its input before anything is sent', async () => {
    const aigateway = withLogs();
    await expect(aigateway.logs.feedback('01ABC', { score: 150 })).rejects.toThrow(/feedback\.score.*0 to 100/);
    await expect(aigateway.logs.feedback('01ABC', { feedback: 2 as 1 })).rejects.toThrow(AiGatewayInvalidOptionsError);
    await expect(aigateway.logs.feedback('01ABC', {})).rejects.toThrow(/is empty/);
    await expect(aigateway.logs.get('')).rejects.toThrow(/"logId"/);
    expect(() => withLogs({ logs: { lookups: 0 } })).toThrow(/logs\.lookups/);
    expect(t.emulator.calls).toHaveLength(0);
  });

  it('names the missing token', async () => {
    // No token at all: the gateway token (apiKey) would serve the log API too.
    const aigateway = t.gateway({ apiKey: undefined });
    const error = await aigateway.logs.get('01ABC').catch((e: unknown) => e);
    if (globalThis.process?.env?.CLOUDFLARE_API_TOKEN === undefined && globalThis.process?.env?.CLOUDFLARE_AI_GATEWAY_TOKEN === undefined) {
      expect(AiGatewayInvalidOptionsError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain('cloudflareApiToken');
    }
  });
});

describe('aigateway.logs through the binding', () => {
  it('uses the binding’s getLog and patchLog', async () => {
    const aigateway = createAiGateway({ binding: t.emulator.binding(), logs: { lookups: 2, retryDelayMs: 5 } });
    const result = await generateText({ model: aigateway(openai.chat('gpt-5-mini')), prompt: 'bound' });
    const logId = gatewayMetadata(result)!.logId!;
    await aigateway.logs.feedback(logId, { score: 42 });
    expect(await aigateway.logs.get(logId)).toMatchObject({ id: logId, provider: 'openai', score: 42, status: 200 });
    const missing = await aigateway.logs.get('01NOTTHEREXXXXXXXXXXXXXXXX').catch((e: unknown) => e);
    expect(missing).toMatchObject({ name: 'AI_AiGatewayLogNotFoundError', lookups: 2 });
  });
});
