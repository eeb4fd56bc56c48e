import type { ImageModelV4, ImageModelV4CallOptions, ImageModelV4Result } from '@ai-sdk/provider';
import type { AiGatewayModels } from './create-ai-gateway';
import { AiGatewayModelBase, PROVIDER_OPTIONS_KEY, smallest, type GatewayModelCore } from './gateway-model';
import type { ImageModelLike, OneGeneration, SpecificationOf } from './model-types';
import type { AiGatewaySettings } from './settings';

/**
 * An image model that sends every call through AI Gateway, with fallback across its models: the
 * specification (`ImageModelV2`, `V3` or `V4`) of the models `M` it wraps.
 */
export type AiGatewayImageModel<M extends ImageModelLike = ImageModelLike> = SpecificationOf<M, 'image'>;

/** `new AiGatewayImageModel(models, settings)`. */
export interface AiGatewayImageModelConstructor {
  new <M extends ImageModelLike>(models: AiGatewayModels<M>, settings: AiGatewaySettings): OneGeneration<M, AiGatewayImageModel<M>>;
}

/** False when one leg says false, true when every leg says true, otherwise unknown. */
const everyLeg = (all: unknown[]): boolean | undefined => (all.includes(false) ? false : all.every((v) => v === true) ? true : undefined);

class GatewayImageModel extends AiGatewayModelBase {
  constructor(models: unknown, settings?: AiGatewaySettings | GatewayModelCore) {
    super('image', models, settings);
  }

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
export const AiGatewayImageModel = GatewayImageModel as unknown as AiGatewayImageModelConstructor;
