import type { GatewayRequest } from '@aigw/core';
import { AiGatewayInvalidOptionsError } from '@aigw/errors';
import { echoText, startEmulator, type Emulator } from '@aigw/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBindingTransport, withResume, type ResumeOptions } from '../src';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator?.close();
});

beforeEach(() => {
  emulator.reset();
});

const PROMPT = 'one two three four five six seven eight nine ten';

/** A streamed Workers AI chat call as core encodes it for the binding's `run`, with a fault for the emulator. */
function streamRequest(fault: Record<string, unknown>): GatewayRequest {
  const body = JSON.stringify({ model: '@cf/meta/llama-3.1-8b-instruct', messages: [{ role: 'user', content: PROMPT }], stream: true });
  return {
    mode: 'provider',
    headers: {},
    steps: [{ provider: 'workers-ai', endpoint: 'v1/chat/completions', method: 'POST', headers: { 'content-type': 'application/json', 'x-emulator-fault': JSON.stringify(fault) }, body, json: true }],
  };
}

/** The text of an OpenAI-style event stream: every `choices[0].delta.content`, joined. */
function streamedText(events: string): string {
  let text = '';
  for (const line of events.split('\n')) {
    const data = line.startsWith('data:') ? line.slice(5).trim() : '';
    if (data === '' || data === '[DONE]') continue;
    text += (JSON.parse(data) as { choices?: { delta?: { content?: string } }[] }).choices?.[0]?.delta?.content ?? '';
  }
  return text;
}

const resumable = (options: Partial<ResumeOptions> = {}) => {
  const ai = emulator.ai();
  return withResume(createBindingTransport({ binding: emulator.binding() }), { fetch: (url, init) => ai.fetch(url, init), gateway: 'emulator-gateway', maxReconnects: 3, ...options });
};

describe('withResume over the emulator binding', () => {
  it('hands on a dropped stream whole, reconnecting through the resume endpoint', async () => {
    const response = await resumable().send(streamRequest({ dropAfterEvents: 2 }));
    expect(response.headers.get('cf-aig-run-id')).toEqual(expect.any(String));
    expect(streamedText(await response.text())).toBe(echoText(PROMPT));
    expect(emulator.calls.map((c) => c.kind)).toEqual(['universal', 'resume']);
  });

  it('names the gateway it resumes on', () => {
    expect(resumable().gateway).toBe('emulator-gateway');
  });

  it.each([
    ['resume.gateway', { gateway: '../other' }],
    ['resume.maxReconnects', { maxReconnects: 101 }],
    ['resume.fetch', { fetch: 'env.AI.fetch' as never }],
    ['resume.onResumeExpired', { onResumeExpired: 1 as never }],
  ])('refuses a bad %s before anything is sent', (option, options) => {
    let error: unknown;
    try {
      resumable(options);
    } catch (caught) {
      error = caught;
    }
    expect(AiGatewayInvalidOptionsError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ option });
    expect(emulator.calls).toEqual([]);
  });
});
