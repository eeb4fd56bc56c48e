import type { TranscriptionModelV4, TranscriptionModelV4CallOptions } from '@ai-sdk/provider';
import type { AiGatewayModels } from './create-ai-gateway';
import { AiGatewayModelBase, type GatewayModelCore } from './gateway-model';
import type { OneGeneration, SpecificationOf, TranscriptionModelLike } from './model-types';
import type { AiGatewaySettings } from './settings';

/**
 * A transcription model that sends every call through AI Gateway: the specification
 * (`TranscriptionModelV2`, `V3` or `V4`) of the models `M` it wraps. An audio upload cannot travel
 * in a universal (fallback) request: a list of such models is refused before sending.
 */
export type AiGatewayTranscriptionModel<M extends TranscriptionModelLike = TranscriptionModelLike> = SpecificationOf<M, 'transcription'>;

/** `new AiGatewayTranscriptionModel(models, settings)`. */
export interface AiGatewayTranscriptionModelConstructor {
  new <M extends TranscriptionModelLike>(models: AiGatewayModels<M>, settings: AiGatewaySettings): OneGeneration<M, AiGatewayTranscriptionModel<M>>;
}

class GatewayTranscriptionModel extends AiGatewayModelBase {
  constructor(models: unknown, settings?: AiGatewaySettings | GatewayModelCore) {
    super('transcription', models, settings);
  }

  doGenerate(options: TranscriptionModelV4CallOptions): ReturnType<TranscriptionModelV4['doGenerate']> {
    return this.send('doGenerate', options);
  }
}

/** The transcription model class: `new AiGatewayTranscriptionModel(models, settings)`, like `aigateway.transcriptionModel(models)`. */
export const AiGatewayTranscriptionModel = GatewayTranscriptionModel as unknown as AiGatewayTranscriptionModelConstructor;
