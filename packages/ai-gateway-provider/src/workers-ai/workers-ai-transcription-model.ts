import type { TranscriptionModelV4, TranscriptionModelV4CallOptions, TranscriptionModelV4Result } from '@ai-sdk/provider';
import { fromBase64, record, toBase64, WorkersAiRunModel } from './run-workers-ai';

/**
 * A Workers AI speech-to-text model (`@cf/openai/whisper-large-v3-turbo`, `@cf/openai/whisper`) on
 * the run route. The audio travels inside the JSON input (base64 for large-v3-turbo, a byte array
 * for the older whisper models), so unlike an upload it fits a universal (fallback) request.
 */
export class WorkersAiTranscriptionModel extends WorkersAiRunModel implements TranscriptionModelV4 {
  async doGenerate(options: TranscriptionModelV4CallOptions): Promise<TranscriptionModelV4Result> {
    const bytes = typeof options.audio === 'string' ? fromBase64(options.audio) : options.audio;
    const base64 = /large-v3-turbo/i.test(this.modelId);
    const input: Record<string, unknown> = { audio: base64 ? toBase64(bytes) : Array.from(bytes), ...record(options.providerOptions?.['workers-ai']) };
    const answer = await this.run(input, options);
    const result = record(answer.result);
    const words = Array.isArray(result.words) ? result.words.map(record) : [];
    const segments = Array.isArray(result.segments) ? result.segments.map(record) : [];
    const info = record(result.transcription_info);
    const timed = (list: Record<string, unknown>[], key: 'word' | 'text') =>
      list.map((w) => ({ text: typeof w[key] === 'string' ? w[key] : '', startSecond: Number(w.start ?? 0), endSecond: Number(w.end ?? 0) }));
    return {
      text: typeof result.text === 'string' ? result.text : '',
      segments: timed(segments, 'text'),
      ...(words.length > 0 ? { words: timed(words, 'word') } : {}),
      language: typeof info.language === 'string' ? info.language : undefined,
      durationInSeconds: typeof info.duration === 'number' ? info.duration : words.length > 0 ? Number(words.at(-1)!.end ?? 0) : undefined,
      warnings: [],
      response: { timestamp: new Date(), modelId: this.modelId, headers: answer.headers },
    };
  }
}
