import type { SpeechModelV4, SpeechModelV4CallOptions } from '@ai-sdk/provider';
import { AiGatewayModelBase, publicModelClass } from './gateway-model';
import type { AiGatewayModels, AiGatewayModelsWithIds, OneGeneration, SpecificationOf, SpeechModelLike } from './model-types';
import type { AiGatewayModelIds } from './model-ids';
import type { AiGatewaySettings } from './settings';

/**
 * A speech model that sends every call through AI Gateway, with fallback across its models: the
 * specification (`SpeechModelV2`, `V3` or `V4`) of the models `M` it wraps.
 */
export type AiGatewaySpeechModel<M extends SpeechModelLike = SpeechModelLike> = SpecificationOf<M, 'speech'>;

/** `new AiGatewaySpeechModel(models, settings)`. */
export interface AiGatewaySpeechModelConstructor {
  new <M extends SpeechModelLike>(models: AiGatewayModels<M>, settings: AiGatewaySettings): OneGeneration<M, AiGatewaySpeechModel<M>>;
  /** With model ids (AI SDK 7), expanded as `aigateway(...)` expands them. */
  new (models: AiGatewayModelsWithIds<SpeechModelV4, AiGatewayModelIds['speech']>, settings: AiGatewaySettings): AiGatewaySpeechModel<SpeechModelV4>;
}

export class GatewaySpeechModel extends AiGatewayModelBase {
  doGenerate(options: SpeechModelV4CallOptions): ReturnType<SpeechModelV4['doGenerate']> {
    return this.send('doGenerate', options);
  }
}

/** The speech model class: `new AiGatewaySpeechModel(models, settings)`, like `aigateway.speechModel(models)`. */
export const AiGatewaySpeechModel = publicModelClass<AiGatewaySpeechModelConstructor>(GatewaySpeechModel, 'speech');
