import type { LanguageModelV4, LanguageModelV4CallOptions, LanguageModelV4GenerateResult, LanguageModelV4StreamPart, LanguageModelV4StreamResult } from '@ai-sdk/provider';
import { AiGatewayModelBase, PROVIDER_OPTIONS_KEY, type AiGatewayMetadata } from './gateway-model';
import { combineSupportedUrls } from './supported-urls';

/**
 * A language model that sends every call through AI Gateway, falling back across its models on
 * the gateway's side. The answering model parses the answer with its own code.
 */
export class AiGatewayChatLanguageModel extends AiGatewayModelBase implements LanguageModelV4 {
  /** @deprecated Kept for programs written for ai-gateway-provider 4.x; the AI SDK no longer reads it. */
  readonly defaultObjectGenerationMode = 'json' as const;
  private cachedUrls: Promise<Record<string, RegExp[]>> | undefined;

  /** The wrapped model's own patterns; for a fallback list, the URLs every model supports. */
  get supportedUrls(): LanguageModelV4['supportedUrls'] {
    const legs = this.core.legs;
    if (legs.length === 1) return (legs[0]!.model as LanguageModelV4).supportedUrls;
    return (this.cachedUrls ??= combineSupportedUrls(this.models));
  }

  /** The models of the fallback list, in order. */
  get models(): LanguageModelV4[] {
    return this.core.legs.map((l) => l.model as LanguageModelV4);
  }

  doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    return this.send('doGenerate', options);
  }

  async doStream(options: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
    const { result, metadata } = await this.core.call<LanguageModelV4StreamResult>('doStream', options);
    return { ...result, stream: withMetadataOnFinish(result.stream, metadata) };
  }
}

/**
 * The stream with the gateway metadata added to its `finish` part. A pull-based pass-through:
 * each part is handed on as it is read, with no extra queue (cheaper than a TransformStream).
 */
function withMetadataOnFinish(stream: ReadableStream<LanguageModelV4StreamPart>, metadata: AiGatewayMetadata): ReadableStream<LanguageModelV4StreamPart> {
  const reader = stream.getReader();
  return new ReadableStream<LanguageModelV4StreamPart>(
    {
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        controller.enqueue(
          value.type === 'finish' ? { ...value, providerMetadata: { ...value.providerMetadata, [PROVIDER_OPTIONS_KEY]: { ...metadata } } } : value,
        );
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}
