import type { RerankingModelV4, RerankingModelV4CallOptions } from '@ai-sdk/provider';
import { AiGatewayModelBase, publicModelClass } from './gateway-model';
import type { AiGatewayModels, AiGatewayModelsWithIds, OneGeneration, RerankingModelLike, SpecificationOf } from './model-types';
import type { AiGatewayModelIds } from './model-ids';
import type { AiGatewaySettings } from './settings';

/**
 * A reranking model that sends every call through AI Gateway, with fallback across its models: the
 * specification (`RerankingModelV3` or `V4`; AI SDK 5 has none) of the models `M` it wraps.
 */
export type AiGatewayRerankingModel<M extends RerankingModelLike = RerankingModelLike> = SpecificationOf<M, 'reranking'>;

/** `new AiGatewayRerankingModel(models, settings)`. */
export interface AiGatewayRerankingModelConstructor {
  new <M extends RerankingModelLike>(models: AiGatewayModels<M>, settings: AiGatewaySettings): OneGeneration<M, AiGatewayRerankingModel<M>>;
  /** With model ids (AI SDK 7), expanded as `aigateway(...)` expands them. */
  new (models: AiGatewayModelsWithIds<RerankingModelV4, AiGatewayModelIds['reranking']>, settings: AiGatewaySettings): AiGatewayRerankingModel<RerankingModelV4>;
}

export class GatewayRerankingModel extends AiGatewayModelBase {
  doRerank(options: RerankingModelV4CallOptions): ReturnType<RerankingModelV4['doRerank']> {
    return this.send('doRerank', options);
  }
}

/** The reranking model class: `new AiGatewayRerankingModel(models, settings)`, like `aigateway.rerankingModel(models)`. */
export const AiGatewayRerankingModel = publicModelClass<AiGatewayRerankingModelConstructor>(GatewayRerankingModel, 'reranking');
