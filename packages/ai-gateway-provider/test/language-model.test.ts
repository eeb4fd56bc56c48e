import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createGroq } from '@ai-sdk/groq';
import { createMistral } from '@ai-sdk/mistral';
import { createOpenAI } from '@ai-sdk/openai';
import { AiGatewayDoesNotExist, AiGatewayInsufficientCreditsError, AiGatewayInvalidOptionsError, AiGatewayUnauthorizedError, AiGatewayUnroutableModelError } from '@aigw/errors';
import { echoText } from '@aigw/emulator';
import { generateText, Output, stepCountIs, streamText, tool } from 'ai';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAiGateway, gatewayMetadata } from '../src';
import { fault, useEmulator } from './helpers';

const t = useEmulator({ gateways: { 'emulator-gateway': { authentication: true }, cached: { cacheTtl: 60 } } });

const openai = createOpenAI({ apiKey: 'sk-openai-test' });
const anthropic = createAnthropic({ apiKey: 'sk-ant-test' });
const google = createGoogleGenerativeAI({ apiKey: 'goog-test' });

describe('generateText through the gateway', () => {
  it.each([
    ['openai chat', () => openai.chat('gpt-5-mini'), 'openai'],
    ['openai responses', () => openai('gpt-5-mini'), 'openai'],
    ['anthropic', () => anthropic('claude-sonnet-4-5'), 'anthropic'],
    ['google', () => google('gemini-2.5-flash'), 'google-ai-studio'],
    ['mistral', () => createMistral({ apiKey: 'm' })('mistral-small-latest'), 'mistral'],
    ['groq', () => createGroq({ apiKey: 'g' })('llama-3.3-70b-versatile'), 'groq'],
  ])('%s', async (_name, model, provider) => {
    const result = await generateText({ model: t.gateway()(model()), prompt: 'Hello gateway' });
    expect(result.text).toBe(echoText('Hello gateway'));
    expect(result.providerMetadata?.aigateway).toMatchObject({ step: 0, provider, steps: 1 });
    expect(result.providerMetadata?.aigateway?.logId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(result.response.headers?.['cf-aig-step']).toBe('0');
    const call = t.emulator.calls.at(-1)!;
    // One model: the provider-native path, the provider's body sent as it is.
    expect(call).toMatchObject({ kind: 'provider', step: 0, status: 200 });
  });

  it('streams text as it arrives and puts the metadata on the finish part', async () => {
    const result = streamText({ model: t.gateway()(anthropic('claude-sonnet-4-5')), prompt: 'one two three four' });
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(echoText('one two three four'));
    expect((await result.providerMetadata)?.aigateway).toMatchObject({ step: 0, provider: 'anthropic' });
    expect(gatewayMetadata({ providerMetadata: await result.providerMetadata })?.provider).toBe('anthropic');
  });

  it('falls back on the gateway side when the first model fails', async () => {
    const failing = createOpenAI({ apiKey: 'sk', headers: fault({ status: 500 }) }).chat('gpt-5-mini');
    const model = t.gateway()([failing, anthropic('claude-sonnet-4-5')]);
    const result = await generateText({ model, prompt: 'fallback please' });
    expect(result.text).toBe(echoText('fallback please'));
    expect(result.providerMetadata?.aigateway).toMatchObject({ step: 1, provider: 'anthropic', modelId: 'claude-sonnet-4-5', steps: 2 });
    expect(t.emulator.calls.at(-1)).toMatchObject({ kind: 'universal', stepsTried: [0, 1] });
  });

  it('falls back when a leg exceeds its own request timeout (per-leg options)', async () => {
    const slow = createOpenAI({ apiKey: 'sk', headers: fault({ firstByteDelayMs: 60_000 }) }).chat('gpt-5-mini');
    const model = t.gateway()([{ model: slow, options: { requestTimeoutMs: 200 } }, anthropic('claude-sonnet-4-5')]);
    const result = await generateText({ model, prompt: 'too slow' });
    expect(result.text).toBe(echoText('too slow'));
    expect(gatewayMetadata(result)).toMatchObject({ step: 1, provider: 'anthropic' });
  });

  it('ends a stream whose connection drops with an error, not a hang', async () => {
    const dropping = createOpenAI({ apiKey: 'sk', headers: fault({ dropAfterEvents: 2 }) }).chat('gpt-5-mini');
    const result = streamText({ model: t.gateway()(dropping), prompt: 'a b c d e f g h' });
    await expect(result.text).rejects.toThrow();
  });

  it('streams from the fallback model too', async () => {
    const failing = createOpenAI({ apiKey: 'sk', headers: fault({ status: 503 }) }).chat('gpt-5-mini');
    const result = streamText({ model: t.gateway()([failing, google('gemini-2.5-flash')]), prompt: 'streamed fallback' });
    expect(await result.text).toBe(echoText('streamed fallback'));
    expect((await result.providerMetadata)?.aigateway).toMatchObject({ step: 1, provider: 'google-ai-studio' });
  });

  it('answers a repeated request from the cache: MISS then HIT', async () => {
    const aigateway = t.gateway({ gateway: 'cached', apiKey: undefined });
    const first = await generateText({ model: aigateway(openai.chat('gpt-5-mini')), prompt: 'cache me' });
    const second = await generateText({ model: aigateway(openai.chat('gpt-5-mini')), prompt: 'cache me' });
    expect(first.providerMetadata?.aigateway?.cacheStatus).toBe('MISS');
    expect(second.providerMetadata?.aigateway?.cacheStatus).toBe('HIT');
    expect(second.text).toBe(first.text);
    const skipped = await generateText({
      model: aigateway(openai.chat('gpt-5-mini')),
      prompt: 'cache me',
      providerOptions: { aigateway: { skipCache: true } },
    });
    expect(skipped.providerMetadata?.aigateway?.cacheStatus).not.toBe('HIT');
  });

  it('runs a multi-step tool loop', async () => {
    const result = await generateText({
      model: t.gateway()(openai.chat('gpt-5-mini')),
      prompt: 'Paris',
      tools: {
        weather: tool({
          description: 'Weather of a city',
          inputSchema: z.object({ city: z.string() }),
          execute: async ({ city }) => ({ city, temperature: 21 }),
        }),
      },
      stopWhen: stepCountIs(3),
    });
    expect(result.steps.length).toBe(2);
    expect(result.steps[0]!.toolCalls[0]).toMatchObject({ toolName: 'weather', input: { city: 'Paris' } });
    expect(result.text).toContain('Tool result:');
    expect(result.text).toContain('21');
  });

  it.each([
    ['openai responses', () => openai('gpt-5-mini')],
    ['anthropic', () => anthropic('claude-sonnet-4-5')],
    ['google', () => google('gemini-2.5-flash')],
  ])('streams a tool loop and structured output with %s', async (_name, model) => {
    const tools = {
      weather: tool({ description: 'Weather of a city', inputSchema: z.object({ city: z.string() }), execute: async ({ city }) => ({ city, temperature: 18 }) }),
    };
    const looped = streamText({ model: t.gateway()(model()), prompt: 'Oslo', tools, stopWhen: stepCountIs(3) });
    expect(await looped.text).toContain('18');
    expect((await looped.steps)[0]!.toolCalls[0]).toMatchObject({ toolName: 'weather', input: { city: 'Oslo' } });

    const structured = streamText({ model: t.gateway()(model()), prompt: 'Grace', output: Output.object({ schema: z.object({ name: z.string() }) }) });
    expect(await structured.output).toEqual({ name: 'Grace' });
  });

  it('produces structured output', async () => {
    const result = await generateText({
      model: t.gateway()(openai.chat('gpt-5-mini')),
      prompt: 'Ada',
      output: Output.object({ schema: z.object({ name: z.string(), age: z.number(), admin: z.boolean() }) }),
    });
    expect(result.output).toEqual({ name: 'Ada', age: 1, admin: true });
  });

  it('keeps a URL file part as a URL when every model can fetch it', async () => {
    const bodies: string[] = [];
    const aigateway = t.gateway({
      fetch: async (url, init) => {
        bodies.push(init?.body as string);
        return fetch(url, init);
      },
    });
    const result = await generateText({
      model: aigateway(openai.chat('gpt-5-mini')),
      messages: [{ role: 'user', content: [{ type: 'text', text: 'look' }, { type: 'image', image: new URL('https://example.com/cat.png') }] }],
    });
    expect(result.text).toBe(echoText('look'));
    expect(bodies[0]).toContain('https://example.com/cat.png');
  });

  it('keeps a URL file part as a URL when every model of a fallback list can fetch it, from the first list on and after', async () => {
    const bodies: string[] = [];
    const aigateway = t.gateway({
      fetch: async (url, init) => {
        bodies.push(typeof init?.body === 'string' ? init.body : new TextDecoder().decode(init?.body as Uint8Array));
        return fetch(url, init);
      },
    });
    const messages = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'look' }, { type: 'image' as const, image: new URL('https://example.com/cat.png') }] }];
    const list = () => aigateway([openai.chat('gpt-5-mini'), openai.chat('gpt-5')]);
    // The first fallback list of the process loads the combining code; the lists after it combine at once.
    const first = list();
    expect((await generateText({ model: first, messages })).text).toBe(echoText('look'));
    const later = list();
    const patterns = later.supportedUrls as Record<string, RegExp[]>;
    expect(typeof (patterns as { then?: unknown }).then).toBe('undefined');
    expect(patterns['image/*']!.some((p) => p.test('https://example.com/cat.png'))).toBe(true);
    expect((await generateText({ model: later, messages })).text).toBe(echoText('look'));
    // Both times one universal request with the URL in both steps (not a downloaded, inlined image).
    expect(bodies).toHaveLength(2);
    for (const body of bodies) expect(body.split('https://example.com/cat.png')).toHaveLength(3);
  });

  it('aborts a stream in the middle', async () => {
    const controller = new AbortController();
    const slow = createOpenAI({ apiKey: 'sk', headers: fault({ chunkDelayMs: 2_000 }) }).chat('gpt-5-mini');
    const result = streamText({ model: t.gateway()(slow), prompt: 'a b c d e f g h i j k l', abortSignal: controller.signal });
    const seen: string[] = [];
    const parts: string[] = [];
    for await (const part of result.fullStream) {
      parts.push(part.type);
      if (part.type === 'text-delta') {
        seen.push(part.text);
        if (seen.length === 1) controller.abort();
      }
    }
    // The stream ends at once with an abort part instead of the remaining deltas.
    expect(seen).toHaveLength(1);
    expect(parts.at(-1)).toBe('abort');
    // The gateway saw its client go away before the stream was complete.
    await expect.poll(() => t.emulator.calls.at(-1)?.status, { timeout: 60_000 }).toBe(200);
    expect(t.emulator.calls.at(-1)!.ms).toBeLessThan(2_000 * 11);
  });

  it('applies per-call options over the instance options, and per-leg options over both', async () => {
    const aigateway = t.gateway({ options: { metadata: { app: 'test' }, eventId: 'instance' } });
    await generateText({
      model: aigateway([{ model: openai.chat('gpt-5-mini'), options: { eventId: 'leg' } }]),
      prompt: 'x',
      providerOptions: { aigateway: { metadata: { user: 'u1' } } },
    });
    // The emulator records the log once the answer is out: wait for it (bounded).
    await expect.poll(() => t.emulator.logs.length, { timeout: 60_000 }).toBe(1);
    expect(t.emulator.logs[0]!.metadata).toEqual({ app: 'test', user: 'u1' });
    expect(t.emulator.calls[0]!.eventId).toBe('leg');
  });

  it('sends a single model to the provider-native path: the body as the provider built it, the options as headers', async () => {
    const sent: { url: string; headers: Headers; body: unknown }[] = [];
    const recording: typeof fetch = (input, init) => {
      sent.push({ url: input instanceof Request ? input.url : input instanceof URL ? input.href : input, headers: new Headers(init?.headers), body: init?.body });
      return fetch(input, init);
    };
    // What the same model sends on its own, for comparison.
    let ownBody: unknown;
    const own = createOpenAI({ apiKey: 'sk-openai-test', fetch: (_input, init) => ((ownBody = init?.body), Promise.reject(new Error('not sent'))) });
    await generateText({ model: own.chat('gpt-5-mini'), prompt: 'native body', maxRetries: 0 }).catch(() => undefined);

    const aigateway = t.gateway({ fetch: recording, options: { cacheTtl: 120, eventId: 'instance' } });
    const result = await generateText({
      model: aigateway({ model: openai.chat('gpt-5-mini'), options: { eventId: 'leg', skipCache: true } }),
      prompt: 'native body',
      providerOptions: { aigateway: { metadata: { user: 'u1' } } },
    });
    expect(result.text).toBe(echoText('native body'));
    expect(gatewayMetadata(result)).toMatchObject({ step: 0, provider: 'openai', steps: 1 });
    expect(gatewayMetadata(result)?.stepAssumed).toBeUndefined();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toMatch(/\/emulator-gateway\/openai\/chat\/completions$/);
    expect(typeof sent[0]!.body).toBe('string');
    expect(sent[0]!.body).toBe(ownBody);
    expect(Object.fromEntries([...sent[0]!.headers].filter(([name]) => name.startsWith('cf-aig-') && name !== 'cf-aig-authorization'))).toEqual({
      'cf-aig-cache-ttl': '120',
      'cf-aig-event-id': 'leg',
      'cf-aig-skip-cache': 'true',
      'cf-aig-metadata': '{"user":"u1"}',
    });
    expect(sent[0]!.headers.get('authorization')).toBe('Bearer sk-openai-test');
    expect(t.emulator.calls.at(-1)).toMatchObject({ kind: 'provider', eventId: 'leg', status: 200 });
  });
});

describe('through the Workers binding', () => {
  it('generates and streams with fallback, as createAiGateway({ binding: env.AI.gateway(id) })', async () => {
    const aigateway = createAiGateway({ binding: t.emulator.binding('emulator-gateway'), options: { metadata: { via: 'binding' } } });
    const failing = createOpenAI({ apiKey: 'sk', headers: fault({ status: 500 }) }).chat('gpt-5-mini');
    const result = await generateText({ model: aigateway([failing, anthropic('claude-sonnet-4-5')]), prompt: 'over the binding' });
    expect(result.text).toBe(echoText('over the binding'));
    expect(gatewayMetadata(result)).toMatchObject({ step: 1, provider: 'anthropic' });
    const streamed = streamText({ model: aigateway(google('gemini-2.5-flash')), prompt: 'binding stream' });
    expect(await streamed.text).toBe(echoText('binding stream'));
  });

  it('turns the error the binding throws into the typed error', async () => {
    const aigateway = createAiGateway({ binding: t.emulator.binding('emulator-gateway') });
    const model = createOpenAI({ apiKey: 'sk', headers: fault({ gatewayError: 2021 }) }).chat('gpt-5-mini');
    await expect(generateText({ model: aigateway(model), prompt: 'x' })).rejects.toSatisfy((e) => AiGatewayInsufficientCreditsError.isInstance(e));
  });
});

describe('the binding transport is loaded only for a binding', () => {
  it('reports a bad binding when the instance is made, as the typed error, with nothing sent', () => {
    const before = t.emulator.calls.length;
    // Taken for env.AI (it has gateway(id)), whose gateway has no run method.
    expect(() => createAiGateway({ binding: { gateway: () => ({}) } as never })).toThrow(
      expect.objectContaining({ option: 'binding', message: expect.stringMatching(/gateway\("default"\) has no run method/) as unknown }),
    );
    expect(() => createAiGateway({ binding: { getUrl: () => Promise.resolve('') } as never })).toThrow(expect.objectContaining({ option: 'binding' }));
    expect(t.emulator.calls.length).toBe(before);
  });

  it('an HTTP-only app never loads @aigw/transport-binding; one with a binding does', () => {
    // A child process that logs every module it resolves while creating a gateway.
    const script = (settings: string) => `
      import { registerHooks } from 'node:module';
      const seen = [];
      registerHooks({ resolve(specifier, context, next) { const result = next(specifier, context); seen.push(result.url); return result; } });
      const { createAiGateway } = await import('ai-gateway-provider');
      const gateway = createAiGateway(${settings});
      await new Promise((resolve) => setTimeout(resolve, 0));
      process.stdout.write(JSON.stringify(seen.filter((url) => url.includes('transport-'))));`;
    const resolved = (settings: string) =>
      JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script(settings)], { cwd: new URL('..', import.meta.url), encoding: 'utf8' })) as string[];
    const http = resolved("{ accountId: 'acct', gateway: 'gw' }");
    expect(http.some((url) => url.includes('transport-http'))).toBe(true);
    expect(http.some((url) => url.includes('transport-binding'))).toBe(false);
    expect(resolved('{ binding: { run: async () => new Response() } }').some((url) => url.includes('transport-binding'))).toBe(true);
  });
});

describe('errors before and after sending', () => {
  it('rejects invalid options before any request is sent', async () => {
    const before = t.emulator.calls.length;
    expect(() => t.gateway({ options: { retries: { maxAttempts: 9 as 1 } } })).toThrow(AiGatewayInvalidOptionsError);
    await expect(
      generateText({ model: t.gateway()(openai.chat('m')), prompt: 'x', providerOptions: { aigateway: { cacheTtl: -5 } }, maxRetries: 0 }),
    ).rejects.toThrow(/providerOptions\.aigateway\.cacheTtl/);
    expect(() => t.gateway()([])).toThrow(/empty list/);
    expect(t.emulator.calls.length).toBe(before);
  });

  it('names a model the gateway cannot route', async () => {
    const custom = createOpenAI({ apiKey: 'sk', baseURL: 'https://llm.internal.example/v1' }).chat('internal-model');
    await expect(generateText({ model: t.gateway()(custom), prompt: 'x', maxRetries: 0 })).rejects.toSatisfy(
      (e) => AiGatewayUnroutableModelError.isInstance(e) && /llm\.internal\.example/.test((e as Error).message),
    );
    // With a route for its host, the same model goes to the gateway as the custom provider `custom-internal`.
    const routed = t.gateway({ providers: [{ provider: 'custom-internal', url: /^https:\/\/llm\.internal\.example\/v1\// }] });
    const result = await generateText({ model: routed(custom), prompt: 'to my own llm' });
    expect(result.text).toBe(echoText('to my own llm'));
    expect(gatewayMetadata(result)).toMatchObject({ provider: 'custom-internal', modelId: 'internal-model' });
    expect(t.emulator.calls.at(-1)!.attempts[0]).toMatchObject({ provider: 'custom-internal', endpoint: 'chat/completions' });
  });

  it('maps a missing gateway and a missing token to typed errors that are not retried', async () => {
    await expect(generateText({ model: t.gateway({ gateway: 'nope' })(openai.chat('m')), prompt: 'x' })).rejects.toSatisfy(
      (e) => AiGatewayDoesNotExist.isInstance(e) && (e as Error).message.includes('"nope"'),
    );
    const before = t.emulator.calls.length;
    await expect(generateText({ model: t.gateway({ apiKey: undefined })(openai.chat('m')), prompt: 'x' })).rejects.toSatisfy((e) =>
      AiGatewayUnauthorizedError.isInstance(e),
    );
    expect(t.emulator.calls.length).toBe(before + 1);
  });

  it('reads the settings from the environment', () => {
    process.env.CLOUDFLARE_ACCOUNT_ID = 'env-account';
    process.env.CLOUDFLARE_AI_GATEWAY_ID = 'env-gateway';
    try {
      expect(createAiGateway().transport.name).toBe('http');
    } finally {
      delete process.env.CLOUDFLARE_ACCOUNT_ID;
      delete process.env.CLOUDFLARE_AI_GATEWAY_ID;
    }
    expect(() => createAiGateway()).toThrow(/CLOUDFLARE_ACCOUNT_ID/);
  });
});

describe('isolation', () => {
  it('leaves a wrapped model working directly with its own fetch', async () => {
    const direct: string[] = [];
    const own = createOpenAI({
      apiKey: 'sk',
      fetch: async (url) => {
        direct.push((url as string));
        return Response.json({ id: 'x', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'direct answer' }, finish_reason: 'stop' }] });
      },
    }).chat('gpt-5-mini');
    const wrapped = t.gateway()(own);
    expect((await generateText({ model: wrapped, prompt: 'via gateway' })).text).toBe(echoText('via gateway'));
    expect((await generateText({ model: own, prompt: 'direct' })).text).toBe('direct answer');
    expect(direct).toEqual(['https://api.openai.com/v1/chat/completions']);
  });
});
