import type { TranscriptionModelV4, TranscriptionModelV4CallOptions } from '@ai-sdk/provider';
import { AiGatewayModelBase, publicModelClass } from './gateway-model';
import type { AiGatewayModels, AiGatewayModelsWithIds, OneGeneration, SpecificationOf, TranscriptionModelLike } from './model-types';
import type { AiGatewayModelIds } from './model-ids';
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
  /** With model ids (AI SDK 7), expanded as `aigateway(...)` expands them. */
  new (models: AiGatewayModelsWithIds<TranscriptionModelV4, AiGatewayModelIds['transcription']>, settings: AiGatewaySettings): AiGatewayTranscriptionModel<TranscriptionModelV4>;
}

export class GatewayTranscriptionModel extends AiGatewayModelBase {
  doGenerate(options: TranscriptionModelV4CallOptions): ReturnType<TranscriptionModelV4['doGenerate']> {
    return this.send('doGenerate', options);
  }
}

/** The transcription model class: `new AiGatewayTranscriptionModel(models, settings)`, like `aigateway.transcriptionModel(models)`. */
export const AiGatewayTranscriptionModel = publicModelClass<AiGatewayTranscriptionModelConstructor>(GatewayTranscriptionModel, 'transcription');
