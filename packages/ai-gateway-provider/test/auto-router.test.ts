import { createOpenAI } from '@ai-sdk/openai';
import { AiGatewayInvalidOptionsError } from '@aigw/errors';
import { echoText } from '@aigw/emulator';
import { generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { aigatewayOptions, gatewayMetadata } from '../src';
import { fault, useEmulator } from './helpers';

const POOL = ['openai/gpt-5-mini', 'anthropic/claude-sonnet-4-5', 'anthropic/claude-opus-4-1'];
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const t = useEmulator({ gateways: { 'emulator-gateway': { autoRouter: { pool: POOL }, byok: { openai: 'stored', anthropic: 'stored' } } } });
const AUTO = 'cloudflare/auto';
/** The Auto Router headers the emulator received on the call `index` (the request's, or a universal step's). */
const routerHeaders = (index = -1) => {
  const call = t.emulator.calls.at(index)!;
  return Object.fromEntries(Object.entries(call.requestHeaders).filter(([name]) => /^cf-aig-(session-id|turn-id|no-session-affinity|allowed-)/.test(name)));
};

describe('the Auto Router (cloudflare/auto)', () => {
  it('sends cloudflare/auto to /compat and reports the routing decision in the metadata', async () => {
    const result = await generateText({ model: t.gateway()(AUTO), prompt: 'route me' });
    expect(result.text).toBe(echoText('route me'));
    const metadata = gatewayMetadata(result)!;
    expect(metadata).toMatchObject({ step: 0, provider: 'compat', modelId: AUTO, routedModel: 'openai/gpt-5-mini', routingReason: 'cost_optimal_within_pool' });
    expect(metadata.routingDecisionId).toMatch(UUID_V7);
    expect(t.emulator.calls.at(-1)!.routing![0]!.decisionId).toBe(metadata.routingDecisionId);
    // Streams carry it too.
    const streamed = streamText({ model: t.gateway()(AUTO), prompt: 'stream me' });
    expect(await streamed.text).toBe(echoText('stream me'));
    expect(gatewayMetadata({ providerMetadata: await streamed.providerMetadata })).toMatchObject({ routedModel: 'openai/gpt-5-mini', routingReason: 'cost_optimal_within_pool' });
  });

  it('sends the autoRouter option of the instance and the call as headers, merged key by key', async () => {
    const aigateway = t.gateway({ options: { autoRouter: { allowedProviders: ['anthropic'], sessionId: 'instance' } } });
    const result = await generateText({
      model: aigateway(AUTO),
      prompt: 'narrow',
      providerOptions: { aigateway: { autoRouter: { sessionId: 'conv-42', turnId: 'turn-1', sessionAffinity: false, allowedModels: ['anthropic/*-opus-*', 'openai/gpt-5-mini'] } } },
    });
    expect(routerHeaders()).toEqual({
      'cf-aig-session-id': 'conv-42',
      'cf-aig-turn-id': 'turn-1',
      'cf-aig-no-session-affinity': 'true',
      'cf-aig-allowed-models': 'anthropic/*-opus-*,openai/gpt-5-mini',
      'cf-aig-allowed-providers': 'anthropic',
    });
    expect(gatewayMetadata(result)).toMatchObject({ routedModel: 'anthropic/claude-opus-4-1', routingReason: 'forced_by_candidate_pool' });
  });

  it('keeps one model for a session’s turn', async () => {
    const model = t.gateway()(AUTO);
    const session = { aigateway: { autoRouter: { sessionId: 'chat-7' } } };
    const first = await generateText({ model, prompt: 'first', providerOptions: session, headers: { 'x-emulator-auto-router': '{"pick":"anthropic/claude-sonnet-4-5"}' } });
    expect(gatewayMetadata(first)?.routedModel).toBe('anthropic/claude-sonnet-4-5');
    const again = await generateText({ model, prompt: 'same turn', providerOptions: session });
    expect(gatewayMetadata(again)).toMatchObject({ routedModel: 'anthropic/claude-sonnet-4-5', routingReason: 'pinned_by_turn' });
    const unpinned = await generateText({ model, prompt: 'same turn', providerOptions: { aigateway: { autoRouter: { sessionId: 'chat-7', sessionAffinity: false } } } });
    expect(gatewayMetadata(unpinned)).toMatchObject({ routedModel: 'openai/gpt-5-mini', routingReason: 'cost_optimal_within_pool' });
  });

  it('is a leg of a fallback list, with options of its own', async () => {
    const failing = createOpenAI({ apiKey: 'sk-openai', headers: fault({ status: 503 }) }).chat('gpt-5-mini');
    const model = t.gateway()([failing, { model: AUTO, options: { autoRouter: { allowedProviders: ['anthropic'] } } }]);
    const result = await generateText({ model, prompt: 'fall back to the router' });
    expect(gatewayMetadata(result)).toMatchObject({ step: 1, steps: 2, modelId: AUTO, routedModel: 'anthropic/claude-sonnet-4-5', routingReason: 'cost_optimal_within_pool' });
    expect(gatewayMetadata(result)?.skipped).toEqual([{ index: 0, provider: 'openai', modelProvider: 'openai.chat', modelId: 'gpt-5-mini' }]);
    expect(t.emulator.calls.at(-1)!.routing).toMatchObject([{ step: 1, candidates: ['anthropic/claude-sonnet-4-5', 'anthropic/claude-opus-4-1'] }]);
  });

  it('lets a leg turn session affinity back on', async () => {
    const aigateway = t.gateway({ options: { autoRouter: { sessionId: 'leg-session', sessionAffinity: false } } });
    const failing = createOpenAI({ apiKey: 'sk-openai', headers: fault({ status: 503 }) }).chat('gpt-5-mini');
    const pick = { 'x-emulator-auto-router': '{"pick":"anthropic/claude-opus-4-1"}' };
    const leg = (sessionAffinity: boolean) => aigateway([failing, { model: AUTO, options: { autoRouter: { sessionAffinity } } }]);
    await generateText({ model: leg(true), prompt: 'first', headers: pick });
    const again = await generateText({ model: leg(true), prompt: 'same turn' });
    expect(gatewayMetadata(again)).toMatchObject({ step: 1, routedModel: 'anthropic/claude-opus-4-1', routingReason: 'pinned_by_turn' });
    const off = await generateText({ model: leg(false), prompt: 'same turn' });
    expect(gatewayMetadata(off)).toMatchObject({ step: 1, routedModel: 'openai/gpt-5-mini', routingReason: 'cost_optimal_within_pool' });
  });

  it('refuses bad entries before sending', async () => {
    const bad: [unknown, string, RegExp][] = [
      [{ allowedModels: ['openai/gpt-5-mini,anthropic/*'] }, 'autoRouter.allowedModels[0]', /contains a comma/],
      [{ allowedModels: [''] }, 'autoRouter.allowedModels[0]', /is empty/],
      [{ allowedModels: [] }, 'autoRouter.allowedModels', /non-empty list/],
      [{ allowedModels: ['gpt-5-mini'] }, 'autoRouter.allowedModels[0]', /not a valid entry/],
      [{ allowedProviders: ['open ai'] }, 'autoRouter.allowedProviders[0]', /not a valid entry/],
      [{ sessionAffinity: 'no' }, 'autoRouter.sessionAffinity', /boolean/],
      [{ sessionId: '' }, 'autoRouter.sessionId', /non-empty/],
      [{ pinned: true }, 'autoRouter.pinned', /not an Auto Router option/],
      ['auto', 'autoRouter', /not an object/],
    ];
    for (const [autoRouter, option, problem] of bad) {
      const call = generateText({ model: t.gateway()(AUTO), prompt: 'x', providerOptions: { aigateway: { autoRouter } as never } });
      const error = await call.catch((e: unknown) => e);
      expect(AiGatewayInvalidOptionsError.isInstance(error), String(error)).toBe(true);
      expect((error as AiGatewayInvalidOptionsError).option).toBe(`providerOptions.aigateway.${option}`);
      expect((error as Error).message).toMatch(problem);
    }
    expect(() => t.gateway({ options: { autoRouter: { allowedProviders: ['openai,anthropic'] } } })).toThrow(AiGatewayInvalidOptionsError);
    expect(() => aigatewayOptions({ autoRouter: { allowedModels: ['a/b', ''] } })).toThrow(/allowedModels\[1\]/);
    expect(aigatewayOptions({ autoRouter: { allowedModels: ['anthropic/*'], sessionAffinity: false } })).toEqual({ autoRouter: { allowedModels: ['anthropic/*'], sessionAffinity: false } });
    expect(t.emulator.calls).toHaveLength(0);
  });

  it('passes the gateway’s 400 for an entry that matches no model', async () => {
    const call = generateText({ model: t.gateway()(AUTO), prompt: 'x', maxRetries: 0, providerOptions: { aigateway: { autoRouter: { allowedModels: ['mistral/*'] } } } });
    await expect(call).rejects.toMatchObject({ statusCode: 400 });
  });
});
