/**
 * Long-running video operations, added to two simulated providers:
 *
 * - Google AI Studio (Veo): `POST [v1beta/]models/{m}:predictLongRunning` answers `{name}`, an
 *   operation `models/{m}/operations/{id}`; `GET [v1beta/]models/{m}/operations/{id}` answers
 *   `{name, done: false, metadata: {progressPercent}}` while it runs and then `done: true` with
 *   `response.generateVideoResponse.generatedSamples[].video.uri` (or `error`); the URI is
 *   `https://generativelanguage.googleapis.com/v1beta/files/{file}:download?alt=media`, a file that
 *   needs the API key, served at `GET [v1beta/]files/{file}:download`.
 * - Replicate: a prediction of a video model (a model id that names a video family: `video`, `veo`,
 *   `kling`, `wan`, `hailuo`, `seedance`, `ltx`) starts `starting`, is `processing` while it runs and
 *   then `succeeded` with one `output` URL on `https://replicate.delivery/emulator/video/...` (a
 *   public asset, `videoAssetFor(url)` gives its bytes) or `failed` with `error`.
 *
 * How each operation goes is decided when it starts, by the start request's reply script
 * (`operation: {polls, outcome, error, fileExpired}`, header `x-emulator-reply` or the `reply`
 * option): `polls` answers "in progress" (default 1), then the outcome: `succeeded`, `failed`, or
 * `expired` (the operation is forgotten: 404 on that poll and after). Ids count per emulator, so a
 * run is deterministic.
 */
import { concatBytes, shortHash, utf8 } from './binary.js';
import { arr, isRecord, num, str, type CallContext } from './conversation.js';
import type { ProviderFamily } from './family.js';
import { jsonResponse } from './sse.js';
import type { UpstreamResponse, VideoOperationScript } from './types.js';
import { UpstreamError } from './upstream-error.js';

const GOOGLE_FILES = 'https://generativelanguage.googleapis.com/v1beta/files';
const REPLICATE_API = 'https://api.replicate.com/v1';
/** Where the simulated Replicate video outputs live (public assets). */
export const REPLICATE_VIDEO_DELIVERY = 'https://replicate.delivery/emulator/video';
const DEFAULT_FAILURE = 'The video could not be generated.';
const MAX_OPERATIONS = 10_000;

function u32be(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value >>> 0, false);
  return out;
}

function box(type: string, data: Uint8Array): Uint8Array {
  return concatBytes([u32be(8 + data.length), utf8(type), data]);
}

/**
 * The bytes of the simulated video `index` for `prompt`: an MP4 `ftyp` box (so it is recognised as
 * `video/mp4`) followed by a `free` box holding `${index}:${prompt}`.
 */
export function videoMp4For(prompt: string, index = 0): Uint8Array {
  const brands = concatBytes([utf8('isom'), u32be(0x200), utf8('isom'), utf8('mp42')]);
  return concatBytes([box('ftyp', brands), box('free', utf8(`${index}:${prompt}`))]);
}

const asBase64Url = (text: string) => btoa(unescape(encodeURIComponent(text))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64Url = (text: string) => decodeURIComponent(escape(atob(text.replace(/-/g, '+').replace(/_/g, '/'))));

/** The bytes of a simulated Replicate video output (`{REPLICATE_VIDEO_DELIVERY}/{prompt as base64url}/out.mp4`); undefined for other URLs. */
export function videoAssetFor(url: string): Uint8Array | undefined {
  const match = /^https:\/\/replicate\.delivery\/emulator\/video\/([A-Za-z0-9_-]*)\/out\.mp4$/.exec(url);
  return match === null ? undefined : videoMp4For(fromBase64Url(match[1]!), 0);
}

interface Operation {
  readonly prompt: string;
  readonly samples: number;
  readonly script: VideoOperationScript;
  polls: number;
}

type Phase = { state: 'running'; progress: number } | { state: 'succeeded' } | { state: 'failed'; message: string } | { state: 'expired' };

/** One poll of an operation: counts it and says where it stands. */
function poll(operation: Operation): Phase {
  operation.polls++;
  const running = operation.script.polls ?? 1;
  if (operation.polls <= running) return { state: 'running', progress: Math.floor((100 * operation.polls) / (running + 1)) };
  const outcome = operation.script.outcome ?? 'succeeded';
  if (outcome === 'failed') return { state: 'failed', message: operation.script.error ?? DEFAULT_FAILURE };
  return outcome === 'expired' ? { state: 'expired' } : { state: 'succeeded' };
}

/** The operations of one provider: bounded, so a long run cannot grow it without end. */
function operationStore() {
  const operations = new Map<string, Operation>();
  let next = 0;
  return {
    start(prompt: string, samples: number, script: VideoOperationScript | undefined): string {
      const id = `emuvid${(next++).toString(36)}${shortHash(prompt).slice(0, 6).toLowerCase()}`;
      if (operations.size >= MAX_OPERATIONS) operations.delete(operations.keys().next().value!);
      operations.set(id, { prompt, samples, script: script ?? {}, polls: 0 });
      return id;
    },
    get: (id: string) => operations.get(id),
    forget: (id: string) => operations.delete(id),
  };
}

const GOOGLE_START = /^(?:v1(?:beta)?\/)?models\/([^/:]+):predictLongRunning$/;
const GOOGLE_POLL = /^(?:v1(?:beta)?\/)?(models\/([^/:]+)\/operations\/([A-Za-z0-9_-]+))$/;
const GOOGLE_FILE = /^(?:v1(?:beta)?\/)?files\/([A-Za-z0-9_-]+)-(\d+):download$/;

/** Google AI Studio with Veo's long-running operations and their file downloads (GET added). */
export function withGoogleVideo(family: ProviderFamily): ProviderFamily {
  const store = operationStore();
  const notFound = (what: string) => new UpstreamError({ status: 404, message: `${what} not found.`, kind: 'not_found' });
  return {
    ...family,
    methods: ['POST', 'GET'],
    route(context) {
      if (context.method === 'POST') {
        const start = GOOGLE_START.exec(context.path);
        return start ? startGoogle(context, decodeURIComponent(start[1]!)) : family.route(context);
      }
      const polled = GOOGLE_POLL.exec(context.path);
      if (polled) return pollGoogle(polled[1]!, polled[3]!);
      const file = GOOGLE_FILE.exec(context.path);
      if (file) return downloadGoogle(file[1]!, Number(file[2]));
      return undefined;
    },
  };

  function startGoogle(context: CallContext, model: string): UpstreamResponse {
    const body = isRecord(context.json) ? context.json : undefined;
    const instance = arr(body?.instances)?.[0];
    if (!isRecord(instance) || (str(instance.prompt) === undefined && !isRecord(instance.image))) {
      throw new UpstreamError({ status: 400, message: 'instances[0] must have a prompt or an image.', kind: 'invalid_request' });
    }
    const parameters = isRecord(body?.parameters) ? body.parameters : {};
    const samples = Math.max(1, Math.min(4, num(parameters.sampleCount) ?? 1));
    const id = store.start(str(instance.prompt) ?? '', samples, context.script.operation);
    return jsonResponse(200, { name: `models/${model}/operations/${id}` });
  }

  function pollGoogle(name: string, id: string): UpstreamResponse {
    const operation = store.get(id);
    if (operation === undefined) throw notFound('Operation');
    const phase = poll(operation);
    switch (phase.state) {
      case 'running':
        return jsonResponse(200, { name, metadata: { progressPercent: phase.progress } });
      case 'expired':
        store.forget(id);
        throw notFound('Operation');
      case 'failed':
        return jsonResponse(200, { name, done: true, error: { code: 13, message: phase.message, status: 'INTERNAL' } });
      case 'succeeded': {
        const generatedSamples = Array.from({ length: operation.samples }, (_, i) => ({ video: { uri: `${GOOGLE_FILES}/${id}-${i}:download?alt=media` } }));
        return jsonResponse(200, {
          name,
          done: true,
          response: { '@type': 'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse', generateVideoResponse: { generatedSamples } },
        });
      }
    }
  }

  function downloadGoogle(id: string, index: number): UpstreamResponse {
    const operation = store.get(id);
    if (operation === undefined || operation.script.fileExpired === true || index >= operation.samples || operation.polls <= (operation.script.polls ?? 1)) throw notFound('File');
    return { status: 200, headers: { 'content-type': 'video/mp4' }, body: videoMp4For(operation.prompt, index) };
  }
}

const VIDEO_MODEL = /video|veo|kling|wan|hailuo|seedance|ltx/i;
const REPLICATE_START = /^(?:v1\/)?models\/([^/]+\/[^/]+)\/predictions$/;
const REPLICATE_POLL = /^(?:v1\/)?predictions\/([a-z0-9]+)$/;

/** Replicate with video predictions: models whose id names a video family; other predictions go to `family`. */
export function withReplicateVideo(family: ProviderFamily): ProviderFamily {
  const store = operationStore();
  const models = new Map<string, string>();
  return {
    ...family,
    route(context) {
      const start = context.method === 'POST' ? REPLICATE_START.exec(context.path) : null;
      if (start && VIDEO_MODEL.test(start[1]!)) return startReplicate(context, start[1]!);
      const polled = context.method === 'GET' ? REPLICATE_POLL.exec(context.path) : null;
      if (polled && models.has(polled[1]!)) return pollReplicate(polled[1]!);
      return family.route(context);
    },
  };

  function startReplicate(context: CallContext, model: string): UpstreamResponse {
    const input = isRecord(context.json) && isRecord(context.json.input) ? context.json.input : undefined;
    if (input === undefined) throw new UpstreamError({ status: 422, message: '- input: Invalid type. Expected: object, given: null', body: { title: 'Input validation failed', detail: '- input: Invalid type. Expected: object, given: null', status: 422 } });
    const id = store.start(str(input.prompt) ?? '', 1, context.script.operation).toLowerCase();
    models.set(id, model);
    return jsonResponse(201, prediction(id, input, 'starting'));
  }

  function pollReplicate(id: string): UpstreamResponse {
    const operation = store.get(id);
    if (operation === undefined) return jsonResponse(404, { detail: 'Not found.', status: 404 });
    const phase = poll(operation);
    const input = { prompt: operation.prompt };
    switch (phase.state) {
      case 'running':
        return jsonResponse(200, { ...prediction(id, input, 'processing'), logs: `${phase.progress}%` });
      case 'expired':
        store.forget(id);
        models.delete(id);
        return jsonResponse(404, { detail: 'Not found.', status: 404 });
      case 'failed':
        return jsonResponse(200, { ...prediction(id, input, 'failed'), error: phase.message });
      case 'succeeded':
        return jsonResponse(200, { ...prediction(id, input, 'succeeded'), output: `${REPLICATE_VIDEO_DELIVERY}/${asBase64Url(operation.prompt)}/out.mp4`, metrics: { predict_time: 42 } });
    }
  }

  function prediction(id: string, input: Record<string, unknown>, status: string): Record<string, unknown> {
    return {
      id,
      model: models.get(id),
      version: 'emulator-version',
      input,
      logs: '',
      output: null,
      data_removed: false,
      error: null,
      status,
      created_at: '2026-01-01T00:00:00.000Z',
      urls: { get: `${REPLICATE_API}/predictions/${id}`, cancel: `${REPLICATE_API}/predictions/${id}/cancel`, web: `https://replicate.com/p/${id}` },
    };
  }
}
