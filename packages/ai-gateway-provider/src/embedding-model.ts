import type { EmbeddingModelV4, EmbeddingModelV4CallOptions, EmbeddingModelV4Result } from '@ai-sdk/provider';
import { AiGatewayModelBase } from './gateway-model';

/** An embedding model that sends every call through AI Gateway, with fallback across its models. */
export class AiGatewayEmbeddingModel extends AiGatewayModelBase implements EmbeddingModelV4 {
  private get models(): EmbeddingModelV4[] {
    return this.core.legs.map((l) => l.model as EmbeddingModelV4);
  }

  /** The smallest limit of the fallback list, so that any model can take the batch. */
  get maxEmbeddingsPerCall(): PromiseLike<number | undefined> {
    return Promise.all(this.models.map(async (m) => m.maxEmbeddingsPerCall)).then((limits) => {
      const known = limits.filter((n): n is number => typeof n === 'number');
      return known.length > 0 ? Math.min(...known) : undefined;
    });
  }

  get supportsParallelCalls(): PromiseLike<boolean> {
    return Promise.all(this.models.map(async (m) => m.supportsParallelCalls)).then((all) => all.every(Boolean));
  }

  doEmbed(options: EmbeddingModelV4CallOptions): Promise<EmbeddingModelV4Result> {
    return this.send('doEmbed', options);
  }
}
