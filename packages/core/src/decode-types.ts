// The types of a decoded answer, on the ground floor: `decode.ts` and its failure paths (`decode-failure.ts`) both use them.

/** What the gateway said about the answer, from its `cf-aig-*` response headers. */
export interface GatewayResponseMetadata {
  /** Index of the step (fallback leg) that answered. */
  readonly step: number;
  /**
   * True when a successful answer to a fallback list came without `cf-aig-step` and `step` 0 was
   * assumed, as ai-gateway-provider 4.x did.
   */
  readonly stepAssumed?: true;
  /** Gateway provider id of that step. */
  readonly provider: string;
  readonly cacheStatus?: 'HIT' | 'MISS';
  readonly logId?: string;
  readonly eventId?: string;
  readonly requestId?: string;
  /** `cf-aig-trace-id`. */
  readonly traceId?: string;
  /** `cf-aig-run-id`: the run a resumable stream reconnects to (binding path). */
  readonly runId?: string;
  /** The id of the gateway that answered, when the transport knows it. */
  readonly gateway?: string;
  /** `cf-aig-model` (dynamic routes). */
  readonly model?: string;
  /** `cf-aig-provider` (dynamic routes). */
  readonly routedProvider?: string;
  /** `cf-aig-routed-model`: the model the Auto Router (`cloudflare/auto`) picked, e.g. `anthropic/claude-sonnet-5`. */
  readonly routedModel?: string;
  /** `cf-aig-routing-reason`: why the Auto Router picked it, e.g. `cost_optimal_within_pool`. */
  readonly routingReason?: string;
  /** `cf-aig-routing-decision-id`: the Auto Router's decision. */
  readonly routingDecisionId?: string;
}

/** A gateway answer decoded for the model that produced it. */
export interface DecodedResponse {
  /** The answer for the winning model's own parser (a provider error passes through scrubbed of known secrets, a success with its headers scrubbed). */
  readonly response: Response;
  readonly metadata: GatewayResponseMetadata;
}

export interface DecodeGatewayResponseOptions {
  /** The gateway id, for error messages. */
  readonly gatewayId?: string;
  /** Secrets the transport added (the gateway token, secret extra headers): scrubbed from every error. */
  readonly secrets?: readonly string[];
  /** The transport's name, for the error when the connection drops while the answer is read. */
  readonly transport?: string;
}
