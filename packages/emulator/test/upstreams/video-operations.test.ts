import { describe, expect, it } from 'vitest';
import { createUpstreams, videoAssetFor, videoMp4For, type UpstreamResponse } from '../../src/upstreams/index.js';

const json = (r: UpstreamResponse) => JSON.parse(typeof r.body === 'string' ? r.body : new TextDecoder().decode(r.body as Uint8Array)) as Record<string, any>;

function client(provider: string, auth: Record<string, string>) {
  const upstreams = createUpstreams();
  return (method: string, endpoint: string, body?: unknown, headers: Record<string, string> = {}) =>
    upstreams.handle({
      provider,
      endpoint,
      method,
      headers: { 'content-type': 'application/json', ...auth, ...headers },
      body: body === undefined ? new Uint8Array(0) : new TextEncoder().encode(JSON.stringify(body)),
      byok: false,
      signal: new AbortController().signal,
    });
}

const script = (operation: Record<string, unknown>) => ({ 'x-emulator-reply': JSON.stringify({ operation }) });

describe('Google Veo operations', () => {
  const start = { instances: [{ prompt: 'a red kite' }], parameters: { sampleCount: 2 } };

  it('starts, runs for the scripted polls, then lists files that download with the key', async () => {
    const send = client('google-ai-studio', { 'x-goog-api-key': 'g-key' });
    const started = json(await send('POST', 'v1beta/models/veo-3.0-generate-001:predictLongRunning', start, script({ polls: 2 })));
    expect(started.name).toMatch(/^models\/veo-3\.0-generate-001\/operations\/emuvid0[0-9a-f]{6}$/);
    const first = json(await send('GET', `v1beta/${started.name}`));
    expect(first).toMatchObject({ name: started.name, metadata: { progressPercent: 33 } });
    expect(first.done).toBeUndefined();
    expect(json(await send('GET', `v1beta/${started.name}`)).metadata.progressPercent).toBe(66);
    const done = json(await send('GET', `v1beta/${started.name}`));
    const samples = done.response.generateVideoResponse.generatedSamples as { video: { uri: string } }[];
    expect(samples).toHaveLength(2);
    const file = new URL(samples[1]!.video.uri);
    expect(file.origin).toBe('https://generativelanguage.googleapis.com');
    const download = await send('GET', `${file.pathname.slice(1)}${file.search}`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('video/mp4');
    expect(download.body).toEqual(videoMp4For('a red kite', 1));
    const anonymous = await createUpstreams().handle({ provider: 'google-ai-studio', endpoint: `${file.pathname.slice(1)}${file.search}`, method: 'GET', headers: {}, body: new Uint8Array(0), byok: false, signal: new AbortController().signal });
    expect(anonymous.status).toBe(401);
  });

  it('fails with the scripted error, or expires (404) once its polls are used', async () => {
    const send = client('google-ai-studio', { 'x-goog-api-key': 'g-key' });
    const failing = json(await send('POST', 'v1beta/models/veo:predictLongRunning', start, script({ polls: 0, outcome: 'failed', error: 'no kites' })));
    expect(json(await send('GET', `v1beta/${failing.name}`))).toMatchObject({ done: true, error: { code: 13, message: 'no kites' } });
    const expiring = json(await send('POST', 'v1beta/models/veo:predictLongRunning', start, script({ polls: 1, outcome: 'expired' })));
    expect((await send('GET', `v1beta/${expiring.name}`)).status).toBe(200);
    const gone = await send('GET', `v1beta/${expiring.name}`);
    expect(gone.status).toBe(404);
    expect(json(gone).error.status).toBe('NOT_FOUND');
    expect((await send('GET', `v1beta/${expiring.name}`)).status).toBe(404);
  });

  it('refuses a bad script, an unknown operation and a file of an operation still running', async () => {
    const send = client('google-ai-studio', { 'x-goog-api-key': 'g-key' });
    expect((await send('POST', 'v1beta/models/veo:predictLongRunning', start, script({ outcome: 'maybe' }))).status).toBe(400);
    expect((await send('POST', 'v1beta/models/veo:predictLongRunning', { instances: [] })).status).toBe(400);
    expect((await send('GET', 'v1beta/models/veo/operations/nothere')).status).toBe(404);
    const running = json(await send('POST', 'v1beta/models/veo:predictLongRunning', start));
    const id = String(running.name).split('/').pop();
    expect((await send('GET', `v1beta/files/${id}-0:download?alt=media`)).status).toBe(404);
    expect((await send('GET', 'v1beta/models/gemini-2.5-flash:generateContent')).status).toBe(404);
  });
});

describe('Replicate video predictions', () => {
  it('run from starting through processing to one public mp4 output', async () => {
    const send = client('replicate', { authorization: 'Bearer r8_x' });
    const started = await send('POST', 'v1/models/minimax/video-01/predictions', { input: { prompt: 'waves' } }, script({ polls: 1 }));
    expect(started.status).toBe(201);
    const prediction = json(started);
    expect(prediction).toMatchObject({ status: 'starting', model: 'minimax/video-01' });
    expect(prediction.urls.get).toBe(`https://api.replicate.com/v1/predictions/${prediction.id}`);
    expect(json(await send('GET', `v1/predictions/${prediction.id}`)).status).toBe('processing');
    const done = json(await send('GET', `v1/predictions/${prediction.id}`));
    expect(done.status).toBe('succeeded');
    expect(videoAssetFor(done.output)).toEqual(videoMp4For('waves'));
  });

  it('fail or expire as scripted; image models keep their own predictions', async () => {
    const send = client('replicate', { authorization: 'Bearer r8_x' });
    const failing = json(await send('POST', 'models/google/veo-3/predictions', { input: { prompt: 'x' } }, script({ polls: 0, outcome: 'failed', error: 'NSFW' })));
    expect(json(await send('GET', `predictions/${failing.id}`))).toMatchObject({ status: 'failed', error: 'NSFW' });
    const expiring = json(await send('POST', 'models/google/veo-3/predictions', { input: { prompt: 'x' } }, script({ polls: 0, outcome: 'expired' })));
    expect((await send('GET', `predictions/${expiring.id}`)).status).toBe(404);
    const image = json(await send('POST', 'models/black-forest-labs/flux-schnell/predictions', { input: { prompt: 'x' } }));
    expect(json(await send('GET', `predictions/${image.id}`)).status).toBe('processing');
    expect(json(await send('GET', `predictions/${image.id}`)).output).toEqual([expect.stringMatching(/^https:\/\/replicate\.delivery\/emulator\/.*\/out-0\.png$/)]);
  });
});
