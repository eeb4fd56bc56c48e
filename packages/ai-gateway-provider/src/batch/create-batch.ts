import type { Experimental_BatchV4 as BatchV4 } from '@ai-sdk/provider';
import { invalidOption } from '../invalid-option';
import type { BatchContext } from './batch-context';
import { GatewayVendorBatch, loadGatewayFetch } from './vendor-batch';
import type * as WorkersAiModule from './workers-ai-batch';

/** The Workers AI batch code (the run input, the results) loads on the first batch call: apps without batches never load it. */
let workersAiModule: Promise<typeof WorkersAiModule> | undefined;
const loadWorkersAi = () => (workersAiModule ??= import('./workers-ai-batch'));

/** `aigateway.batch()`: the Workers AI batch interface, its code loaded when it is first used. */
class LazyWorkersAiBatch implements BatchV4 {
  readonly specificationVersion = 'v4' as const;
  readonly provider = 'workers-ai.batch';
  readonly supportedUrls: Record<string, RegExp[]> = {};
  private loaded: Promise<BatchV4> | undefined;

  constructor(private readonly context: BatchContext) {}

  private batch(): Promise<BatchV4> {
    return (this.loaded ??= Promise.all([loadWorkersAi(), loadGatewayFetch()]).then(([m, tools]) => new m.WorkersAiBatch(this.context, tools) as unknown as BatchV4));
  }

  doStartBatch(options: Parameters<BatchV4['doStartBatch']>[0]): ReturnType<BatchV4['doStartBatch']> {
    return this.batch().then((b) => b.doStartBatch(options));
  }

  doGetBatchStatus(options: Parameters<BatchV4['doGetBatchStatus']>[0]): ReturnType<BatchV4['doGetBatchStatus']> {
    return this.batch().then((b) => b.doGetBatchStatus(options));
  }

  doGetBatchResults(options: Parameters<BatchV4['doGetBatchResults']>[0]): ReturnType<BatchV4['doGetBatchResults']> {
    return this.batch().then((b) => b.doGetBatchResults(options));
  }
}

const isBatch = (value: unknown): value is BatchV4 => {
  const v = value as Partial<Record<keyof BatchV4, unknown>> | null;
  return typeof v === 'object' && v !== null && typeof v.doStartBatch === 'function' && typeof v.doGetBatchStatus === 'function' && typeof v.doGetBatchResults === 'function';
};

/**
 * `aigateway.batch(...)`: with nothing, the batch interface of Workers AI ids; with a vendor's batch
 * interface (`openai.experimental_batch()`) or its provider (`openai`, which has
 * `experimental_batch()`), that interface sending every request through the gateway.
 */
export function createBatch(context: BatchContext): (given?: unknown) => BatchV4 {
  return (given) => {
    if (given === undefined) return new LazyWorkersAiBatch(context);
    const factory = (typeof given === 'object' && given !== null) || typeof given === 'function' ? (given as { experimental_batch?: unknown }).experimental_batch : undefined;
    const batch: unknown = isBatch(given) ? given : typeof factory === 'function' ? (factory as () => unknown).call(given) : undefined;
    if (!isBatch(batch)) {
      throw invalidOption('batch', 'is not a batch interface or a provider with experimental_batch()', 'nothing (Workers AI ids), an AI SDK 7 provider with batch support (openai, anthropic, google) or its experimental_batch()', typeof given);
    }
    if (batch.specificationVersion !== 'v4') throw invalidOption('batch.specificationVersion', 'is not "v4"', '"v4" (AI SDK 7 batch interfaces)', batch.specificationVersion);
    return new GatewayVendorBatch(batch, context);
  };
}
