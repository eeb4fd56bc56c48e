import type { TranscriptionModelV4, TranscriptionModelV4CallOptions } from '@ai-sdk/provider';
import { withGatewayMetadata, type GatewayModelCore } from './gateway-model';

type TranscriptionResult = Awaited<ReturnType<TranscriptionModelV4['doGenerate']>>;

/** A transcription model that sends every call through AI Gateway (one model: an audio upload goes to the provider-native path). */
export class AiGatewayTranscriptionModel implements TranscriptionModelV4 {
  readonly specificationVersion = 'v4' as const;

  constructor(private readonly core: GatewayModelCore) {}

  get provider(): string {
    return this.core.provider;
  }

  get modelId(): string {
    return this.core.modelId;
  }

  async doGenerate(options: TranscriptionModelV4CallOptions): Promise<TranscriptionResult> {
    const { result, metadata } = await this.core.call<TranscriptionResult>('doGenerate', options as unknown as Record<string, unknown>);
    return withGatewayMetadata(result as TranscriptionResult & { providerMetadata?: Record<string, Record<string, unknown>> }, metadata) as TranscriptionResult;
  }
}
