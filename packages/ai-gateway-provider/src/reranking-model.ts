import type { RerankingModelV4, RerankingModelV4CallOptions } from '@ai-sdk/provider';
import type { AiGatewayModels } from './create-ai-gateway';
import { AiGatewayModelBase, type GatewayModelCore } from './gateway-model';
import type { OneGeneration, RerankingModelLike, SpecificationOf } from './model-types';
import type { AiGatewaySettings } from './settings';

/**
 * A reranking model that sends every call through AI Gateway, with fallback across its models: the
 * specification (`RerankingModelV3` or `V4`; AI SDK 5 has none) of the models `M` it wraps.
 */
export type AiGatewayRerankingModel<M extends RerankingModelLike = RerankingModelLike> = SpecificationOf<M, 'reranking'>;

/** `new AiGatewayRerankingModel(models, settings)`. */
export interface AiGatewayRerankingModelConstructor {
  new <M extends RerankingModelLike>(models: AiGatewayModels<M>, settings: AiGatewaySettings): OneGeneration<M, AiGatewayRerankingModel<M>>;
}

class GatewayRerankingModel extends AiGatewayModelBase {
  constructor(models: unknown, settings?: AiGatewaySettings | GatewayModelCore) {
    super('reranking', models, settings);
  }

  doRerank(options: RerankingModelV4CallOptions): ReturnType<RerankingModelV4['doRerank']> {
    return this.send('doRerank', options);
  }
}

/** The reranking model class: `new AiGatewayRerankingModel(models, settings)`, like `aigateway.rerankingModel(models)`. */
export const AiGatewayRerankingModel = GatewayRerankingModel as unknown as AiGatewayRerankingModelConstructor;
