import type { LanguageModelV4, LanguageModelV4CallOptions, LanguageModelV4GenerateResult, LanguageModelV4StreamPart, LanguageModelV4StreamResult } from '@ai-sdk/provider';
import { redactError } from '@aigw/errors';
import { AiGatewayModelBase, publicModelClass } from './gateway-model';
import { PROVIDER_OPTIONS_KEY, type AiGatewayMetadata, type AiGatewayModels, type AiGatewayModelsWithIds, type LanguageModelLike, type OneGeneration, type SpecificationOf } from './model-types';
import type { AiGatewayModelIds } from './model-ids';
import type { AiGatewaySettings } from './settings';
import type { combineSupportedUrls as CombineSupportedUrls } from './supported-urls';

/**
 * A language model that sends every call through AI Gateway, falling back across its models on the
 * gateway's side: the specification (`LanguageModelV2`, `V3` or `V4`) of the models `M` it wraps,
 * so it works with the `ai` major those models belong to.
 */
export type AiGatewayChatLanguageModel<M extends LanguageModelLike = LanguageModelLike> = SpecificationOf<M, 'language'> & {
  /** The models of the fallback list, in order. */
  readonly models: M[];
  /** @deprecated Kept for programs written for ai-gateway-provider 4.x; the AI SDK no longer reads it. */
  readonly defaultObjectGenerationMode: 'json';
};

/** `new AiGatewayChatLanguageModel(models, settings)`, the constructor of ai-gateway-provider 4.x. */
export interface AiGatewayChatLanguageModelConstructor {
  new <M extends LanguageModelLike>(models: AiGatewayModels<M>, settings: AiGatewaySettings): OneGeneration<M, AiGatewayChatLanguageModel<M>>;
  /** With model ids (AI SDK 7), expanded as `aigateway(...)` expands them. */
  new (models: AiGatewayModelsWithIds<LanguageModelV4, AiGatewayModelIds['language']>, settings: AiGatewaySettings): AiGatewayChatLanguageModel<LanguageModelV4>;
}

/** `combineSupportedUrls` once its chunk has loaded (for the first fallback list's call). */
let combine: typeof CombineSupportedUrls | undefined;

// The code speaks v4 types; every generation's language model has the same members and parts that
// it reads (the `finish` part with its providerMetadata), so one implementation serves v2, v3 and v4.
export class GatewayLanguageModel extends AiGatewayModelBase {
  readonly defaultObjectGenerationMode = 'json' as const;
  private cachedUrls: LanguageModelV4['supportedUrls'] | undefined;

  /** The wrapped model's own patterns; for a fallback list, the URLs every model supports. */
  get supportedUrls(): LanguageModelV4['supportedUrls'] {
    const legs = this.core.legs;
    if (legs.length === 1) return (legs[0]!.model as LanguageModelV4).supportedUrls;
    // Loaded only for a fallback list (a single model's patterns are its own), then used at once:
    // apps build a model per call, and a dynamic import costs a call more than the combining.
    return (this.cachedUrls ??= combine !== undefined ? combine(this.models) : import('./supported-urls').then((m) => (combine = m.combineSupportedUrls)(this.models)));
  }

  get models(): LanguageModelV4[] {
    return this.core.legs.map((l) => l.model as LanguageModelV4);
  }

  doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    return this.send('doGenerate', options);
  }

  async doStream(options: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
    const { result, metadata, request } = await this.core.call<LanguageModelV4StreamResult>('doStream', options);
    return { ...result, stream: withMetadataOnFinish(result.stream, metadata, () => this.core.secretsOf(request)) };
  }
}

/** The language model class, constructed as in 4.x: `new AiGatewayChatLanguageModel(models, settings)`. */
export const AiGatewayChatLanguageModel = publicModelClass<AiGatewayChatLanguageModelConstructor>(GatewayLanguageModel, 'language');

/**
 * The stream with the gateway metadata added to its `finish` part, and the error of each `error`
 * part (an error event the provider sent, an event its parser could not read) scrubbed of the
 * call's secrets, in place. A pull-based pass-through: each part is handed on as it is read, with
 * no extra queue (cheaper than a TransformStream).
 */
function withMetadataOnFinish(
  stream: ReadableStream<LanguageModelV4StreamPart>,
  metadata: AiGatewayMetadata,
  secrets: () => readonly string[],
): ReadableStream<LanguageModelV4StreamPart> {
  const reader = stream.getReader();
  // One handler per stream, made once the controller is known: a closure per part would be one more
  // allocation for each of the stream's (often thousands of) parts.
  let onPart!: (next: ReadableStreamReadResult<LanguageModelV4StreamPart>) => void;
  return new ReadableStream<LanguageModelV4StreamPart>(
    {
      start: (controller) => {
        onPart = (next) => {
          if (next.done) return controller.close();
          const value = next.value;
          const type = value.type;
          if (type === 'error') controller.enqueue({ ...value, error: redactError(value.error, secrets()) });
          else controller.enqueue(type === 'finish' ? { ...value, providerMetadata: { ...value.providerMetadata, [PROVIDER_OPTIONS_KEY]: { ...metadata } } } : value);
        };
      },
      // A plain function returning the read's own promise: an async function would add a promise
      // and a hop for each part.
      pull: () => reader.read().then(onPart),
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}
