// The ground floor of the facade: the types every other file speaks (models, legs, metadata, the
// context a wrapper sends with), importing nothing of the facade. The model types serve every AI SDK
// generation at once. They never name a type of `@ai-sdk/provider`: a wrapper's members are taken
// from the type of the model it wraps, so an AI SDK 5 program (models of specification v2) gets v2
// members, an AI SDK 6 one v3 and an AI SDK 7 one v4, whichever `@ai-sdk/provider` major is
// installed beside this package.
import type { AiGatewayOptions, GatewayResponseMetadata, GatewayTransport, ProviderRoute, ResolvedGatewayOptions } from '@aigw/core';

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

/** The key of the gateway's entry in `providerOptions` and `providerMetadata`. */
export const PROVIDER_OPTIONS_KEY = 'aigateway';

/** A model, or a model with options that apply to its fallback leg only. */
export type AiGatewayLeg<M> =
  | M
  | {
      model: M;
      /** Gateway options for this leg only, sent as step headers (they win over the call's and the instance's). */
      options?: AiGatewayOptions;
      /** Force the gateway provider id of this leg (e.g. `custom-my-llm`) instead of matching its URL. */
      provider?: string;
    };

/** One model or a fallback list of model objects of one AI SDK generation; each entry may carry options for its leg. */
export type AiGatewayModels<M> = AiGatewayLeg<M> | readonly AiGatewayLeg<M>[];

/** The reasoning efforts Workers AI takes. */
export type WorkersAiReasoningEffort = 'low' | 'medium' | 'high';

/** Settings of one id leg. */
export interface ModelIdSettings {
  /** Workers AI prefix-cache affinity (`x-session-affinity`): requests with the same key reuse a warm replica. */
  readonly sessionAffinity?: string;
  /** Extra headers sent with this leg's request: a record, a `Headers` or a `Map`. */
  readonly headers?: Readonly<Record<string, string>> | Headers | ReadonlyMap<string, string>;
  /** Workers AI ids only: fail fast with a retryable 429 (code 3040) instead of waiting in Workers AI's queue. */
  readonly rejectIfBusy?: boolean;
  /** Workers AI language ids only: how hard a reasoning model thinks (`reasoning_effort` in the request body). */
  readonly reasoningEffort?: WorkersAiReasoningEffort;
  /** Workers AI language ids only: arguments for the model's chat template, e.g. `{ enable_thinking: false }` (`chat_template_kwargs`). */
  readonly chatTemplateKwargs?: Readonly<Record<string, unknown>>;
}

/** A string id leg with options; an id leg may also carry `sessionAffinity` and `headers`. `Id`: the ids of its kind (`AiGatewayModelIds`). */
export type AiGatewayIdLeg<Id extends string = string> = { model: Id; options?: AiGatewayOptions; provider?: string } & ModelIdSettings;

/**
 * A model object, a string id (`'@cf/meta/llama-3.1-8b-instruct'`, `'openai/gpt-5-mini'`,
 * `'dynamic/support'`), or either with options for its leg. Ids become models of specification v4,
 * so they mix with AI SDK 7 model objects only.
 */
export type AiGatewayModelEntry<M, Id extends string = string> = AiGatewayLeg<M> | Id | AiGatewayIdLeg<Id>;

/** One entry or a fallback list in which ids may appear (AI SDK 7: ids become v4 models). */
export type AiGatewayModelsWithIds<M, Id extends string = string> = AiGatewayModelEntry<M, Id> | readonly AiGatewayModelEntry<M, Id>[];

/** A leg of a fallback list that failed before the leg that answered (`providerMetadata.aigateway.skipped`). */
// A type, not an interface: it must fit the AI SDK's JSON metadata type (which needs an index signature).
export type AiGatewaySkippedLeg = {
  readonly index: number;
  /** Gateway provider id of the leg, e.g. `openai`. */
  readonly provider: string;
  /** The AI SDK provider name of the leg's model, e.g. `openai.chat`. */
  readonly modelProvider: string;
  readonly modelId: string;
};

/** `providerMetadata.aigateway` on every result; in `streamText`, on `finish-step` and in `await result.providerMetadata`. */
export interface AiGatewayMetadata extends GatewayResponseMetadata {
  /** Model id of the model that answered. */
  readonly modelId: string;
  /** The AI SDK provider name of the model that answered, e.g. `openai.chat`. */
  readonly modelProvider: string;
  /** How many models were in the fallback list. */
  readonly steps: number;
  /** The legs that failed before the one that answered; absent when the primary answered. */
  readonly skipped?: readonly AiGatewaySkippedLeg[];
}

/** A leg once checked: a model of one of the kinds above, its options validated, its provider id a path segment. */
export interface ResolvedLeg {
  readonly model: ModelIdentity;
  readonly options?: AiGatewayOptions;
  readonly provider?: string;
}

/** What a wrapper model sends with: the transport, the options of the instance (and of the model), and the routes. */
export interface GatewayModelContext {
  readonly transport: GatewayTransport;
  /** The instance's options, merged with the model's (`aigateway(model, options)`), resolved once. */
  readonly options: ResolvedGatewayOptions;
  readonly routes?: readonly ProviderRoute[];
  /** Send the active OpenTelemetry span's trace context, so the gateway's spans join the caller's trace. */
  readonly linkTraces: boolean;
  /** Send a single model with a JSON body to the universal endpoint (the `universal` setting). */
  readonly universal?: boolean;
}
