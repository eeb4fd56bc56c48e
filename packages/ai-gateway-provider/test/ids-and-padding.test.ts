import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { echoText } from '@aigw/emulator';
import { generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { gatewayMetadata } from '../src';
import { useEmulator } from './helpers';

const t = useEmulator({ gateways: { 'emulator-gateway': { byok: { openai: 'stored', anthropic: 'stored', 'google-ai-studio': 'stored' } } } });
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const openai = createOpenAI({ apiKey: 'sk-openai-test' });
const withLogs = () => t.gateway({ cloudflareApiToken: t.emulator.token, cloudflareApiBaseURL: t.emulator.baseURL.replace(/\/v1$/, '/client/v4') });

describe('ids', () => {
  it('reads one UUIDv7 as the log, event and request id of a single step, and finds its log', async () => {
    const aigateway = withLogs();
    const result = await generateText({ model: aigateway(openai.chat('gpt-5-mini')), prompt: 'ids' });
    const metadata = gatewayMetadata(result)!;
    expect(metadata.logId).toMatch(UUID_V7);
    expect(metadata.eventId).toBe(metadata.logId);
    expect(metadata.requestId).toBe(metadata.logId);
    expect((await aigateway.logs.get(metadata.logId!)).id).toBe(metadata.logId);
  });

  it('treats older ULID log ids the same way', async () => {
    const aigateway = withLogs();
    const result = await generateText({ model: aigateway(openai.chat('gpt-5-mini')), prompt: 'ulid', headers: { 'x-emulator-ids': 'ulid' } });
    const logId = gatewayMetadata(result)!.logId!;
    expect(logId).toMatch(ULID);
    expect((await aigateway.logs.get(logId)).id).toBe(logId);
    await aigateway.logs.feedback(logId, { feedback: 1 });
    expect((await aigateway.logs.get(logId)).feedback).toBe(1);
  });
});

describe('the SSE "p" padding field', () => {
  const padded = { 'x-emulator-sse-padding': '64' };
  const models: Record<string, () => LanguageModelV4 | string> = {
    'openai chat': () => openai.chat('gpt-5-mini'),
    'openai responses': () => openai.responses('gpt-5-mini'),
    anthropic: () => createAnthropic({ apiKey: 'sk-ant-test' })('claude-sonnet-4-5'),
    google: () => createGoogleGenerativeAI({ apiKey: 'g-test' })('gemini-2.5-flash'),
    'cloudflare/auto': () => 'cloudflare/auto',
    'a catalog id': () => 'openai/gpt-5-mini',
  };
  for (const [name, model] of Object.entries(models)) {
    it(`is ignored by ${name}`, async () => {
      const prompt = `padded stream of ${name}`;
      const result = streamText({ model: t.gateway()(model()), prompt, headers: padded });
      expect(await result.text).toBe(echoText(prompt));
      expect(await result.finishReason).toBe('stop');
      expect((await result.usage).outputTokens).toBeGreaterThan(0);
      expect(t.emulator.calls.at(-1)!.ssePadding).toBe(64);
    });
  }
});
