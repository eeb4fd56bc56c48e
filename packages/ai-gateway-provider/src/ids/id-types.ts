import type { WorkersAiReasoningEffort } from '../model-types';
import type { Built } from './lazy-id-model';

/** What turning an id into a model needs from the gateway instance. */
export interface ModelIdContext {
  /** The account in Workers AI URLs (the gateway maps them to its `workers-ai` provider). */
  readonly accountId: string;
  /** The Cloudflare API token Workers AI legs send over HTTP; undefined through the binding. */
  readonly cloudflareApiToken: string | undefined;
  /** True when a Workers AI leg cannot be sent without a token (the HTTP transport). */
  readonly tokenRequired: boolean;
  /**
   * The models built for this gateway instance's ids, by kind, id and leg headers. Building one costs
   * more than a call (the OpenAI-compatible chat model compiles its stream schema in its constructor),
   * and apps make a new model per call, so `aigateway('@cf/...')` reuses the built model.
   */
  readonly built: Map<string, Built>;
}

/** `ModelIdSettings` once checked: `headers` and `sessionAffinity` as one record of lower-case request headers. */
export interface CheckedIdSettings {
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Workers AI ids only: fail fast with a retryable 429 (code 3040, `AiGatewayRateLimitError`) when
   * Workers AI has no free capacity, instead of waiting in its queue. Sent as `options.rejectIfBusy`
   * in the request body (over HTTP and through the binding alike).
   */
  readonly rejectIfBusy?: boolean;
  readonly reasoningEffort?: WorkersAiReasoningEffort;
  readonly chatTemplateKwargs?: Readonly<Record<string, unknown>>;
}
