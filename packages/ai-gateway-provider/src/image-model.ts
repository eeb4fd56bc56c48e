import type { ImageModelV4, ImageModelV4CallOptions, ImageModelV4Result } from '@ai-sdk/provider';
import { PROVIDER_OPTIONS_KEY, type GatewayModelCore } from './gateway-model';

/** An image model that sends every call through AI Gateway, with fallback across its models. */
export class AiGatewayImageModel implements ImageModelV4 {
  readonly specificationVersion = 'v4' as const;

  constructor(private readonly core: GatewayModelCore) {}

  get provider(): string {
    return this.core.provider;
  }

  get modelId(): string {
    return this.core.modelId;
  }

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
    const { result, metadata } = await this.core.call<ImageModelV4Result>('doGenerate', options as unknown as Record<string, unknown>);
    // generateImage keeps only the `images` array of a provider's metadata (one entry per image), so
    // the gateway metadata travels there, once per image of this call.
    const images = result.images.map(() => ({ ...metadata }));
    return { ...result, providerMetadata: { ...result.providerMetadata, [PROVIDER_OPTIONS_KEY]: { images, ...metadata } } };
  }
}
