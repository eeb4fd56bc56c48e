import type { TextStreamPart, ToolSet } from 'ai';
import { gatewayMetadata } from 'ai-gateway-provider';

/** The metadata of an answer in the chat, as the page receives it (`message.metadata`). */
export interface ChatMessageMetadata {
  /** Which leg of the fallback list answered, from `providerMetadata.aigateway`. */
  aigateway?: {
    /** Index of the model that answered (0 = the first of the list). */
    step: number;
    /** How many models the list had. */
    steps: number;
    /** Gateway provider id, e.g. `anthropic`. */
    provider: string;
    modelId: string;
    cacheStatus?: 'HIT' | 'MISS';
    /** `cf-aig-log-id`: the request in the gateway's logs. */
    logId?: string;
  };
}

/**
 * The `messageMetadata` callback of `toUIMessageStreamResponse`: when a step finishes, its gateway
 * metadata goes to the page as a `message-metadata` chunk.
 */
export function messageMetadata({ part }: { part: TextStreamPart<ToolSet> }): ChatMessageMetadata | undefined {
  if (part.type !== 'finish-step') return undefined;
  const gateway = gatewayMetadata(part);
  if (gateway === undefined) return undefined;
  const { step, steps, provider, modelId, cacheStatus, logId } = gateway;
  return { aigateway: { step, steps, provider, modelId, ...(cacheStatus === undefined ? {} : { cacheStatus }), ...(logId === undefined ? {} : { logId }) } };
}
