import type { Experimental_BatchV4 as BatchV4 } from '@ai-sdk/provider';
import type { WorkersAiTextModelId } from '../model-ids.generated';

/** The batch interface of Workers AI ids: `experimental_startBatch` requests name a Workers AI text model. */
export type AiGatewayWorkersAiBatch = BatchV4<{ text: WorkersAiTextModelId }>;

/**
 * `aigateway.batch`: the batch interface of Workers AI ids (`aigateway.batch()`, the same as
 * `aigateway.experimental_batch()`), or a vendor's batch interface sending every request through the
 * gateway (`aigateway.batch(openai)` or `aigateway.batch(openai.experimental_batch())`; OpenAI,
 * Anthropic, Google AI Studio). AI SDK 7 only: batches are new in it.
 */
export interface AiGatewayBatchFactory {
  (): AiGatewayWorkersAiBatch;
  <B extends BatchV4>(batch: B | { experimental_batch(): B }): B;
}
