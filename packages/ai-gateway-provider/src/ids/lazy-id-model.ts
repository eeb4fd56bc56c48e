type AnyModel = Record<string, unknown> & { config?: Record<string, unknown> };
/** An id's model, built on first use: shared by every `LazyIdModel` of the same id and settings. */
export type Built = { load: () => Promise<object>; model?: Promise<AnyModel> };
type Lazy = { config: { fetch?: unknown }; built: Built };

const modelOf = (built: Built) => (built.model ??= built.load() as Promise<AnyModel>);

/**
 * A model of specification v4 that stands for an id's model and builds it on its first call, so
 * that `aigateway('@cf/...')` stays synchronous while the code behind ids loads only when used.
 * Core captures it like any official model: each call runs the built model on a per-call view
 * whose `config.fetch` is this model's (the one core's capture set on its own per-call view).
 * Its methods and promised properties are defined below, once for all.
 */
export class LazyIdModel {
  readonly specificationVersion = 'v4';
  /** The slot core's capture fills per call. */
  readonly config: { fetch?: typeof globalThis.fetch } = { fetch: undefined };
  readonly maxImagesPerCall?: number;
  // A plain field (not #private): core's per-call view copies own fields, and must share this one.
  private readonly built: Built;

  constructor(
    readonly modelId: string,
    readonly provider: string,
    built: Built,
    maxImagesPerCall?: number,
  ) {
    if (maxImagesPerCall !== undefined) this.maxImagesPerCall = maxImagesPerCall;
    this.built = built;
  }
}

const proto = LazyIdModel.prototype as unknown as Record<string, unknown>;
for (const method of ['doGenerate', 'doStream', 'doEmbed', 'doRerank']) {
  proto[method] = async function (this: Lazy, options: unknown) {
    const model = await modelOf(this.built);
    const view = Object.assign(Object.create(Object.getPrototypeOf(model) as object) as AnyModel, model, { config: { ...model.config, fetch: this.config.fetch } });
    return (view[method] as (o: unknown) => Promise<unknown>).call(view, options);
  };
}
for (const name of ['supportedUrls', 'maxEmbeddingsPerCall', 'supportsParallelCalls']) {
  Object.defineProperty(proto, name, {
    get(this: Lazy) {
      return modelOf(this.built).then((m) => m[name]);
    },
  });
}
