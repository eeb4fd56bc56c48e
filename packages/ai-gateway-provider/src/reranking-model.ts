import type { RerankingModelV4, RerankingModelV4CallOptions } from '@ai-sdk/provider';
import { AiGatewayModelBase } from './gateway-model';

/** A reranking model that sends every call through AI Gateway, with fallback across its models. */
export class AiGatewayRerankingModel extends AiGatewayModelBase implements RerankingModelV4 {
  doRerank(options: RerankingModelV4CallOptions): ReturnType<RerankingModelV4['doRerank']> {
    return this.send('doRerank', options);
  }
}
