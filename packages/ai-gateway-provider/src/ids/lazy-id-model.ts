type AnyModel = Record<string, unknown> & { config?: Record<string, unknown> };
/**
 * An id's model, built on first use: shared by every `LazyIdModel` of the same id and settings.
 * `bodyOptions` are merged into the `options` object of every JSON request body it sends (Workers AI's `rejectIfBusy`);
 * `bodyFields` are added to the body itself where the body does not set them (Workers AI's `reasoning_effort`, `chat_template_kwargs`).
 */
export type Built = { load: () => Promise<object>; model?: Promise<AnyModel>; bodyOptions?: Record<string, unknown>; bodyFields?: Record<string, unknown> };
type Lazy = { config: { fetch?: typeof globalThis.fetch }; built: Built };

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

/**
 * A fetch that adds `options` entries, and `fields` the body does not set, to a JSON object body
 * before sending (undefined stays undefined: core's capture slot).
 */
function withBodyOptions(fetch: typeof globalThis.fetch | undefined, options: Record<string, unknown> | undefined, fields: Record<string, unknown> | undefined): typeof globalThis.fetch | undefined {
  if (fetch === undefined) return undefined;
  return (input, init) => {
    if (typeof init?.body !== 'string') return fetch(input, init);
    let body: unknown;
    try {
      body = JSON.parse(init.body);
    } catch {
      return fetch(input, init);
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return fetch(input, init);
    const record = body as Record<string, unknown>;
    const own = typeof record.options === 'object' && record.options !== null ? (record.options as Record<string, unknown>) : {};
    const sent = { ...fields, ...record, ...(options !== undefined ? { options: { ...own, ...options } } : {}) };
    return fetch(input, { ...init, body: JSON.stringify(sent) });
  };
}

const proto = LazyIdModel.prototype as unknown as Record<string, unknown>;
for (const method of ['doGenerate', 'doStream', 'doEmbed', 'doRerank']) {
  proto[method] = async function (this: Lazy, options: unknown) {
    const model = await modelOf(this.built);
    const { bodyOptions, bodyFields } = this.built;
    const fetch = bodyOptions === undefined && bodyFields === undefined ? this.config.fetch : withBodyOptions(this.config.fetch, bodyOptions, bodyFields);
    const view = Object.assign(Object.create(Object.getPrototypeOf(model) as object) as AnyModel, model, { config: { ...model.config, fetch } });
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
