/**
 * Replicate's predictions API (`POST [v1/]models/{owner}/{name}/predictions`, `POST [v1/]predictions`
 * with a `version`, `GET [v1/]predictions/{id}`). A request with `Prefer: wait` (or `wait=N` with
 * N ≥ 2) gets the finished prediction; without it, or with `wait=1` (the simulated run takes longer
 * than a second), the prediction comes back `starting`, is `processing` on the first poll and
 * `succeeded` on the second. Outputs are URLs on `https://replicate.delivery/emulator/...`: public
 * assets a client downloads with its own fetch; `replicateAssetFor(url)` gives their bytes.
 */
import { isRecord, num, str, type CallContext } from './conversation.js';
import { FIXED_CREATED } from './deterministic.js';
import type { ProviderFamily } from './family.js';
import { imagePngFor } from './media.js';
import { jsonResponse } from './sse.js';
import type { UpstreamResponse } from './types.js';
import { UpstreamError } from './upstream-error.js';

/** The host of the simulated output files. */
export const REPLICATE_DELIVERY = 'https://replicate.delivery/emulator';
const API = 'https://api.replicate.com/v1';

interface Prediction {
  id: string;
  model: string;
  version: string;
  input: Record<string, unknown>;
  polls: number;
  finished: boolean;
}

const asBase64Url = (text: string) => btoa(unescape(encodeURIComponent(text))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64Url = (text: string) => decodeURIComponent(escape(atob(text.replace(/-/g, '+').replace(/_/g, '/'))));

/**
 * The bytes of a simulated output file (`{REPLICATE_DELIVERY}/{prompt as base64url}/out-{i}.png`):
 * the PNG the emulator's other image providers give for that prompt. Undefined for other URLs.
 */
export function replicateAssetFor(url: string): Uint8Array | undefined {
  const match = /^https:\/\/replicate\.delivery\/emulator\/([A-Za-z0-9_-]*)\/out-(\d+)\.png$/.exec(url);
  if (match === null) return undefined;
  return imagePngFor(fromBase64Url(match[1]!), Number(match[2]));
}

/** The Replicate provider; predictions are remembered per emulator so that polls can find them. */
export function replicateFamily(): ProviderFamily {
  const predictions = new Map<string, Prediction>();
  let next = 0;
  return {
    auth: 'bearer',
    unauthorizedMessage: 'Unauthenticated',
    methods: ['POST', 'GET'],
    error: (error) => (error.body !== undefined ? jsonResponse(error.status, error.body) : jsonResponse(error.status, { title: error.message, detail: error.message, status: error.status })),
    model: (path, json) => /^(?:v1\/)?models\/([^/]+\/[^/]+)\/predictions$/.exec(path)?.[1] ?? (isRecord(json) ? str(json.version) : undefined),
    route(context) {
      const path = context.path.replace(/^v1\//, '');
      const poll = /^predictions\/([a-z0-9]+)$/.exec(path);
      if (context.method === 'GET') {
        const prediction = poll ? predictions.get(poll[1]!) : undefined;
        if (prediction === undefined) return poll ? jsonResponse(404, { detail: 'Not found.', status: 404 }) : undefined;
        prediction.polls++;
        if (prediction.polls >= 2) prediction.finished = true;
        return jsonResponse(200, view(prediction, prediction.polls === 1 ? 'processing' : 'succeeded'));
      }
      const model = /^models\/([^/]+\/[^/]+)\/predictions$/.exec(path)?.[1];
      if (model === undefined && path !== 'predictions') return undefined;
      return create(context, model);
    },
  };

  function create(context: CallContext, model: string | undefined): UpstreamResponse {
    const body = isRecord(context.json) ? context.json : undefined;
    const input = body !== undefined && isRecord(body.input) ? body.input : undefined;
    if (input === undefined) throw new UpstreamError({ status: 422, message: '- input: Invalid type. Expected: object, given: null', body: { title: 'Input validation failed', detail: '- input: Invalid type. Expected: object, given: null', status: 422 } });
    const version = str(body?.version);
    if (model === undefined && version === undefined) throw new UpstreamError({ status: 422, message: 'version is required', body: { title: 'Invalid version or not permitted', detail: 'version is required', status: 422 } });
    const wait = /^wait(?:=(\d+))?$/.exec((context.headers.prefer ?? '').trim());
    const finished = wait !== null && (wait[1] === undefined || Number(wait[1]) >= 2);
    const id = `emu${(next++).toString(36)}${asBase64Url(str(input.prompt) ?? '').slice(0, 8).toLowerCase().replace(/[^a-z0-9]/g, '')}`;
    const prediction: Prediction = { id, model: model ?? 'emulator/versioned', version: version ?? 'emulator-version', input, polls: 0, finished };
    predictions.set(id, prediction);
    return jsonResponse(201, view(prediction, finished ? 'succeeded' : 'starting'));
  }
}

function view(prediction: Prediction, status: 'starting' | 'processing' | 'succeeded'): Record<string, unknown> {
  const count = Math.max(1, Math.min(4, num(prediction.input.num_outputs) ?? 1));
  const prompt = asBase64Url(str(prediction.input.prompt) ?? '');
  const output = status === 'succeeded' ? Array.from({ length: count }, (_, i) => `${REPLICATE_DELIVERY}/${prompt}/out-${i}.png`) : null;
  const created = new Date(FIXED_CREATED * 1000).toISOString();
  return {
    id: prediction.id,
    model: prediction.model,
    version: prediction.version,
    input: prediction.input,
    logs: '',
    output,
    data_removed: false,
    error: null,
    status,
    created_at: created,
    ...(status === 'succeeded' ? { started_at: created, completed_at: created, metrics: { predict_time: 1.5 } } : {}),
    urls: { get: `${API}/predictions/${prediction.id}`, cancel: `${API}/predictions/${prediction.id}/cancel`, web: `https://replicate.com/p/${prediction.id}` },
  };
}

