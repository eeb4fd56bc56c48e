/**
 * A request encoded for Cloudflare AI Gateway, ready for a transport to send.
 *
 * - `mode: 'provider'`: exactly one step (one model, whatever its body: JSON, multipart, binary).
 *   Send `step.body` untouched with `step.method` to the provider-native path
 *   `{base}/{account}/{gateway}/{provider}/{endpoint}`, with the outer `headers` and the step's
 *   headers merged (step wins) as HTTP headers. The answer may omit `cf-aig-step`; it is step 0.
 * - `mode: 'universal'`: a fallback list of two or more steps, each with a JSON body sent with
 *   POST. POST `universalBody(request)` (a JSON array of steps) to the gateway root,
 *   `{base}/{account}/{gateway}`, with `headers` on the outer request. A transport that cannot use
 *   the provider-native path (the Workers binding's `run`) may also send a single JSON step this way.
 */
export interface GatewayRequest {
  readonly mode: 'universal' | 'provider';
  /** The fallback chain, in order. `cf-aig-step` in the answer indexes this list. */
  readonly steps: readonly GatewayStep[];
  /** Outer `cf-aig-*` headers (per-call and per-instance options). Never contains `cf-aig-authorization`. */
  readonly headers: Readonly<Record<string, string>>;
}

/** One step of a gateway request: a provider request as the gateway takes it (a universal step). */
export interface GatewayStep {
  /** Gateway provider id, e.g. `openai`, `anthropic`, `google-ai-studio`, `compat`, `custom-my-llm`. */
  readonly provider: string;
  /** Provider path without a leading slash, query string included, e.g. `v1/messages`. */
  readonly endpoint: string;
  /** HTTP method the provider SDK used (`POST` for almost every call). */
  readonly method: string;
  /** Provider headers (auth included) plus per-leg `cf-aig-*` headers. Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * The body as the provider SDK produced it. For a JSON body this is its text, unparsed;
   * otherwise the original `FormData`, `Blob`, `Uint8Array` or `ArrayBuffer`.
   */
  readonly body: string | FormData | Blob | Uint8Array | ArrayBuffer | null;
  /** True when `body` is JSON text that can travel as a universal step's `query` (a fallback list, or the binding's `run`). */
  readonly json: boolean;
}
