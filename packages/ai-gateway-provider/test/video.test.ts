import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createReplicate } from '@ai-sdk/replicate';
import { videoAssetFor, videoMp4For } from '@aigw/emulator';
import { experimental_generateVideo as generateVideo, experimental_getVideoStatus as getVideoStatus, experimental_startVideo as startVideo } from 'ai';
import { describe, expect, it } from 'vitest';
import { AiGatewayInvalidOptionsError, AiGatewayOperationError, createAiGateway } from '../src';
import { fault, reply, useEmulator } from './helpers';

const t = useEmulator();

const GOOGLE_KEY = 'AIza-video-test-key';
const google = createGoogleGenerativeAI({ apiKey: GOOGLE_KEY });
const veo = () => google.video('veo-3.0-generate-001');
const operation = (spec: Record<string, unknown>) => reply({ operation: spec });
const fast = { intervalMs: 1, timeoutMs: 60_000 };

/** The AI SDK's download of a `url` video: Replicate's outputs are public assets, which this stands in for. */
function publicWeb() {
  const downloads: string[] = [];
  const download = async ({ url }: { url: URL }) => {
    downloads.push(url.href);
    const asset = videoAssetFor(url.href);
    if (asset === undefined) throw new Error(`not a public asset: ${url.href}`);
    return { data: asset, mediaType: 'video/mp4' };
  };
  return { download, downloads };
}

describe('Google Veo through the gateway', () => {
  it('generateVideo: the start, every poll and the download go through the gateway; the key never travels in a URL', async () => {
    const result = await generateVideo({ model: t.gateway().videoModel(veo()), prompt: 'a red kite', poll: fast, headers: operation({ polls: 2 }) });
    expect(result.video.uint8Array).toEqual(videoMp4For('a red kite', 0));
    expect(result.video.mediaType).toBe('video/mp4');
    const calls = t.emulator.calls;
    expect(calls.map((c) => [c.kind, c.method, c.status])).toEqual([
      ['provider', 'POST', 200],
      ['provider', 'GET', 200],
      ['provider', 'GET', 200],
      ['provider', 'GET', 200],
      ['provider', 'GET', 200],
    ]);
    expect(calls[0]!.attempts[0]).toMatchObject({ provider: 'google-ai-studio', endpoint: 'v1beta/models/veo-3.0-generate-001:predictLongRunning' });
    expect(calls[1]!.attempts[0]!.endpoint).toMatch(/^v1beta\/models\/veo-3\.0-generate-001\/operations\/emuvid0[0-9a-f]+$/);
    const download = calls[4]!;
    expect(download.attempts[0]!.endpoint).toMatch(/^v1beta\/files\/emuvid0[0-9a-f]+-0:download\?alt=media$/);
    expect(download.attempts[0]!.headers['x-goog-api-key']).toBe('[REDACTED]');
    for (const call of calls) expect(call.path).not.toContain(GOOGLE_KEY);
    // Metadata: the start's log id, the last poll's, and per video the download's.
    const gateway = result.providerMetadata.aigateway as Record<string, unknown> & { videos: { logId: string }[] };
    expect(gateway).toMatchObject({ startLogId: calls[0]!.logId, logId: calls[3]!.logId, step: 0, steps: 1, provider: 'google-ai-studio', modelId: 'veo-3.0-generate-001' });
    expect(gateway.videos).toHaveLength(1);
    expect(gateway.videos[0]!.logId).toBe(download.logId);
    // Each request is a log entry of its own, as the log viewer shows them; the video's bytes are logged as video/mp4.
    const logged = new Map(t.emulator.logs.map((entry) => [entry.id, entry]));
    expect(calls.map((c) => logged.get(c.logId)?.provider)).toEqual(Array(5).fill('google-ai-studio'));
    expect(logged.get(download.logId)).toMatchObject({ status_code: 200, response_content_type: 'video/mp4', response_size: videoMp4For('a red kite', 0).length });
    expect(logged.get(download.logId)!.path).not.toContain(GOOGLE_KEY);
  });

  it('the polls skip the gateway’s cache, so a cached "in progress" never comes back', async () => {
    const model = t.gateway({ options: { cacheTtl: 300 } }).videoModel(veo());
    const result = await generateVideo({ model, prompt: 'cached kite', poll: fast, headers: operation({ polls: 2 }) });
    expect(result.video.uint8Array).toEqual(videoMp4For('cached kite', 0));
    const polls = t.emulator.calls.filter((c) => c.attempts[0]!.endpoint.includes('/operations/'));
    expect(polls).toHaveLength(3);
    for (const poll of polls) expect(poll).toMatchObject({ cacheStatus: null, requestHeaders: expect.objectContaining({ 'cf-aig-skip-cache': 'true' }) });
  });

  it('over the Workers binding too', async () => {
    const aigateway = createAiGateway({ binding: t.emulator.binding() });
    const result = await generateVideo({ model: aigateway.videoModel(veo()), prompt: 'binding kite', n: 2, poll: fast, headers: operation({ polls: 1 }) });
    expect(result.videos.map((v) => v.uint8Array)).toEqual([videoMp4For('binding kite', 0), videoMp4For('binding kite', 1)]);
    expect(t.emulator.calls.map((c) => c.method)).toEqual(['POST', 'GET', 'GET', 'GET', 'GET']);
    expect((result.providerMetadata.aigateway as { videos: unknown[] }).videos).toHaveLength(2);
  });

  it('startVideo and getVideoStatus: pending with its own log id, then completed with the bytes', async () => {
    const model = t.gateway().videoModel(veo());
    const started = await startVideo({ model, prompt: 'two step', headers: operation({ polls: 1 }) });
    expect(started.operation).toMatchObject({ operationName: expect.stringMatching(/^models\/veo-3\.0-generate-001\/operations\//) });
    expect(started.providerMetadata?.aigateway).toMatchObject({ logId: t.emulator.calls[0]!.logId, startLogId: t.emulator.calls[0]!.logId });
    const pending = await getVideoStatus(model, { operation: started.operation });
    expect(pending.status).toBe('pending');
    expect(pending.providerMetadata?.aigateway).toMatchObject({ logId: t.emulator.calls[1]!.logId, step: 0 });
    const done = await getVideoStatus(model, { operation: started.operation });
    expect(done.status).toBe('completed');
    if (done.status !== 'completed') return;
    expect(done.videos).toEqual([{ type: 'binary', data: videoMp4For('two step', 0), mediaType: 'video/mp4' }]);
  });

  it('a failed operation throws AiGatewayOperationError (reason failed) with the provider’s words', async () => {
    const error = await generateVideo({ model: t.gateway().videoModel(veo()), prompt: 'x', poll: fast, headers: operation({ polls: 1, outcome: 'failed', error: 'the kite broke' }) }).catch((e: unknown) => e);
    expect(AiGatewayOperationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'failed', modelId: 'veo-3.0-generate-001', logId: t.emulator.calls[2]!.logId, isRetryable: false });
    expect((error as Error).message).toContain('the kite broke');
    expect(t.emulator.calls).toHaveLength(3);
  });

  it('an expired operation (404 on the poll) and an expired file (404 on the download) throw reason expired', async () => {
    const polled = await generateVideo({ model: t.gateway().videoModel(veo()), prompt: 'x', poll: fast, maxRetries: 0, headers: operation({ polls: 1, outcome: 'expired' }) }).catch((e: unknown) => e);
    expect(AiGatewayOperationError.isInstance(polled)).toBe(true);
    expect(polled).toMatchObject({ reason: 'expired', statusCode: 404, operation: { operationName: expect.any(String) } });
    t.emulator.reset();
    const file = await generateVideo({ model: t.gateway().videoModel(veo()), prompt: 'x', poll: fast, maxRetries: 0, headers: operation({ polls: 0, fileExpired: true }) }).catch((e: unknown) => e);
    expect(file).toMatchObject({ reason: 'expired', statusCode: 404, logId: t.emulator.calls.at(-1)!.logId });
    expect(t.emulator.calls.at(-1)!.attempts[0]!.endpoint).toContain(':download');
  });

  it('an abort while polling ends at once with the abort error, and no request follows', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const polling = generateVideo({
      model: t.gateway().videoModel(veo()),
      prompt: 'never done',
      abortSignal: controller.signal,
      headers: operation({ polls: 1000 }),
      poll: {
        intervalMs: 1,
        timeoutMs: 60_000,
        // Abort during the wait before the third poll; the AI SDK's own delay honours the signal.
        delay: async (ms, options) => {
          seen.push(t.emulator.calls.length);
          if (seen.length === 3) controller.abort(new Error('caller gave up'));
          if (options?.abortSignal?.aborted) throw options.abortSignal.reason;
          await new Promise((resolve) => setTimeout(resolve, ms));
        },
      },
    });
    await expect(polling).rejects.toThrow('caller gave up');
    const count = t.emulator.calls.length;
    expect(count).toBe(3);
    // Nothing is sent after the abort.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(t.emulator.calls.length).toBe(count);
  });

  it('an abort during a poll request reaches the transport and ends the call', async () => {
    const inner = t.gateway().transport;
    let held!: (signal: AbortSignal | undefined) => void;
    const pollHeld = new Promise<AbortSignal | undefined>((resolve) => (held = resolve));
    // The poll is held at the transport (a gateway that does not answer) until its signal aborts.
    const send: typeof inner.send = (request, options) => {
      if (request.steps[0]!.method !== 'GET') return inner.send(request, options);
      held(options?.signal);
      return new Promise((_, reject) => options?.signal?.addEventListener('abort', () => reject(options.signal!.reason as Error), { once: true }));
    };
    const model = createAiGateway({ transport: { ...inner, name: inner.name, gateway: inner.gateway, send } }).videoModel(veo());
    const started = await startVideo({ model, prompt: 'slow poll' });
    const controller = new AbortController();
    const poll = getVideoStatus(model, { operation: started.operation, abortSignal: controller.signal, maxRetries: 0 });
    const signal = await pollHeld;
    expect(signal?.aborted).toBe(false);
    controller.abort(new Error('stop polling'));
    await expect(poll).rejects.toThrow('stop polling');
    expect(signal?.aborted).toBe(true);
    expect(t.emulator.calls).toHaveLength(1);
  });

  it('a poll the gateway fails (an emulator fault) is retried by the AI SDK, and the operation goes on', async () => {
    const model = t.gateway().videoModel(veo());
    const started = await startVideo({ model, prompt: 'flaky poll', headers: operation({ polls: 0 }) });
    t.emulator.faults.set({ provider: 'google-ai-studio', status: 503, times: 1 });
    const done = await getVideoStatus(model, { operation: started.operation, maxRetries: 1 });
    expect(done.status).toBe('completed');
    expect(t.emulator.calls.map((c) => [c.method, c.status])).toEqual([
      ['POST', 200],
      ['GET', 503],
      ['GET', 200],
      ['GET', 200],
    ]);
    expect(t.emulator.calls[1]!.faults).toEqual([expect.stringContaining('status=503')]);
  });

  it('refuses hostile operation names before anything is sent', async () => {
    const model = t.gateway().videoModel(veo());
    for (const operationName of ['models/veo/operations/../../../v1/files/secret', 'models/veo/operations/a%2f..%2fb', 'files/abc', 'models/veo/operations/x?alt=media', 'https://evil.example/models/a/operations/b']) {
      const error = await getVideoStatus(model, { operation: { operationName }, maxRetries: 0 }).catch((e: unknown) => e);
      expect(AiGatewayInvalidOptionsError.isInstance(error), operationName).toBe(true);
      expect(error).toMatchObject({ option: 'operation.operationName' });
    }
    expect(t.emulator.calls).toHaveLength(0);
  });
});

describe('Replicate video through the gateway', () => {
  const replicate = createReplicate({ apiToken: 'r8_video_test' });

  it('generateVideo: prediction and polls through the gateway, the public output downloaded by the AI SDK', async () => {
    const web = publicWeb();
    const result = await generateVideo({ model: t.gateway().videoModel(replicate.video('minimax/video-01')), prompt: 'waves', poll: fast, download: web.download, headers: operation({ polls: 2 }) });
    expect(result.video.uint8Array).toEqual(videoMp4For('waves'));
    expect(web.downloads).toEqual([expect.stringMatching(/^https:\/\/replicate\.delivery\/emulator\/video\//)]);
    expect(t.emulator.calls.map((c) => [c.method, c.attempts[0]!.endpoint.replace(/emuvid\w+/, 'ID')])).toEqual([
      ['POST', 'models/minimax/video-01/predictions'],
      ['GET', 'predictions/ID'],
      ['GET', 'predictions/ID'],
      ['GET', 'predictions/ID'],
    ]);
    expect(t.emulator.calls[1]!.attempts[0]!.headers.authorization).toBe('[REDACTED]');
    expect(result.providerMetadata.aigateway).toMatchObject({ provider: 'replicate', startLogId: t.emulator.calls[0]!.logId, logId: t.emulator.calls[3]!.logId });
    expect(result.providerMetadata.replicate).toMatchObject({ predictionId: expect.stringMatching(/^emuvid/) });
  });

  it('a webhook: the start carries its URL, and the status is read once it is received', async () => {
    const web = publicWeb();
    let hook!: (value: { headers: Record<string, string>; body: { status: string } }) => void;
    const received = new Promise<{ headers: Record<string, string>; body: { status: string } }>((resolve) => (hook = resolve));
    const model = t.gateway().videoModel(replicate.video('minimax/video-01'));
    const video = generateVideo({
      model,
      prompt: 'hooked',
      download: web.download,
      headers: operation({ polls: 0 }),
      webhook: () => Promise.resolve({ url: 'https://app.example/hooks/video', received }),
    });
    await new Promise<void>((resolve) => {
      const check = () => (t.emulator.calls.length > 0 ? resolve() : setImmediate(check));
      check();
    });
    hook({ headers: {}, body: { status: 'succeeded' } });
    expect((await video).video.uint8Array).toEqual(videoMp4For('hooked'));
    const start = t.emulator.logs.find((entry) => entry.id === t.emulator.calls[0]!.logId)!;
    expect(start.request_head).toContain('"webhook":"https://app.example/hooks/video"');
    expect(t.emulator.calls.map((c) => c.method)).toEqual(['POST', 'GET']);
  });

  it('over the binding; a failure and an expiry are typed', async () => {
    const web = publicWeb();
    const aigateway = createAiGateway({ binding: t.emulator.binding() });
    const model = aigateway.videoModel(replicate.video('google/veo-3'));
    const ok = await generateVideo({ model, prompt: 'bound', poll: fast, download: web.download, headers: operation({ polls: 1 }) });
    expect(ok.video.uint8Array).toEqual(videoMp4For('bound'));
    const failed = await generateVideo({ model, prompt: 'x', poll: fast, headers: operation({ polls: 0, outcome: 'failed', error: 'NSFW' }) }).catch((e: unknown) => e);
    expect(failed).toMatchObject({ reason: 'failed', provider: 'replicate.video' });
    expect((failed as Error).message).toContain('NSFW');
    const expired = await generateVideo({ model, prompt: 'x', poll: fast, maxRetries: 0, headers: operation({ polls: 0, outcome: 'expired' }) }).catch((e: unknown) => e);
    expect(AiGatewayOperationError.isInstance(expired)).toBe(true);
    expect(expired).toMatchObject({ reason: 'expired', statusCode: 404 });
  });

  it('refuses a prediction URL off Replicate’s API or with a hostile id, before anything is sent', async () => {
    const model = t.gateway().videoModel(replicate.video('minimax/video-01'));
    for (const getUrl of ['https://evil.example/v1/predictions/abc', 'https://api.replicate.com/v1/predictions/..', 'https://api.replicate.com/v1/predictions/a%2f..', 'https://api.replicate.com/v1/models/x']) {
      const error = await getVideoStatus(model, { operation: { getUrl }, maxRetries: 0 }).catch((e: unknown) => e);
      expect(AiGatewayInvalidOptionsError.isInstance(error), getUrl).toBe(true);
      expect(error).toMatchObject({ option: 'operation.getUrl' });
    }
    expect(t.emulator.calls).toHaveLength(0);
  });
});

describe('fallback lists of video models', () => {
  const replicate = createReplicate({ apiToken: 'r8_video_test' });

  it('the start falls back on the gateway; the polls go to the leg that started it', async () => {
    const failingVeo = createGoogleGenerativeAI({ apiKey: GOOGLE_KEY, headers: fault({ status: 503 }) }).video('veo-3.0-generate-001');
    const web = publicWeb();
    const model = t.gateway().videoModel([failingVeo, replicate.video('minimax/video-01')]);
    const result = await generateVideo({ model, prompt: 'fallback', poll: fast, download: web.download, maxRetries: 0, headers: operation({ polls: 1 }) });
    expect(result.video.uint8Array).toEqual(videoMp4For('fallback'));
    expect(t.emulator.calls.map((c) => [c.kind, c.method, c.step])).toEqual([
      ['universal', 'POST', 1],
      ['provider', 'GET', 0],
      ['provider', 'GET', 0],
    ]);
    expect(t.emulator.calls[1]!.attempts[0]!.provider).toBe('replicate');
    expect(result.providerMetadata.aigateway).toMatchObject({ step: 1, steps: 2, modelId: 'minimax/video-01', provider: 'replicate' });
  });

  it('startVideo on a list gives { leg, modelId, operation }; getVideoStatus refuses one of another list', async () => {
    const model = t.gateway().videoModel([veo(), replicate.video('minimax/video-01')]);
    const started = await startVideo({ model, prompt: 'listed', headers: operation({ polls: 0 }) });
    expect(started.operation).toMatchObject({ leg: 0, modelId: 'veo-3.0-generate-001', operation: { operationName: expect.any(String) } });
    const done = await getVideoStatus(model, { operation: started.operation });
    expect(done.status).toBe('completed');
    for (const bad of [{ leg: 2, modelId: 'veo-3.0-generate-001', operation: {} }, { leg: 1, modelId: 'veo-3.0-generate-001', operation: {} }, started.operation && { operationName: 'x' }]) {
      const error = await getVideoStatus(model, { operation: bad, maxRetries: 0 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ option: 'operation' });
    }
  });

  it('refuses an entry that is not a video model when the wrapper is made', () => {
    expect(() => t.gateway().videoModel([veo(), google('gemini-2.5-flash') as never])).toThrow(/models\[1\].*is not a video model/s);
  });
});

/**
 * A video model with `doGenerate` only, which starts and polls on its own through its `config.fetch`
 * (as AI SDK 6's video models did): the wrapper sends its first request, core sends its polls as
 * follow-ups, and the wrapper downloads the result.
 */
class SelfPollingVeo {
  readonly specificationVersion = 'v4';
  readonly provider = 'test.self-polling-veo';
  readonly maxVideosPerCall = 1;
  constructor(
    readonly modelId: string,
    readonly config: { fetch: typeof globalThis.fetch; apiKey: string },
  ) {}

  async doGenerate(options: { prompt: string | undefined; headers?: Record<string, string | undefined>; abortSignal?: AbortSignal }) {
    const base = 'https://generativelanguage.googleapis.com/v1beta';
    const headers = { 'content-type': 'application/json', 'x-goog-api-key': this.config.apiKey, ...(options.headers as Record<string, string>) };
    const signal = options.abortSignal;
    const start = await this.config.fetch(`${base}/models/${this.modelId}:predictLongRunning`, { method: 'POST', headers, body: JSON.stringify({ instances: [{ prompt: options.prompt }] }), signal });
    const { name } = (await start.json()) as { name: string };
    // Gives up after 10 polls, as a provider's own poll loop does.
    for (let polls = 0; polls < 10; polls++) {
      const poll = await this.config.fetch(`${base}/${name}`, { headers, signal });
      const operation = (await poll.json()) as { done?: boolean; response: { generateVideoResponse: { generatedSamples: { video: { uri: string } }[] } } };
      if (operation.done !== true) continue;
      const videos = operation.response.generateVideoResponse.generatedSamples.map((s) => ({ type: 'url' as const, url: `${s.video.uri}&key=${this.config.apiKey}`, mediaType: 'video/mp4' }));
      return { videos, warnings: [], response: { timestamp: new Date(), modelId: this.modelId, headers: undefined } };
    }
    throw new Error('the operation did not finish after 10 polls');
  }
}

describe('a video model with doGenerate only', () => {
  it('its start, its own polls and its video all go through the gateway', async () => {
    const model = t.gateway().videoModel(new SelfPollingVeo('veo-2.0-generate-001', { fetch: globalThis.fetch, apiKey: GOOGLE_KEY }));
    const result = await generateVideo({ model, prompt: 'self polled', headers: operation({ polls: 2 }) });
    expect(result.video.uint8Array).toEqual(videoMp4For('self polled', 0));
    expect(t.emulator.calls.map((c) => [c.method, c.attempts[0]!.endpoint.replace(/emuvid\w+/, 'ID')])).toEqual([
      ['POST', 'v1beta/models/veo-2.0-generate-001:predictLongRunning'],
      ['GET', 'v1beta/models/veo-2.0-generate-001/operations/ID'],
      ['GET', 'v1beta/models/veo-2.0-generate-001/operations/ID'],
      ['GET', 'v1beta/models/veo-2.0-generate-001/operations/ID'],
      ['GET', 'v1beta/files/ID-0:download?alt=media'],
    ]);
    for (const call of t.emulator.calls) expect(call.path).not.toContain(GOOGLE_KEY);
    const gateway = result.providerMetadata.aigateway as { logId: string; videos: { logId: string }[] };
    expect(gateway.logId).toBe(t.emulator.calls[0]!.logId);
    expect(gateway.videos[0]!.logId).toBe(t.emulator.calls[4]!.logId);
  });

  it('with cacheTtl set, its own polls skip the gateway’s cache (core’s follow-ups), so they see the operation finish', async () => {
    const model = t.gateway({ options: { cacheTtl: 300 } }).videoModel(new SelfPollingVeo('veo-2.0-generate-001', { fetch: globalThis.fetch, apiKey: GOOGLE_KEY }));
    const result = await generateVideo({ model, prompt: 'self polled, cached', headers: operation({ polls: 2 }) });
    expect(result.video.uint8Array).toEqual(videoMp4For('self polled, cached', 0));
    const polls = t.emulator.calls.filter((c) => c.attempts[0]!.endpoint.includes('/operations/'));
    expect(polls).toHaveLength(3);
    for (const poll of polls) expect(poll).toMatchObject({ cacheStatus: null, requestHeaders: expect.objectContaining({ 'cf-aig-skip-cache': 'true', 'cf-aig-cache-ttl': '300' }) });
  });
});
