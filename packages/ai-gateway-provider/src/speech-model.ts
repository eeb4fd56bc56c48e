import type { SpeechModelV4, SpeechModelV4CallOptions } from '@ai-sdk/provider';
import type { AiGatewayModels } from './create-ai-gateway';
import { AiGatewayModelBase, type GatewayModelCore } from './gateway-model';
import type { OneGeneration, SpecificationOf, SpeechModelLike } from './model-types';
import type { AiGatewaySettings } from './settings';

/**
 * A speech model that sends every call through AI Gateway, with fallback across its models: the
 * specification (`SpeechModelV2`, `V3` or `V4`) of the models `M` it wraps.
 */
export type AiGatewaySpeechModel<M extends SpeechModelLike = SpeechModelLike> = SpecificationOf<M, 'speech'>;

/** `new AiGatewaySpeechModel(models, settings)`. */
export interface AiGatewaySpeechModelConstructor {
  new <M extends SpeechModelLike>(models: AiGatewayModels<M>, settings: AiGatewaySettings): OneGeneration<M, AiGatewaySpeechModel<M>>;
}

class GatewaySpeechModel extends AiGatewayModelBase {
  constructor(models: unknown, settings?: AiGatewaySettings | GatewayModelCore) {
    super('speech', models, settings);
  }

  doGenerate(options: SpeechModelV4CallOptions): ReturnType<SpeechModelV4['doGenerate']> {
    return this.send('doGenerate', options);
  }
}

/** The speech model class: `new AiGatewaySpeechModel(models, settings)`, like `aigateway.speechModel(models)`. */
export const AiGatewaySpeechModel = GatewaySpeechModel as unknown as AiGatewaySpeechModelConstructor;
