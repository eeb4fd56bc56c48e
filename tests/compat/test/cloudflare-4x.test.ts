// Programs written for Cloudflare's ai-gateway-provider 4.x (AI SDK 7), and the types a user touches,
// as found by trying the READMEs as a new user would. Each case compiles (tsconfig.ai7.json) and runs.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnthropic } from '@ai-sdk/anthropic-v4';
import { createOpenAI } from '@ai-sdk/openai-v4';
import { AiGatewayCaptureError, AiGatewayInvalidOptionsError } from '@aigw/errors';
import { echoText } from '@aigw/emulator';
import {
  AiGatewayChatLanguageModel,
  aigatewayOptions,
  createAiGateway,
  type AiGatewayOptions,
  type AiGatewayProviderOptions,
  type AiGatewaySettings,
} from 'ai-gateway-provider';
import { generateText, transcribe } from 'ai-v7';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { lastHeader, useEmulator } from './helpers';

const t = useEmulator();
const openai = createOpenAI({ apiKey: 'sk-openai-test' });

describe('programs written for ai-gateway-provider 4.x', () => {
  it('metadata with a null value (4.x’s type allows it) compiles, and the null entry is not sent', async () => {
    const options: AiGatewayOptions = { cacheTtl: 60, metadata: { user: 'u-1', session: null } };
    const settings: AiGatewaySettings = { ...t.settings(), options };
    const aigateway = createAiGateway(settings);
    const result = await generateText({ model: aigateway(openai.chat('gpt-5-mini')), prompt: 'null metadata' });
    expect(result.text).toBe(echoText('null metadata'));
    // The gateway drops all metadata for one null value; the entry is left out instead.
    expect(lastHeader(t, 'cf-aig-metadata')).toBe('{"user":"u-1"}');
  });

  it('new AiGatewayChatLanguageModel(models, settings), 4.x’s constructor, compiles and runs', async () => {
    const model = new AiGatewayChatLanguageModel([openai.chat('gpt-5-mini'), openai.chat('gpt-5')], { ...t.settings(), options: { skipCache: true } });
    expect(model).toBeInstanceOf(AiGatewayChatLanguageModel);
    expect(model.modelId).toBe('gpt-5-mini');
    expect(model.models).toHaveLength(2);
    const result = await generateText({ model, prompt: 'constructor' });
    expect(result.text).toBe(echoText('constructor'));
    expect(lastHeader(t, 'cf-aig-skip-cache')).toBe('true');
  });

  it('a typed const of per-call options passes as providerOptions.aigateway', async () => {
    const options: AiGatewayProviderOptions = { cacheKey: 'k-1', metadata: { user: 'u-2' }, retries: { maxAttempts: 2, backoff: 'linear' } };
    await generateText({ model: t.gateway()(openai.chat('gpt-5-mini')), prompt: 'typed', providerOptions: { aigateway: options } });
    expect(lastHeader(t, 'cf-aig-cache-key')).toBe('k-1');
    expect(lastHeader(t, 'cf-aig-max-attempts')).toBe('2');
    expect(lastHeader(t, 'cf-aig-metadata')).toBe('{"user":"u-2"}');
  });

  it('bigint metadata, documented, type-checks per call through aigatewayOptions() and arrives as its decimal string', async () => {
    const options: AiGatewayOptions = { metadata: { orderId: 9_007_199_254_740_993n } };
    await generateText({ model: t.gateway()(openai.chat('gpt-5-mini')), prompt: 'bigint', providerOptions: { aigateway: aigatewayOptions(options) } });
    expect(lastHeader(t, 'cf-aig-metadata')).toBe('{"orderId":"9007199254740993"}');
    // A bad option is refused where the options are built, before any call.
    expect(() => aigatewayOptions({ cacheTtl: -1 })).toThrow(AiGatewayInvalidOptionsError);
  });

  it('transcriptionModel: a list of upload models, which its types accept, is refused before sending; one model transcribes', async () => {
    const aigateway = t.gateway();
    const before = t.emulator.calls.length;
    const list = aigateway.transcriptionModel([openai.transcription('whisper-1'), openai.transcription('gpt-4o-transcribe')]);
    const refused = await transcribe({ model: list, audio: new TextEncoder().encode('audio bytes') }).catch((e: unknown) => e);
    expect(AiGatewayInvalidOptionsError.isInstance(refused)).toBe(true);
    expect((refused as Error).message).toMatch(/provider-native path, which takes one model/);
    expect(t.emulator.calls.length).toBe(before);
    const one = aigateway.transcriptionModel([openai.transcription('whisper-1')]);
    const result = await transcribe({ model: one, audio: new TextEncoder().encode('audio bytes') });
    expect(result.text.length).toBeGreaterThan(0);
  });

  it('the capture error for a provider created without its API key says why, not only that it threw', async () => {
    vi.stubEnv('ANTHROPIC_API_KEY', undefined);
    try {
      const keyless = createAnthropic()('claude-sonnet-4-5');
      const error = await generateText({ model: t.gateway()(keyless), prompt: 'x', maxRetries: 0 }).catch((e: unknown) => e);
      expect(AiGatewayCaptureError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(/it threw while building its request: Anthropic API key is missing/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('providers/* sub-paths in an install without their vendor package', () => {
  // A folder holding ai-gateway-provider as npm installs it (its dist and manifest, its @aigw/*
  // dependencies) and no vendor package, so Node's own resolution decides what is missing.
  const app = mkdtempSync(join(tmpdir(), 'aigw-app-'));
  afterAll(() => rmSync(app, { recursive: true, force: true }));
  const packages = new URL('../../../packages/', import.meta.url).pathname;
  mkdirSync(join(app, 'node_modules', '@aigw'), { recursive: true });
  mkdirSync(join(app, 'node_modules', 'ai-gateway-provider'));
  cpSync(join(packages, 'ai-gateway-provider', 'dist'), join(app, 'node_modules', 'ai-gateway-provider', 'dist'), { recursive: true });
  cpSync(join(packages, 'ai-gateway-provider', 'package.json'), join(app, 'node_modules', 'ai-gateway-provider', 'package.json'));
  for (const dir of ['core', 'errors', 'transport-http', 'transport-binding']) symlinkSync(join(packages, dir), join(app, 'node_modules', '@aigw', dir), 'dir');

  const load = (subPath: string) =>
    JSON.parse(
      execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import(${JSON.stringify(`ai-gateway-provider/providers/${subPath}`)}).then(` +
            `(m) => console.log(JSON.stringify({ ok: Object.keys(m) })),` +
            `(e) => console.log(JSON.stringify({ name: e.name, message: e.message, packageName: e.packageName })))`,
        ],
        { cwd: app, encoding: 'utf8' },
      ),
    ) as { ok?: string[]; name?: string; message?: string; packageName?: string };

  it('xai: fails with a typed error naming @ai-sdk/xai and the major for each AI SDK', () => {
    const result = load('xai');
    expect(result.name).toBe('AI_AiGatewayMissingDependencyError');
    expect(result.packageName).toBe('@ai-sdk/xai');
    expect(result.message).toBe(
      'ai-gateway-provider/providers/xai needs the package @ai-sdk/xai (^2.0.0 for AI SDK 5, ^3.0.0 for AI SDK 6, ^4.0.0 || ^5.0.0 for AI SDK 7), which is not installed: npm install @ai-sdk/xai',
    );
  });

  it('unified: names @ai-sdk/openai-compatible, an optional peer; once it is installed the sub-path loads', () => {
    expect(load('unified')).toMatchObject({
      name: 'AI_AiGatewayMissingDependencyError',
      packageName: '@ai-sdk/openai-compatible',
      message:
        'ai-gateway-provider/providers/unified needs the package @ai-sdk/openai-compatible (^1.0.0 for AI SDK 5, ^2.0.0 for AI SDK 6, ^3.0.0 for AI SDK 7), which is not installed: npm install @ai-sdk/openai-compatible',
    });
    const installed = new URL('../../../packages/ai-gateway-provider/node_modules/@ai-sdk/openai-compatible', import.meta.url).pathname;
    mkdirSync(join(app, 'node_modules', '@ai-sdk'), { recursive: true });
    symlinkSync(installed, join(app, 'node_modules', '@ai-sdk', 'openai-compatible'), 'dir');
    expect(load('unified').ok).toEqual(expect.arrayContaining(['createUnified', 'unified']));
  });

  it('openai: names @ai-sdk/openai; once it is installed the sub-path loads', () => {
    expect(load('openai')).toMatchObject({ name: 'AI_AiGatewayMissingDependencyError', packageName: '@ai-sdk/openai' });
    mkdirSync(join(app, 'node_modules', '@ai-sdk'), { recursive: true });
    symlinkSync(new URL('../node_modules/@ai-sdk/openai-v4', import.meta.url).pathname, join(app, 'node_modules', '@ai-sdk', 'openai'), 'dir');
    expect(load('openai').ok).toEqual(['createOpenAI', 'openai']);
  });
});
