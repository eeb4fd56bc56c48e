import type { SharedV4Warning, SpeechModelV4, SpeechModelV4CallOptions, SpeechModelV4Result } from '@ai-sdk/provider';
import { fromBase64, missingPayload, record, WorkersAiRunModel, type WorkersAiRunAnswer } from './run-workers-ai';

/**
 * A Workers AI text-to-speech model (`@cf/deepgram/aura-2-en`, `@cf/myshell-ai/melotts`) on the run
 * route. Aura answers the audio bytes; MeloTTS answers `{ result: { audio: base64 } }`.
 */
export class WorkersAiSpeechModel extends WorkersAiRunModel implements SpeechModelV4 {
  async doGenerate(options: SpeechModelV4CallOptions): Promise<SpeechModelV4Result> {
    const warnings: SharedV4Warning[] = [];
    const input: Record<string, unknown> = /melotts/i.test(this.modelId) ? { prompt: options.text } : { text: options.text };
    if (options.voice !== undefined) input.speaker = options.voice;
    if (options.outputFormat !== undefined) input.encoding = options.outputFormat;
    if (options.language !== undefined) input.lang = options.language;
    for (const feature of ['instructions', 'speed'] as const) {
      if (options[feature] !== undefined) warnings.push({ type: 'unsupported', feature });
    }
    Object.assign(input, record(options.providerOptions?.['workers-ai']));
    const answer = await this.run(input, options);
    const audio = answer.bytes ?? audioOf(answer);
    return { audio, warnings, request: { body: input }, response: { timestamp: new Date(), modelId: this.modelId, headers: answer.headers } };
  }
}

function audioOf(answer: WorkersAiRunAnswer): Uint8Array {
  const audio = record(answer.result).audio;
  if (typeof audio !== 'string') throw missingPayload(answer, 'audio (no result.audio)');
  return fromBase64(audio);
}
