import { createAmazonBedrock as officialBedrock } from '@ai-sdk/amazon-bedrock';
import { createVertex as officialVertex } from '@ai-sdk/google-vertex/edge';
import { AiGatewayCaptureError } from '@aigw/errors';
import { echoText } from '@aigw/emulator';
import { generateText, Output, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAmazonBedrock } from '../src/providers/amazon-bedrock';
import { createAnthropic } from '../src/providers/anthropic';
import { createAzure } from '../src/providers/azure';
import { createVertex } from '../src/providers/google-vertex';
import { createOpenAI, openai } from '../src/providers/openai';
import { createUnified } from '../src/providers/unified';
import { useEmulator } from './helpers';

const t = useEmulator({
  gateways: { 'emulator-gateway': { byok: { openai: 'stored-openai', anthropic: 'stored-ant', 'aws-bedrock': 'stored', 'google-vertex-ai': 'stored', compat: 'stored' } } },
});

const lastAttempt = () => t.emulator.calls.at(-1)!.attempts.at(-1)!;

describe('providers/* sub-paths', () => {
  it('send no provider key when none is given, so the stored key is used', async () => {
    const result = await generateText({ model: t.gateway()(openai.chat('gpt-5-mini')), prompt: 'byok' });
    expect(result.text).toBe(echoText('byok'));
    expect(lastAttempt().byok).toBe(true);
    expect(lastAttempt().headers.authorization).toBeUndefined();

    await generateText({ model: t.gateway()(createAnthropic()('claude-sonnet-4-5')), prompt: 'byok' });
    expect(lastAttempt().headers['x-api-key']).toBeUndefined();
  });

  it('forward a key that is given, and never modify the settings object', async () => {
    const settings = { headers: { 'x-team': 'a' } };
    const frozen = Object.freeze({ ...settings });
    const provider = createOpenAI(frozen);
    expect(frozen).toEqual(settings);
    await generateText({ model: t.gateway()(createOpenAI({ apiKey: 'sk-given' }).chat('gpt-5-mini')), prompt: 'x' });
    expect(lastAttempt().headers.authorization).toBe('[REDACTED]');
    expect(lastAttempt().byok).toBe(false);
    expect(provider.chat('m').provider).toBe('openai.chat');
  });

  it('Amazon Bedrock, SigV4-signed and with an API key', async () => {
    const signed = createAmazonBedrock({ region: 'us-east-1', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });
    const result = await generateText({ model: t.gateway()(signed('anthropic.claude-3-haiku-20240307-v1:0')), prompt: 'signed' });
    expect(result.text).toBe(echoText('signed'));
    expect(t.emulator.calls.at(-1)!.requestHeaders).toBeDefined();
    expect(lastAttempt()).toMatchObject({ provider: 'aws-bedrock', byok: false });
    expect(lastAttempt().endpoint).toBe('bedrock-runtime/us-east-1/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse');

    const withKey = createAmazonBedrock({ region: 'eu-west-1', apiKey: 'bedrock-api-key' });
    expect((await generateText({ model: t.gateway()(withKey('amazon.nova-lite-v1:0')), prompt: 'keyed' })).text).toBe(echoText('keyed'));
    expect(lastAttempt().byok).toBe(false);
  });

  it('refuse official Bedrock and Vertex-express models whose credentials a capture would drop, before sending', async () => {
    const before = t.emulator.calls.length;
    const bedrock = officialBedrock({ region: 'us-east-1', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret-access-key-example' });
    await expect(generateText({ model: t.gateway()(bedrock('amazon.nova-lite-v1:0')), prompt: 'x', maxRetries: 0 })).rejects.toSatisfy(
      (e) => AiGatewayCaptureError.isInstance(e) && (e as Error).message.includes('ai-gateway-provider/providers/amazon-bedrock'),
    );
    const vertex = officialVertex({ apiKey: 'vertex-key' });
    await expect(generateText({ model: t.gateway()(vertex('gemini-2.5-flash')), prompt: 'x', maxRetries: 0 })).rejects.toSatisfy(
      (e) => AiGatewayCaptureError.isInstance(e) && (e as Error).message.includes('ai-gateway-provider/providers/google-vertex'),
    );
    expect(t.emulator.calls.length).toBe(before);
  });

  it('Google Vertex in express mode', async () => {
    const vertex = createVertex({ apiKey: 'vertex-key' });
    expect((await generateText({ model: t.gateway()(vertex('gemini-2.5-flash')), prompt: 'vertex' })).text).toBe(echoText('vertex'));
    expect(lastAttempt()).toMatchObject({ provider: 'google-vertex-ai', byok: false });
  });

  it('Azure OpenAI', async () => {
    const azure = createAzure({ resourceName: 'my-resource', apiKey: 'azure-key' });
    expect((await generateText({ model: t.gateway()(azure.chat('my-deployment')), prompt: 'azure chat' })).text).toBe(echoText('azure chat'));
    expect(lastAttempt().provider).toBe('azure-openai');
    expect((await generateText({ model: t.gateway()(azure('my-deployment')), prompt: 'azure responses' })).text).toBe(echoText('azure responses'));
  });

  it('unified: the compat endpoint with provider/model ids and structured outputs', async () => {
    const unified = createUnified();
    const model = t.gateway()(unified('anthropic/claude-sonnet-4-5'));
    expect((await generateText({ model, prompt: 'unified' })).text).toBe(echoText('unified'));
    expect(lastAttempt().provider).toBe('compat');
    const structured = await generateText({ model, prompt: 'Bob', output: Output.object({ schema: z.object({ name: z.string() }) }) });
    expect(structured.output).toEqual({ name: 'Bob' });
    const streamed = streamText({ model, prompt: 'unified stream' });
    expect(await streamed.text).toBe(echoText('unified stream'));
  });
});
