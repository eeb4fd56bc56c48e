import type { EmbeddingModelV4CallOptions, EmbeddingModelV4Result } from '@ai-sdk/provider';
import type { AiGatewayModels } from './create-ai-gateway';
import { AiGatewayModelBase, smallest, type GatewayModelCore } from './gateway-model';
import type { EmbeddingModelLike, OneGeneration, SpecificationOf } from './model-types';
import type { AiGatewaySettings } from './settings';

/**
 * An embedding model that sends every call through AI Gateway, with fallback across its models: the
 * specification (`EmbeddingModelV2`, `V3` or `V4`) of the models `M` it wraps.
 */
export type AiGatewayEmbeddingModel<M extends EmbeddingModelLike = EmbeddingModelLike> = SpecificationOf<M, 'embedding'>;

/** `new AiGatewayEmbeddingModel(models, settings)`. */
export interface AiGatewayEmbeddingModelConstructor {
  new <M extends EmbeddingModelLike>(models: AiGatewayModels<M>, settings: AiGatewaySettings): OneGeneration<M, AiGatewayEmbeddingModel<M>>;
}

class GatewayEmbeddingModel extends AiGatewayModelBase {
  constructor(models: unknown, settings?: AiGatewaySettings | GatewayModelCore) {
    super('embedding', models, settings);
  }

  /** The smallest limit of the fallback list, so that any model can take the batch. */
  get maxEmbeddingsPerCall(): PromiseLike<number | undefined> {
    return this.legValues('maxEmbeddingsPerCall').then(smallest);
  }

  get supportsParallelCalls(): PromiseLike<boolean> {
    return this.legValues('supportsParallelCalls').then((all) => all.every(Boolean));
  }

  doEmbed(options: EmbeddingModelV4CallOptions): Promise<EmbeddingModelV4Result> {
    return this.send('doEmbed', options);
  }
}

/** The embedding model class: `new AiGatewayEmbeddingModel(models, settings)`, like `aigateway.embeddingModel(models)`. */
export const AiGatewayEmbeddingModel = GatewayEmbeddingModel as unknown as AiGatewayEmbeddingModelConstructor;
