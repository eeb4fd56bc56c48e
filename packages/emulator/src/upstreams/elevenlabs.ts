/**
 * ElevenLabs: text to speech (`POST v1/text-to-speech/{voiceId}` with `{ text, model_id }`,
 * answered with the audio bytes) and speech to text (`POST v1/speech-to-text`, multipart with `file`
 * and `model_id`).
 */
import { fromUtf8 } from './binary.js';
import { isRecord, str, type CallContext } from './conversation.js';
import type { ProviderFamily } from './family.js';
import { speechContentType, speechFor, transcriptFor } from './media.js';
import { multipartBoundary, parseMultipart } from './multipart.js';
import { jsonResponse } from './sse.js';
import type { UpstreamResponse } from './types.js';
import { UpstreamError } from './upstream-error.js';

export function elevenlabsFamily(): ProviderFamily {
  return {
    auth: 'elevenlabs',
    unauthorizedMessage: 'Missing xi-api-key header',
    error: (error) =>
      error.body !== undefined ? jsonResponse(error.status, error.body) : jsonResponse(error.status, { detail: { status: error.status === 401 ? 'invalid_api_key' : 'invalid_request', message: error.message } }),
    model: (_path, json) => (isRecord(json) ? str(json.model_id) : undefined),
    route(context) {
      const path = context.path.replace(/^v1\//, '');
      if (/^text-to-speech\/[^/]+$/.test(path)) return speak(context);
      if (path === 'speech-to-text') return transcribe(context);
      return undefined;
    },
  };
}

function speak(context: CallContext): UpstreamResponse {
  const text = isRecord(context.json) ? str(context.json.text) : undefined;
  if (text === undefined) throw new UpstreamError({ status: 422, message: 'Field required: text' });
  const format = (context.query.get('output_format') ?? 'mp3_44100_128').split('_')[0] ?? 'mp3';
  return { status: 200, headers: { 'content-type': speechContentType(format) }, body: speechFor(text, format) };
}

async function transcribe(context: CallContext): Promise<UpstreamResponse> {
  if (multipartBoundary(context.headers['content-type']) === undefined) throw new UpstreamError({ status: 422, message: 'Expected a multipart/form-data request body.' });
  const parts = await parseMultipart(context.body, context.headers['content-type'] ?? '');
  const file = parts.find((p) => p.name === 'file');
  if (file === undefined) throw new UpstreamError({ status: 422, message: 'Field required: file' });
  const model = parts.find((p) => p.name === 'model_id');
  if (model === undefined || fromUtf8(model.data).length === 0) throw new UpstreamError({ status: 422, message: 'Field required: model_id' });
  const text = transcriptFor(file.data);
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  return jsonResponse(200, {
    language_code: 'eng',
    language_probability: 0.99,
    text,
    words: words.flatMap((word, i) => [
      ...(i > 0 ? [{ text: ' ', type: 'spacing', start: i * 0.5, end: i * 0.5 }] : []),
      { text: word, type: 'word', start: i * 0.5, end: (i + 1) * 0.5 },
    ]),
  });
}
