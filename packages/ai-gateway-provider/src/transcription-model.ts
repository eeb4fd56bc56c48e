import type { TranscriptionModelV4, TranscriptionModelV4CallOptions } from '@ai-sdk/provider';
import { AiGatewayModelBase } from './gateway-model';

/**
 * A transcription model that sends every call through AI Gateway. One model: an audio upload
 * cannot travel in a universal (fallback) request, so it goes to the provider-native path.
 */
export class AiGatewayTranscriptionModel extends AiGatewayModelBase implements TranscriptionModelV4 {
  doGenerate(options: TranscriptionModelV4CallOptions): ReturnType<TranscriptionModelV4['doGenerate']> {
    return this.send('doGenerate', options);
  }
}
