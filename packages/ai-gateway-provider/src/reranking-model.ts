import type { RerankingModelV4, RerankingModelV4CallOptions } from '@ai-sdk/provider';
import { withGatewayMetadata, type GatewayModelCore } from './gateway-model';

type RerankingResult = Awaited<ReturnType<RerankingModelV4['doRerank']>>;

/** A reranking model that sends every call through AI Gateway, with fallback across its models. */
export class AiGatewayRerankingModel implements RerankingModelV4 {
  readonly specificationVersion = 'v4' as const;

  constructor(private readonly core: GatewayModelCore) {}

  get provider(): string {
    return this.core.provider;
  }

  get modelId(): string {
    return this.core.modelId;
  }

  async doRerank(options: RerankingModelV4CallOptions): Promise<RerankingResult> {
    const { result, metadata } = await this.core.call<RerankingResult>('doRerank', options as unknown as Record<string, unknown>);
    return withGatewayMetadata(result as RerankingResult & { providerMetadata?: Record<string, Record<string, unknown>> }, metadata) as RerankingResult;
  }
}
