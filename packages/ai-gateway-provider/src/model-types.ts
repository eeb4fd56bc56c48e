// The public model types of the facade, for every AI SDK generation at once. They never name a type of
// `@ai-sdk/provider`: a wrapper's members are taken from the type of the model it wraps, so an AI SDK 5
// program (models of specification v2) gets v2 members, an AI SDK 6 one v3 and an AI SDK 7 one v4,
// whichever `@ai-sdk/provider` major is installed beside this package.

/** The specification versions a wrapper speaks: `v2` (AI SDK 5), `v3` (AI SDK 6) and `v4` (AI SDK 7). */
export type SpecificationVersion = 'v2' | 'v3' | 'v4';

/** What every model of every kind and generation has. */
export interface ModelIdentity {
  readonly specificationVersion: SpecificationVersion;
  readonly provider: string;
  readonly modelId: string;
}

// `never` as the parameter: any method of any generation is assignable to it.
type ModelMethod = (options: never) => PromiseLike<unknown>;

/** A language model of specification v2, v3 or v4 (`LanguageModelV2`/`V3`/`V4`). */
export interface LanguageModelLike extends ModelIdentity {
  doGenerate: ModelMethod;
  doStream: ModelMethod;
}

/** An embedding model of specification v2, v3 or v4. */
export interface EmbeddingModelLike extends ModelIdentity {
  doEmbed: ModelMethod;
}

/** An image model of specification v2, v3 or v4. */
export interface ImageModelLike extends ModelIdentity {
  doGenerate: ModelMethod;
}

/** A speech model of specification v2, v3 or v4. */
export interface SpeechModelLike extends ModelIdentity {
  doGenerate: ModelMethod;
}

/** A transcription model of specification v2, v3 or v4. */
export interface TranscriptionModelLike extends ModelIdentity {
  doGenerate: ModelMethod;
}

/** A reranking model of specification v3 or v4 (AI SDK 5 has no reranking). */
export interface RerankingModelLike extends ModelIdentity {
  readonly specificationVersion: 'v3' | 'v4';
  doRerank: ModelMethod;
}

/** The members of a specification, by kind, that a wrapper takes over from the models it wraps. */
export interface SpecificationMembers {
  language: 'specificationVersion' | 'provider' | 'modelId' | 'supportedUrls' | 'doGenerate' | 'doStream';
  embedding: 'specificationVersion' | 'provider' | 'modelId' | 'maxEmbeddingsPerCall' | 'supportsParallelCalls' | 'doEmbed';
  image: 'specificationVersion' | 'provider' | 'modelId' | 'maxImagesPerCall' | 'supportsFileInputs' | 'supportsMaskInputs' | 'doGenerate';
  speech: 'specificationVersion' | 'provider' | 'modelId' | 'doGenerate';
  transcription: 'specificationVersion' | 'provider' | 'modelId' | 'doGenerate';
  reranking: 'specificationVersion' | 'provider' | 'modelId' | 'doRerank';
}

/**
 * The specification interface that `M` implements, e.g. `LanguageModelV3` for an `@ai-sdk/openai@3`
 * model: its members of the specification, without the model class's own extras.
 */
export type SpecificationOf<M, Kind extends keyof SpecificationMembers> = Pick<M, Extract<keyof M, SpecificationMembers[Kind]>>;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type IsUnion<T> = [T] extends [UnionToIntersection<T>] ? false : true;

/**
 * What wrapping a fallback list that mixes AI SDK generations gives: a type no AI SDK function
 * accepts, so the mistake shows where the model is used. At run time such a list is refused with
 * `AiGatewayInvalidOptionsError`.
 */
export interface AiGatewayMixedGenerations {
  readonly error: 'All models of one AI Gateway fallback list must be of one specification version (one AI SDK major).';
}

/** `W`, or `AiGatewayMixedGenerations` when the models `M` are of more than one specification version. */
export type OneGeneration<M extends ModelIdentity, W> = IsUnion<M['specificationVersion']> extends true ? AiGatewayMixedGenerations : W;
