import { createAnthropic } from '@ai-sdk/anthropic';
import { AiGatewayInvalidOptionsError } from '@aigw/errors';
import { echoText } from '@aigw/emulator';
import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { AiGatewayChatLanguageModel, aigatewayOptions, createAiGateway, type AiGatewayAPISettings, type AiGatewayProviderOptions } from '../src';
import { setUpGatewayFor } from '../src/gateway-context';
import { useEmulator } from './helpers';

const t = useEmulator();
const anthropic = createAnthropic({ apiKey: 'sk-ant-test' });
const LLAMA = '@cf/meta/llama-3.1-8b-instruct';
const settings = (): AiGatewayAPISettings => ({
  accountId: t.emulator.accountId,
  gateway: 'emulator-gateway',
  apiKey: t.emulator.token,
  baseURL: t.emulator.baseURL,
  cloudflareApiToken: 'cf-api-token',
});

describe('the 4.x constructors (new AiGatewayChatLanguageModel(models, settings))', () => {
  it('expand model ids as aigateway(...) does, alone and in a fallback list', async () => {
    const alone = await generateText({ model: new AiGatewayChatLanguageModel(LLAMA, settings()), prompt: 'built with new' });
    expect(alone.text).toBe(echoText('built with new'));
    expect(alone.providerMetadata?.aigateway).toMatchObject({ step: 0, provider: 'workers-ai', modelId: LLAMA, steps: 1 });

    const list = new AiGatewayChatLanguageModel([{ model: LLAMA, sessionAffinity: 'conversation-1' }, anthropic('claude-sonnet-4-5')], settings());
    const listed = await generateText({ model: list, prompt: 'a list with an id' });
    expect(listed.text).toBe(echoText('a list with an id'));
    expect(listed.providerMetadata?.aigateway).toMatchObject({ step: 0, provider: 'workers-ai', steps: 2 });
    expect(t.emulator.calls.at(-1)!.attempts[0]!.headers).toMatchObject({ 'x-session-affinity': 'conversation-1' });
  });

  it('refuses a string that is no model id before anything is sent, as aigateway(...) does', () => {
    const error = (() => {
      try {
        new AiGatewayChatLanguageModel('not an id' as never, settings());
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(AiGatewayInvalidOptionsError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ option: 'model' });
    expect(() => createAiGateway(settings())('not an id' as never)).toThrow(expect.objectContaining({ option: 'model' }));
    expect(t.emulator.calls).toHaveLength(0);
  });

  it('make one setup (one transport) per settings object, and a new one once a value of the object changed', () => {
    const shared = settings();
    const first = setUpGatewayFor(shared);
    expect(setUpGatewayFor(shared)).toBe(first);
    expect(setUpGatewayFor(settings()).context.transport).not.toBe(first.context.transport);
    shared.options = { cacheTtl: 60 };
    const changed = setUpGatewayFor(shared);
    expect(changed).not.toBe(first);
    expect(changed.context.options.options).toEqual({ cacheTtl: 60 });
    expect(setUpGatewayFor(shared)).toBe(changed);
  });

  it('send what the settings object holds when each model is built', async () => {
    const shared = settings();
    const before = new AiGatewayChatLanguageModel(anthropic('claude-sonnet-4-5'), shared);
    shared.options = { cacheTtl: 60 };
    const after = new AiGatewayChatLanguageModel(anthropic('claude-sonnet-4-5'), shared);
    await generateText({ model: before, prompt: 'before' });
    expect(t.emulator.calls.at(-1)!.requestHeaders['cf-aig-cache-ttl']).toBeUndefined();
    await generateText({ model: after, prompt: 'after' });
    expect(t.emulator.calls.at(-1)!.requestHeaders['cf-aig-cache-ttl']).toBe('60');
  });

  it('are the classes of the models that createAiGateway makes', () => {
    expect(new AiGatewayChatLanguageModel(anthropic('claude-sonnet-4-5'), settings())).toBeInstanceOf(AiGatewayChatLanguageModel);
    expect(createAiGateway(settings())(anthropic('claude-sonnet-4-5'))).toBeInstanceOf(AiGatewayChatLanguageModel);
  });
});

describe('per-call sessionAffinity and headers in AiGatewayProviderOptions', () => {
  it('are typed, checked by aigatewayOptions, and sent with the call', async () => {
    const perCall: AiGatewayProviderOptions = { cacheTtl: 30, sessionAffinity: 'conversation-3', headers: { 'X-Call': 'yes' } };
    const checked = aigatewayOptions(perCall);
    expect(checked).toEqual(perCall);
    const result = await generateText({ model: createAiGateway(settings())(LLAMA), prompt: 'per call', providerOptions: { aigateway: checked } });
    expect(result.text).toBe(echoText('per call'));
    const call = t.emulator.calls.at(-1)!;
    expect(call.requestHeaders['cf-aig-cache-ttl']).toBe('30');
    expect(call.attempts[0]!.headers).toMatchObject({ 'x-session-affinity': 'conversation-3', 'x-call': 'yes' });
  });

  it('are refused by aigatewayOptions when they cannot be sent, naming the option and never showing a header value', () => {
    expect(() => aigatewayOptions({ sessionAffinity: 'one\ntwo' })).toThrow(expect.objectContaining({ option: 'providerOptions.aigateway.sessionAffinity' }));
    let error: unknown;
    try {
      aigatewayOptions({ headers: { authorization: 'secret\nvalue' } });
    } catch (caught) {
      error = caught;
    }
    expect(AiGatewayInvalidOptionsError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('providerOptions.aigateway.headers.authorization');
    expect((error as Error).message).not.toContain('secret');
    expect(t.emulator.calls).toHaveLength(0);
  });
});
