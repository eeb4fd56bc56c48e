// @vitest-environment edge-runtime
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText } from 'ai';
import { describe, expect, it, inject } from 'vitest';
import { createAiGateway } from '../src';

// The emulator runs in Node (globalSetup); this file runs in the edge runtime, as the AI SDK's
// own providers test themselves, with no `process` and only web APIs.
describe('edge runtime', () => {
  const emulator = inject('emulator');
  const aigateway = createAiGateway({ accountId: emulator.accountId, gateway: 'emulator-gateway', apiKey: emulator.token, baseURL: emulator.baseURL });
  const openai = createOpenAI({ apiKey: 'sk-edge' });

  it('has no process global', () => {
    expect(typeof (globalThis as { process?: unknown }).process === 'undefined' || typeof EdgeRuntime === 'string').toBe(true);
  });

  it('generates and streams text', async () => {
    expect((await generateText({ model: aigateway(openai.chat('gpt-5-mini')), prompt: 'edge' })).text).toBe('Echo: edge');
    const result = streamText({ model: aigateway(openai.chat('gpt-5-mini')), prompt: 'edge stream' });
    expect(await result.text).toBe('Echo: edge stream');
  });
});

declare const EdgeRuntime: string | undefined;
declare module 'vitest' {
  export interface ProvidedContext {
    emulator: { baseURL: string; accountId: string; token: string };
  }
}
