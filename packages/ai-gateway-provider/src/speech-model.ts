import type { SpeechModelV4, SpeechModelV4CallOptions } from '@ai-sdk/provider';
import { withGatewayMetadata, type GatewayModelCore } from './gateway-model';

type SpeechResult = Awaited<ReturnType<SpeechModelV4['doGenerate']>>;

/** A speech model that sends every call through AI Gateway, with fallback across its models. */
export class AiGatewaySpeechModel implements SpeechModelV4 {
  readonly specificationVersion = 'v4' as const;

  constructor(private readonly core: GatewayModelCore) {}

  get provider(): string {
    return this.core.provider;
  }

  get modelId(): string {
    return this.core.modelId;
  }

  async doGenerate(options: SpeechModelV4CallOptions): Promise<SpeechResult> {
    const { result, metadata } = await this.core.call<SpeechResult>('doGenerate', options as unknown as Record<string, unknown>);
    return withGatewayMetadata(result as SpeechResult & { providerMetadata?: Record<string, Record<string, unknown>> }, metadata) as SpeechResult;
  }
}
