import type { ImageModelV4, ImageModelV4CallOptions, ImageModelV4Result } from '@ai-sdk/provider';
import { AiGatewayModelBase, publicModelClass, smallest } from './gateway-model';
import { PROVIDER_OPTIONS_KEY, type AiGatewayModels, type AiGatewayModelsWithIds, type ImageModelLike, type OneGeneration, type SpecificationOf } from './model-types';
import type { AiGatewayModelIds } from './model-ids';
import type { AiGatewaySettings } from './settings';

/**
 * An image model that sends every call through AI Gateway, with fallback across its models: the
 * specification (`ImageModelV2`, `V3` or `V4`) of the models `M` it wraps.
 */
export type AiGatewayImageModel<M extends ImageModelLike = ImageModelLike> = SpecificationOf<M, 'image'>;

/** `new AiGatewayImageModel(models, settings)`. */
export interface AiGatewayImageModelConstructor {
  new <M extends ImageModelLike>(models: AiGatewayModels<M>, settings: AiGatewaySettings): OneGeneration<M, AiGatewayImageModel<M>>;
  /** With model ids (AI SDK 7), expanded as `aigateway(...)` expands them. */
  new (models: AiGatewayModelsWithIds<ImageModelV4, AiGatewayModelIds['image']>, settings: AiGatewaySettings): AiGatewayImageModel<ImageModelV4>;
}

/** False when one leg says false, true when every leg says true, otherwise unknown. */
const everyLeg = (all: unknown[]): boolean | undefined => (all.includes(false) ? false : all.every((v) => v === true) ? true : undefined);

export class GatewayImageModel extends AiGatewayModelBase {
  /** The smallest limit of the fallback list. */
  get maxImagesPerCall(): ImageModelV4['maxImagesPerCall'] {
    return smallest(this.core.legs.map((l) => (l.model as ImageModelV4).maxImagesPerCall));
  }

  /** Whether every model of the list takes input images (specification v4). */
  get supportsFileInputs(): PromiseLike<boolean | undefined> {
    return this.legValues('supportsFileInputs').then(everyLeg);
  }

  /** Whether every model of the list takes a mask (specification v4). */
  get supportsMaskInputs(): PromiseLike<boolean | undefined> {
    return this.legValues('supportsMaskInputs').then(everyLeg);
  }

  async doGenerate(options: ImageModelV4CallOptions): Promise<ImageModelV4Result> {
    const { result, metadata } = await this.core.call<ImageModelV4Result>('doGenerate', options);
    // generateImage keeps only the `images` array of a provider's metadata (one entry per image), so
    // the gateway metadata travels there, once per image of this call.
    const images = result.images.map(() => ({ ...metadata }));
    return { ...result, providerMetadata: { ...result.providerMetadata, [PROVIDER_OPTIONS_KEY]: { images, ...metadata } } };
  }
}

/** The image model class: `new AiGatewayImageModel(models, settings)`, like `aigateway.imageModel(models)`. */
export const AiGatewayImageModel = publicModelClass<AiGatewayImageModelConstructor>(GatewayImageModel, 'image');
