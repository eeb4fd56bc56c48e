import type { EmbeddingModelV4, EmbeddingModelV4CallOptions, EmbeddingModelV4Result } from '@ai-sdk/provider';
import { AiGatewayModelBase, publicModelClass, smallest } from './gateway-model';
import type { AiGatewayModels, AiGatewayModelsWithIds, EmbeddingModelLike, OneGeneration, SpecificationOf } from './model-types';
import type { AiGatewayModelIds } from './model-ids';
import type { AiGatewaySettings } from './settings';

/**
 * An embedding model that sends every call through AI Gateway, with fallback across its models: the
 * specification (`EmbeddingModelV2`, `V3` or `V4`) of the models `M` it wraps.
 */
export type AiGatewayEmbeddingModel<M extends EmbeddingModelLike = EmbeddingModelLike> = SpecificationOf<M, 'embedding'>;

/** `new AiGatewayEmbeddingModel(models, settings)`. */
export interface AiGatewayEmbeddingModelConstructor {
  new <M extends EmbeddingModelLike>(models: AiGatewayModels<M>, settings: AiGatewaySettings): OneGeneration<M, AiGatewayEmbeddingModel<M>>;
  /** With model ids (AI SDK 7), expanded as `aigateway(...)` expands them. */
  new (models: AiGatewayModelsWithIds<EmbeddingModelV4, AiGatewayModelIds['embedding']>, settings: AiGatewaySettings): AiGatewayEmbeddingModel<EmbeddingModelV4>;
}

export class GatewayEmbeddingModel extends AiGatewayModelBase {
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
export const AiGatewayEmbeddingModel = publicModelClass<AiGatewayEmbeddingModelConstructor>(GatewayEmbeddingModel, 'embedding');
