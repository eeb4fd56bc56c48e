import type { UpstreamLimits } from './limits.js';

/** One call from the gateway to a simulated provider. */
export interface UpstreamRequest {
  /** Gateway provider id: `openai`, `anthropic`, `google-ai-studio`, `aws-bedrock`, `compat`, ... */
  provider: string;
  /** Provider path after the provider segment, no leading slash, query string kept. */
  endpoint: string;
  method: string;
  /** Request headers with lower-case names. */
  headers: Record<string, string>;
  /** Raw request body: JSON text, or multipart/form-data for transcription. */
  body: Uint8Array;
  /** True when the gateway holds a stored key for this provider: the auth check is skipped. */
  byok: boolean;
  signal: AbortSignal;
}

/** A simulated provider's answer. */
export interface UpstreamResponse {
  status: number;
  headers: Record<string, string>;
  /**
   * The whole body, or the events of a stream with ONE ITEM PER EVENT (an SSE event with its
   * framing, or one binary AWS event-stream message), so the gateway can cut a stream after K events.
   */
  body: Uint8Array | string | AsyncIterable<Uint8Array | string>;
}

/** The set of simulated providers the gateway forwards to. */
export interface Upstreams {
  /** Answers one request as the simulated provider `request.provider` would. */
  handle(request: UpstreamRequest): Promise<UpstreamResponse>;
  /** Whether `provider` is a simulated provider id. */
  knows(provider: string): boolean;
}

/** Neutral finish reasons of a scripted reply; each provider maps them to its own wording. */
export type ScriptFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/**
 * A scripted reply. Sent as the JSON value of the `x-emulator-reply` request header, or returned by
 * {@link UpstreamOptions.reply}. Header fields override programmatic ones. Every field is optional.
 */
export interface ReplyScript {
  /** Reply with this text instead of the echo. */
  text?: string;
  /** Reply with `JSON.stringify(json)` as the text (structured output). */
  json?: unknown;
  /** Stream the reply text (or tool arguments) in exactly this many delta events. */
  chunks?: number;
  /** Answer with a call to this tool; `arguments` defaults to an instance of the tool's schema. */
  toolCall?: { name: string; arguments?: unknown; id?: string };
  /** Override the finish reason (mapped to the provider's own value). */
  finishReason?: ScriptFinishReason;
  /** Override the token counts. */
  usage?: { input?: number; output?: number };
  /** With a status of 400 or more: answer with this provider's error format. */
  status?: number;
  /** Error message, or `{message, type, code}` merged into the provider's error body. */
  error?: string | { message?: string; type?: string; code?: string | number };
  /** With `status`: send this value as the JSON error body verbatim instead. */
  errorBody?: unknown;
  /** Extra response headers. */
  headers?: Record<string, string>;
  /** Wait this long before answering (time to first byte); honours the abort signal. */
  latencyMs?: number;
  /** Wait this long between stream events. */
  chunkDelayMs?: number;
  /**
   * On the request that creates a batch (OpenAI, Anthropic, Google AI Studio, Workers AI): how many
   * status reads see it running, which items fail, and whether it ends `failed` or `expired`.
   */
  batch?: BatchScript;
  /**
   * For a request that starts a long-running operation (a video generation: Google's
   * `predictLongRunning`, a Replicate video prediction): how it goes. See `VideoOperationScript`.
   */
  operation?: VideoOperationScript;
}

/** How a simulated long-running video operation goes, decided when it starts. */
export interface VideoOperationScript {
  /** Polls answered "in progress" before the outcome shows (default 1; 0: the first poll shows it). */
  polls?: number;
  /**
   * `succeeded` (default): the video is ready; `failed`: the operation reports an error;
   * `expired`: the provider no longer knows the operation (404 on the poll) once the polls are used.
   */
  outcome?: 'succeeded' | 'failed' | 'expired';
  /** The failure's message (default `"The video could not be generated."`). */
  error?: string;
  /** `true`: the output file is gone (404 on the download) although the operation succeeded. */
  fileExpired?: boolean;
}

/** What {@link UpstreamOptions.reply} is told about a call. */
export interface ReplyContext {
  provider: string;
  /** Endpoint path without the query string. */
  path: string;
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined (multipart or empty body). */
  body: unknown;
  /** The requested model, when the request names one. */
  model: string | undefined;
}

/** Options of {@link createUpstreams}. */
export interface UpstreamOptions {
  /** Programmatic scripted replies; return undefined for the default deterministic answer. */
  reply?: (context: ReplyContext) => ReplyScript | undefined;
  /** Name of the request header that carries a JSON {@link ReplyScript}. Default `x-emulator-reply`. */
  replyHeader?: string;
  /**
   * Bounds on the work of one answer (schema instances, embeddings), each overriding its default
   * in `DEFAULT_UPSTREAM_LIMITS`. Past a bound, `handle()` rejects with an `UpstreamLimitError`,
   * which the gateway answers 400 or 413 with its error envelope.
   */
  limits?: Partial<UpstreamLimits>;
}

/** How a batch behaves, from the `batch` field of the creating request's reply script. */
export interface BatchScript {
  /** Reads of the status that see the batch running before it is done. Default 1. */
  polls?: number;
  /** Ids of the items that fail (custom ids, keys or external references). */
  failIds?: string[];
  /** How the whole batch ends. Default `completed`. */
  outcome?: 'completed' | 'failed' | 'expired';
}
