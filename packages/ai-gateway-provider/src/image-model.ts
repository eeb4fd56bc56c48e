import type { ImageModelV4, ImageModelV4CallOptions, ImageModelV4Result } from '@ai-sdk/provider';
import { AiGatewayModelBase, PROVIDER_OPTIONS_KEY } from './gateway-model';

/** An image model that sends every call through AI Gateway, with fallback across its models. */
export class AiGatewayImageModel extends AiGatewayModelBase implements ImageModelV4 {
  /** The smallest limit of the fallback list. */
  get maxImagesPerCall(): ImageModelV4['maxImagesPerCall'] {
    const limits = this.core.legs.map((l) => {
      const m = l.model as ImageModelV4;
      return typeof m.maxImagesPerCall === 'function' ? undefined : m.maxImagesPerCall;
    });
    const known = limits.filter((n): n is number => typeof n === 'number');
    return known.length > 0 ? Math.min(...known) : undefined;
  }

  async doGenerate(options: ImageModelV4CallOptions): Promise<ImageModelV4Result> {
    const { result, metadata } = await this.core.call<ImageModelV4Result>('doGenerate', options);
    // generateImage keeps only the `images` array of a provider's metadata (one entry per image), so
    // the gateway metadata travels there, once per image of this call.
    const images = result.images.map(() => ({ ...metadata }));
    return { ...result, providerMetadata: { ...result.providerMetadata, [PROVIDER_OPTIONS_KEY]: { images, ...metadata } } };
  }
}
