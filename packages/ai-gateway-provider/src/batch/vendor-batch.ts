import type {
  Experimental_BatchV4 as BatchV4,
  Experimental_BatchV4CancelResult as BatchV4CancelResult,
  Experimental_BatchV4ItemResult as BatchV4ItemResult,
  Experimental_BatchV4ListOptions as BatchV4ListOptions,
  Experimental_BatchV4ListResult as BatchV4ListResult,
  Experimental_BatchV4OperationOptions as BatchV4OperationOptions,
  Experimental_BatchV4StartOptions as BatchV4StartOptions,
  Experimental_BatchV4StartResult as BatchV4StartResult,
  Experimental_BatchV4Status as BatchV4Status,
} from '@ai-sdk/provider';
import { UnsupportedFunctionalityError } from '@ai-sdk/provider';
import { pathSegment } from '@aigw/core';
import { AiGatewayCaptureError } from '@aigw/errors';
import type { BatchContext } from './batch-context';
import type * as GatewayFetchModule from './gateway-fetch';
import type { BatchAnswers } from './gateway-fetch';

/** The code that sends a batch's requests through the gateway loads on the first batch call: apps without batches never load it. */
let gatewayFetchModule: Promise<typeof GatewayFetchModule> | undefined;
export const loadGatewayFetch = () => (gatewayFetchModule ??= import('./gateway-fetch'));

/** How deep the provider's config (where its `fetch` slot is) may sit in its batch object. */
const MAX_DEPTH = 2;

/**
 * A copy of `target` whose `fetch` slots (in its config objects, up to two levels down: OpenAI's and
 * Anthropic's `options.config.fetch`, Google's `batchConfig.fetch`) hold `fetch`; undefined when it
 * has none. Nothing the user holds is changed.
 */
function withFetch(target: object, fetch: unknown, depth: number): object | undefined {
  let copy: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(target) as [string, unknown][]) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    const replaced = 'fetch' in value ? { ...value, fetch } : depth > 0 ? withFetch(value, fetch, depth - 1) : undefined;
    if (replaced === undefined) continue;
    copy ??= Object.assign(Object.create(Object.getPrototypeOf(target) as object) as object, target) as Record<string, unknown>;
    copy[key] = replaced;
  }
  return copy;
}

/** Google names its batches `batches/{id}` (a path of two segments); the others one segment. */
const GOOGLE_BATCH_ID = /^batches\/[A-Za-z0-9_-]+$/;

/**
 * A vendor's batch interface (`openai.experimental_batch()`, `anthropic.experimental_batch()`,
 * `google.experimental_batch()`) whose every request goes through the gateway: the provider's own
 * code builds each request (its file upload, its create, status, results download, cancel and
 * list) and parses each answer, and `gatewayFetch` sends it on the provider-native path. A batch id
 * given back by the caller is checked as a path segment before anything is sent.
 */
export class GatewayVendorBatch implements BatchV4 {
  readonly specificationVersion = 'v4' as const;

  constructor(
    private readonly inner: BatchV4,
    private readonly context: BatchContext,
  ) {
    // Checked now, not at the first call: a batch object with no fetch slot would send around the gateway.
    if (withFetch(inner, undefined, MAX_DEPTH) === undefined) {
      throw new AiGatewayCaptureError({
        provider: inner.provider,
        modelId: 'batch',
        reason: 'its batch interface has no config with a fetch slot, so its requests cannot be sent through the gateway; use the batch interface of an official @ai-sdk/* provider (openai, anthropic, google)',
      });
    }
  }

  get provider(): string {
    return this.inner.provider;
  }

  get supportedUrls(): BatchV4['supportedUrls'] {
    return this.inner.supportedUrls;
  }

  /** The inner batch interface, sending through the gateway for one operation; and the gateway's metadata of its answers. */
  private async view(providerOptions: unknown, answers: BatchAnswers): Promise<{ view: BatchV4; gatewayMetadata: typeof GatewayFetchModule.gatewayMetadata }> {
    const { gatewayFetch, gatewayMetadata, operationOptions } = await loadGatewayFetch();
    return { view: withFetch(this.inner, gatewayFetch(this.context, operationOptions(this.context, providerOptions), answers), MAX_DEPTH) as BatchV4, gatewayMetadata };
  }

  private checkId(batchId: unknown): void {
    const google = this.provider.startsWith('google');
    pathSegment(batchId, {
      option: 'batch.id',
      allowed: google ? 'a Google batch name such as "batches/abc123"' : `a ${this.provider} batch id (letters, digits, "-" and "_")`,
      ...(google ? { slashes: true, pattern: GOOGLE_BATCH_ID } : {}),
    });
  }

  async doStartBatch(options: BatchV4StartOptions): Promise<BatchV4StartResult> {
    const answers: BatchAnswers = [];
    const { view, gatewayMetadata } = await this.view(options.providerOptions, answers);
    const result = await view.doStartBatch(options);
    const providerMetadata = gatewayMetadata(answers, result.providerMetadata);
    return providerMetadata === undefined ? result : { ...result, providerMetadata: providerMetadata as BatchV4StartResult['providerMetadata'] };
  }

  async doGetBatchStatus(options: BatchV4OperationOptions): Promise<BatchV4Status> {
    this.checkId(options.batchId);
    const answers: BatchAnswers = [];
    const { view, gatewayMetadata } = await this.view(options.providerOptions, answers);
    const result = await view.doGetBatchStatus(options);
    const providerMetadata = gatewayMetadata(answers, result.providerMetadata);
    return providerMetadata === undefined ? result : { ...result, providerMetadata: providerMetadata as BatchV4Status['providerMetadata'] };
  }

  doGetBatchResults(options: BatchV4OperationOptions): PromiseLike<ReadableStream<BatchV4ItemResult>> {
    this.checkId(options.batchId);
    return this.view(options.providerOptions, []).then(({ view }) => view.doGetBatchResults(options));
  }

  async doCancelBatch(options: BatchV4OperationOptions): Promise<BatchV4CancelResult> {
    this.checkId(options.batchId);
    const { view: inner } = await this.view(options.providerOptions, []);
    if (inner.doCancelBatch === undefined) throw unsupported(this.provider, 'cancelling a batch');
    return inner.doCancelBatch(options);
  }

  async doListBatches(options: BatchV4ListOptions): Promise<BatchV4ListResult> {
    const { view: inner } = await this.view(options.providerOptions, []);
    if (inner.doListBatches === undefined) throw unsupported(this.provider, 'listing batches');
    return inner.doListBatches(options);
  }
}

function unsupported(provider: string, what: string): UnsupportedFunctionalityError {
  return new UnsupportedFunctionalityError({ functionality: what, message: `The ${provider} batch interface does not support ${what}.` });
}
