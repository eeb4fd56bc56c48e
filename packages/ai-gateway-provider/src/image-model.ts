import type { ImageModelV4, ImageModelV4CallOptions, ImageModelV4Result } from '@ai-sdk/provider';
import type { AiGatewayModels } from './create-ai-gateway';
import { AiGatewayModelBase, PROVIDER_OPTIONS_KEY, type GatewayModelCore } from './gateway-model';
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

type Capability = PromiseLike<boolean | undefined> | boolean | undefined;

/** False when one leg says false, true when every leg says true, otherwise unknown. */
async function everyLeg(values: readonly Capability[]): Promise<boolean | undefined> {
  const all = await Promise.all(values.map(async (v) => v));
  if (all.includes(false)) return false;
  return all.every((v) => v === true) ? true : undefined;
}

class GatewayImageModel extends AiGatewayModelBase {
  constructor(models: unknown, settings?: AiGatewaySettings | GatewayModelCore) {
    super('image', models, settings);
  }

  private get models(): ImageModelV4[] {
    return this.core.legs.map((l) => l.model as ImageModelV4);
  }

  /** The smallest limit of the fallback list. */
  get maxImagesPerCall(): ImageModelV4['maxImagesPerCall'] {
    const limits = this.models.map((m) => (typeof m.maxImagesPerCall === 'function' ? undefined : m.maxImagesPerCall));
    const known = limits.filter((n): n is number => typeof n === 'number');
    return known.length > 0 ? Math.min(...known) : undefined;
  }

  /** Whether every model of the list takes input images (specification v4). */
  get supportsFileInputs(): PromiseLike<boolean | undefined> {
    return everyLeg(this.models.map((m) => m.supportsFileInputs));
  }

  /** Whether every model of the list takes a mask (specification v4). */
  get supportsMaskInputs(): PromiseLike<boolean | undefined> {
    return everyLeg(this.models.map((m) => m.supportsMaskInputs));
  }

  async doGenerate(options: ImageModelV4CallOptions): Promise<ImageModelV4Result> {
    const { result, metadata } = await this.core.call<ImageModelV4Result>('doGenerate', options);
    // generateImage keeps only the `images` array of a provider's metadata (one entry per image), so
    // the gateway metadata travels there, once per image of this call.
    const images = result.images.map(() => ({ ...metadata }));
    return { ...result, providerMetadata: { ...result.providerMetadata, [PROVIDER_OPTIONS_KEY]: { images, ...metadata } } };
  }
}

export const AiGatewayImageModel = GatewayImageModel as unknown as AiGatewayImageModelConstructor;

/** Builds the wrapper for `createAiGateway`, sharing its transport. */
export const createImageModel = <M extends ImageModelLike>(core: GatewayModelCore) => new GatewayImageModel(undefined, core) as unknown as AiGatewayImageModel<M>;
