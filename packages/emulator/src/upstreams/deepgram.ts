/**
 * Deepgram: speech to text (`POST v1/listen?model=…` with the raw audio as the body) and text to
 * speech (`POST v1/speak?model=aura-…` with `{ text }`, answered with the audio bytes).
 */
import { isRecord, str, type CallContext } from './conversation.js';
import type { ProviderFamily } from './family.js';
import { speechContentType, speechFor, transcriptFor } from './media.js';
import { jsonResponse } from './sse.js';
import type { UpstreamResponse } from './types.js';
import { UpstreamError } from './upstream-error.js';

export function deepgramFamily(): ProviderFamily {
  return {
    auth: 'token',
    unauthorizedMessage: 'Invalid credentials.',
    error: (error) =>
      error.body !== undefined ? jsonResponse(error.status, error.body) : jsonResponse(error.status, { err_code: error.status === 401 ? 'INVALID_AUTH' : 'Bad Request', err_msg: error.message, request_id: 'emulator' }),
    model: (_path, json) => (isRecord(json) ? str(json.model) : undefined),
    route(context) {
      const path = context.path.replace(/^v1\//, '');
      if (path === 'listen') return listen(context);
      if (path === 'speak') return speak(context);
      return undefined;
    },
  };
}

function listen(context: CallContext): UpstreamResponse {
  if (context.body.length === 0) throw new UpstreamError({ status: 400, message: 'Bad Request: failed to process audio: corrupt or unsupported data' });
  const text = transcriptFor(context.body);
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  return jsonResponse(200, {
    metadata: { request_id: 'emulator', model_info: {}, duration: Math.max(0.5, words.length * 0.5), channels: 1 },
    results: {
      channels: [
        {
          ...(context.query.get('detect_language') === 'true' ? { detected_language: 'en' } : {}),
          alternatives: [{ transcript: text, confidence: 0.99, words: words.map((word, i) => ({ word, start: i * 0.5, end: (i + 1) * 0.5, confidence: 0.99 })) }],
        },
      ],
    },
  });
}

function speak(context: CallContext): UpstreamResponse {
  const text = isRecord(context.json) ? str(context.json.text) : undefined;
  if (text === undefined) throw new UpstreamError({ status: 400, message: 'Bad Request: text is required' });
  const format = context.query.get('encoding') === 'linear16' ? 'wav' : (context.query.get('encoding') ?? 'mp3');
  return { status: 200, headers: { 'content-type': speechContentType(format), 'dg-model-name': context.query.get('model') ?? 'aura-2-thalia-en' }, body: speechFor(text, format) };
}
