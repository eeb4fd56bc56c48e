type AnyModel = Record<string, unknown> & { config?: Record<string, unknown> };

/**
 * A model of specification v4 that stands for an id's model and builds it on its first call, so
 * that `aigateway('@cf/...')` stays synchronous while the code behind ids loads only when used.
 * Core captures it like any official model: each call runs the built model on a per-call view
 * whose `config.fetch` is this model's (the one core's capture set on its own per-call view).
 */
export class LazyIdModel {
  readonly specificationVersion = 'v4';
  readonly provider: string;
  readonly modelId: string;
  readonly maxImagesPerCall?: number;
  /** The slot core's capture fills per call. */
  readonly config: { fetch?: typeof globalThis.fetch } = { fetch: undefined };
  // A plain field (not #private): core's per-call view copies own fields, and must share this one.
  private readonly built: { load: () => Promise<object>; model?: Promise<AnyModel> };

  constructor(options: { modelId: string; provider: string; maxImagesPerCall?: number; load: () => Promise<object> }) {
    this.modelId = options.modelId;
    this.provider = options.provider;
    if (options.maxImagesPerCall !== undefined) this.maxImagesPerCall = options.maxImagesPerCall;
    this.built = { load: options.load };
  }

  private model(): Promise<AnyModel> {
    return (this.built.model ??= this.built.load() as Promise<AnyModel>);
  }

  private async run(method: string, options: unknown): Promise<unknown> {
    const model = await this.model();
    const view = Object.assign(Object.create(Object.getPrototypeOf(model) as object) as AnyModel, model, { config: { ...model.config, fetch: this.config.fetch } });
    return (view[method] as (o: unknown) => Promise<unknown>).call(view, options);
  }

  private property(name: string): PromiseLike<never> {
    return this.model().then((m) => m[name] as never);
  }

  get supportedUrls() {
    return this.property('supportedUrls');
  }
  get maxEmbeddingsPerCall() {
    return this.property('maxEmbeddingsPerCall');
  }
  get supportsParallelCalls() {
    return this.property('supportsParallelCalls');
  }
  doGenerate(options: unknown) {
    return this.run('doGenerate', options);
  }
  doStream(options: unknown) {
    return this.run('doStream', options);
  }
  doEmbed(options: unknown) {
    return this.run('doEmbed', options);
  }
  doRerank(options: unknown) {
    return this.run('doRerank', options);
  }
}
