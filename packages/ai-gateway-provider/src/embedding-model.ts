import type { EmbeddingModelV4, EmbeddingModelV4CallOptions, EmbeddingModelV4Result } from '@ai-sdk/provider';
import type { AiGatewayModels } from './create-ai-gateway';
import { AiGatewayModelBase, type GatewayModelCore } from './gateway-model';
import type { EmbeddingModelLike, OneGeneration, SpecificationOf } from './model-types';
import type { AiGatewaySettings } from './settings';

/**
 * An embedding model that sends every call through AI Gateway, with fallback across its models: the
 * specification (`EmbeddingModelV2`, `V3` or `V4`) of the models `M` it wraps.
 */
export type AiGatewayEmbeddingModel<M extends EmbeddingModelLike = EmbeddingModelLike> = SpecificationOf<M, 'embedding'>;

/** `new AiGatewayEmbeddingModel(models, settings)`. */
export interface AiGatewayEmbeddingModelConstructor {
  new <M extends EmbeddingModelLike>(models: AiGatewayModels<M>, settings: AiGatewaySettings): OneGeneration<M, AiGatewayEmbeddingModel<M>>;
}

class GatewayEmbeddingModel extends AiGatewayModelBase {
  constructor(models: unknown, settings?: AiGatewaySettings | GatewayModelCore) {
    super('embedding', models, settings);
  }

  private get models(): EmbeddingModelV4[] {
    return this.core.legs.map((l) => l.model as EmbeddingModelV4);
  }

  /** The smallest limit of the fallback list, so that any model can take the batch. */
  get maxEmbeddingsPerCall(): PromiseLike<number | undefined> {
    return Promise.all(this.models.map(async (m) => m.maxEmbeddingsPerCall)).then((limits) => {
      const known = limits.filter((n): n is number => typeof n === 'number');
      return known.length > 0 ? Math.min(...known) : undefined;
    });
  }

  get supportsParallelCalls(): PromiseLike<boolean> {
    return Promise.all(this.models.map(async (m) => m.supportsParallelCalls)).then((all) => all.every(Boolean));
  }

  doEmbed(options: EmbeddingModelV4CallOptions): Promise<EmbeddingModelV4Result> {
    return this.send('doEmbed', options);
  }
}

export const AiGatewayEmbeddingModel = GatewayEmbeddingModel as unknown as AiGatewayEmbeddingModelConstructor;

/** Builds the wrapper for `createAiGateway`, sharing its transport. */
export const createEmbeddingModel = <M extends EmbeddingModelLike>(core: GatewayModelCore) =>
  new GatewayEmbeddingModel(undefined, core) as unknown as AiGatewayEmbeddingModel<M>;
