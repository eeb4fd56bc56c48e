// A Veo video (`@ai-sdk/google`) through the gateway with the AI SDK's experimental_generateVideo,
// run inside workerd: through the emulator's double of env.AI.gateway(id), and over HTTP from
// workerd with createAiGateway({ accountId, gateway, apiKey, baseURL }). The gateway emulator runs in Node.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import * as bundled from '../.test-build/workers-ai-deps.mjs';
import type * as Deps from './workers-ai-deps';

// The packages as one esbuild bundle (see vitest.config.ts), typed by their source.
const { AiGatewayOperationError, createAiGateway, createGoogleGenerativeAI, emulatorBinding, experimental_generateVideo: generateVideo } = bundled as typeof Deps;

const GOOGLE_KEY = 'AIza-workerd-video-key';
const VEO = 'veo-3.0-generate-001';
const baseURL = env.AIGW_EMULATOR_URL as string;
/** As in a Worker: `env.AI.gateway('my-gateway')`, here the emulator's double of it (no token). */
const binding = () => emulatorBinding({ baseURL, gateway: 'my-gateway' });
const overBinding = () => createAiGateway({ binding: binding() });
const overHttp = () => createAiGateway({ accountId: env.AIGW_EMULATOR_ACCOUNT as string, gateway: 'my-gateway', apiKey: env.AIGW_EMULATOR_TOKEN as string, baseURL });
const veo = () => createGoogleGenerativeAI({ apiKey: GOOGLE_KEY }).video(VEO);
/** How the emulator's Veo operation goes (its reply script): `polls` answers "in progress", then the outcome. */
const operation = (spec: Record<string, unknown>) => ({ 'x-emulator-reply': JSON.stringify({ operation: spec }) });
const fast = { intervalMs: 1, timeoutMs: 60_000 };

/** The emulator's video for `prompt`: an MP4 (`ftyp` box first) whose last box holds `0:${prompt}`. */
function expectEmulatorVideo(bytes: Uint8Array, prompt: string) {
  expect(new TextDecoder().decode(bytes.slice(4, 8))).toBe('ftyp');
  expect(new TextDecoder().decode(bytes).endsWith(`0:${prompt}`)).toBe(true);
}

type VideoMetadata = { logId: string; startLogId: string; step: number; steps: number; provider: string; modelId: string; videos: { logId: string }[] };

describe('a Veo video through the gateway, inside workerd', () => {
  for (const [name, gateway] of [
    ['through the binding double', overBinding],
    ['over HTTP', overHttp],
  ] as const) {
    it(`${name}: the start, the polls and the download go through the gateway, with its metadata`, async () => {
      const prompt = `a kite in workerd, ${name}`;
      const result = await generateVideo({ model: gateway().videoModel(veo()), prompt, poll: fast, headers: operation({ polls: 2 }) });
      expect(result.video.mediaType).toBe('video/mp4');
      expectEmulatorVideo(result.video.uint8Array, prompt);

      const meta = result.providerMetadata.aigateway as VideoMetadata;
      expect(meta).toMatchObject({ step: 0, steps: 1, provider: 'google-ai-studio', modelId: VEO });
      expect(meta.videos).toHaveLength(1);
      // Three different requests: the start, the last poll, the download; each one the gateway logged.
      const ids = [meta.startLogId, meta.logId, meta.videos[0]!.logId];
      expect(new Set(ids).size).toBe(3);
      const [start, lastPoll, download] = await Promise.all(ids.map((id) => binding().getLog(id)));
      expect(start).toMatchObject({ provider: 'google-ai-studio', status_code: 200 });
      expect(start!.path).toMatch(/models\/veo-3\.0-generate-001:predictLongRunning$/);
      expect(lastPoll).toMatchObject({ provider: 'google-ai-studio', status_code: 200 });
      expect(lastPoll!.path).toMatch(/models\/veo-3\.0-generate-001\/operations\/emuvid/);
      expect(download).toMatchObject({ provider: 'google-ai-studio', status_code: 200, response_content_type: 'video/mp4', response_size: result.video.uint8Array.length });
      // The API key travels in a header, never in a URL the gateway logs.
      for (const entry of [start, lastPoll, download]) expect(entry!.path).not.toContain(GOOGLE_KEY);
    });
  }

  it('a failed operation throws AiGatewayOperationError (reason failed) with the provider’s words', async () => {
    const error = await generateVideo({ model: overBinding().videoModel(veo()), prompt: 'x', poll: fast, headers: operation({ polls: 1, outcome: 'failed', error: 'the kite broke in workerd' }) }).catch(
      (e: unknown) => e,
    );
    expect(AiGatewayOperationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'failed', modelId: VEO, isRetryable: false, logId: expect.any(String) });
    expect((error as Error).message).toContain('the kite broke in workerd');
    // The error's log id is the poll that reported the failure.
    const poll = await binding().getLog((error as { logId: string }).logId);
    expect(poll.path).toMatch(/models\/veo-3\.0-generate-001\/operations\/emuvid/);
  });
});
