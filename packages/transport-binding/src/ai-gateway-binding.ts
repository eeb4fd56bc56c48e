/** One universal step as the binding's `run` takes it: the provider's JSON body as an object in `query`. */
export interface AiGatewayBindingStep {
  provider: string;
  endpoint: string;
  headers: Record<string, string>;
  query: unknown;
}

/** Options this package passes to the binding's `run`. */
export interface AiGatewayBindingRunOptions {
  /** Honoured by bindings that support it; the transport settles on abort either way. */
  signal?: AbortSignal;
}

/**
 * The part of the Workers AI Gateway binding (`env.AI.gateway('my-gateway')`) this package uses.
 * Only `run` is required; the optional methods are checked before use.
 */
export interface AiGatewayBinding {
  /** Runs a universal request (a fallback chain of steps); resolves to the gateway's answer, throws on a gateway error. */
  run(data: AiGatewayBindingStep | AiGatewayBindingStep[], options?: AiGatewayBindingRunOptions): Promise<Response>;
  /** The gateway's public URL, `.../{account}/{gateway}/` or `.../{account}/{gateway}/{provider}`: used for provider-mode (non-JSON) requests. */
  getUrl?(provider?: string): Promise<string>;
  /** A stored log entry by its id (`cf-aig-log-id`). */
  getLog?(logId: string): Promise<unknown>;
  /** Sets a log entry's score, feedback or metadata. */
  patchLog?(
    logId: string,
    data: { score?: number | null; feedback?: -1 | 1 | null; metadata?: Record<string, number | string | boolean | null | bigint> | null },
  ): Promise<void>;
}
