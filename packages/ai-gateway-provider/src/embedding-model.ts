import type { EmbeddingModelV4, EmbeddingModelV4CallOptions, EmbeddingModelV4Result } from '@ai-sdk/provider';
import { withGatewayMetadata, type GatewayModelCore } from './gateway-model';

/** An embedding model that sends every call through AI Gateway, with fallback across its models. */
export class AiGatewayEmbeddingModel implements EmbeddingModelV4 {
  readonly specificationVersion = 'v4' as const;

  constructor(private readonly core: GatewayModelCore) {}

  get provider(): string {
    return this.core.provider;
  }

  get modelId(): string {
    return this.core.modelId;
  }

  /** The smallest limit of the fallback list, so that any model can take the batch. */
  get maxEmbeddingsPerCall(): PromiseLike<number | undefined> {
    return Promise.all(this.core.legs.map((l) => (l.model as EmbeddingModelV4).maxEmbeddingsPerCall)).then((limits) => {
      const known = limits.filter((n): n is number => typeof n === 'number');
      return known.length > 0 ? Math.min(...known) : undefined;
    });
  }

  get supportsParallelCalls(): PromiseLike<boolean> {
    return Promise.all(this.core.legs.map((l) => (l.model as EmbeddingModelV4).supportsParallelCalls)).then((all) => all.every(Boolean));
  }

  async doEmbed(options: EmbeddingModelV4CallOptions): Promise<EmbeddingModelV4Result> {
    const { result, metadata } = await this.core.call<EmbeddingModelV4Result>('doEmbed', options as unknown as Record<string, unknown>);
    return withGatewayMetadata(result, metadata as never) as EmbeddingModelV4Result;
  }
}
