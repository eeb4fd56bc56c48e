// One fallback list cannot mix AI SDK generations: the wrapper speaks one specification version, and
// the AI SDK that calls it could not read the other generation's answer. Refused before sending.
import { createAnthropic as createAnthropicV2 } from '@ai-sdk/anthropic-v2';
import { createOpenAI as createOpenAIV3 } from '@ai-sdk/openai-v3';
import { createOpenAI as createOpenAIV4 } from '@ai-sdk/openai-v4';
import { AiGatewayInvalidOptionsError } from '@aigw/errors';
import { AiGatewayChatLanguageModel, type AiGatewayLeg, type AiGatewayMixedGenerations, type LanguageModelLike } from 'ai-gateway-provider';
import { generateText } from 'ai-v7';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { useEmulator } from './helpers';

const t = useEmulator();
const v2 = createAnthropicV2({ apiKey: 'sk' })('claude-sonnet-4-5');
const v3 = createOpenAIV3({ apiKey: 'sk' }).chat('gpt-5-mini');
const v4 = createOpenAIV4({ apiKey: 'sk' }).chat('gpt-5-mini');

describe('a fallback list that mixes generations', () => {
  it.each<[string, readonly AiGatewayLeg<LanguageModelLike>[], string, string]>([
    ['v4 then v3', [v4, v3], 'v3', 'v4'],
    ['v3 then v4', [v3, v4], 'v4', 'v3'],
    ['v2 then v3', [v2, v3], 'v3', 'v2'],
    ['v4, v4 then v2', [v4, { model: v4 }, v2], 'v2', 'v4'],
  ])('%s is refused with a typed error naming the leg, before anything is sent', (_name, models, got, first) => {
    const before = t.emulator.calls.length;
    let error: unknown;
    try {
      t.gateway()(models);
    } catch (e) {
      error = e;
    }
    expect(AiGatewayInvalidOptionsError.isInstance(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toMatch(/models\[\d\]\.specificationVersion/);
    expect(message).toContain(`differs from models[0]'s "${first}"`);
    expect(message).toContain(`cannot mix AI SDK generations (got "${got}")`);
    expect(t.emulator.calls.length).toBe(before);
  });

  it('is refused by 4.x’s constructor too', () => {
    expect(() => new AiGatewayChatLanguageModel([v3, v4], t.settings())).toThrow(AiGatewayInvalidOptionsError);
  });

  it('has a type that no AI SDK function accepts, so the mistake shows at compile time', () => {
    const wrap = () => t.gateway()([v4, v3]);
    expectTypeOf(wrap).returns.toEqualTypeOf<AiGatewayMixedGenerations>();
    // @ts-expect-error a mixed list is not a language model of any generation
    const call = () => generateText({ model: wrap(), prompt: 'x' });
    expect(call).toThrow(AiGatewayInvalidOptionsError);
  });
});
