import { AiGatewayCaptureError, AiGatewayInternalFetchError } from '@aigw/errors';
import { normalizeHeaders } from './headers';

/** The HTTP request a provider SDK was about to send. */
export interface CapturedRequest {
  readonly method: string;
  readonly url: string;
  /** Lower-case header names. */
  readonly headers: Record<string, string>;
  readonly body: string | FormData | Blob | Uint8Array | ArrayBuffer | null;
}

/** A model call stopped at its `fetch`: its request is known, its answer is still to come. */
export interface PendingCall<R> {
  readonly request: CapturedRequest;
  /**
   * True when the request was captured after the provider's own fetch wrappers (a model registered
   * with `registerRoutedModel`); false when it was captured at the model's `config.fetch`, before them.
   */
  readonly routed: boolean;
  /** Hands the gateway's answer to the model's own fetch; resolves to the model's own parsed result. */
  respond(response: Response): Promise<R>;
  /** Ends a call whose answer will never come (another leg answered, or the send failed). */
  discard(): void;
}

/** The model methods that send one HTTP request, by model kind (the same in specifications v2, v3 and v4). */
export const MODEL_METHODS = {
  language: ['doGenerate', 'doStream'],
  embedding: ['doEmbed'],
  image: ['doGenerate'],
  speech: ['doGenerate'],
  transcription: ['doGenerate'],
  reranking: ['doRerank'],
  // A video model's methods depend on its generation (doGenerate, or doStart and doStatus, each one
  // request): the facade's video wrapper checks them and names the one it sends.
  video: [],
} as const;

/** A kind of AI SDK model: `language`, `embedding`, `image`, `speech`, `transcription`, `reranking` or `video`. */
export type ModelKind = keyof typeof MODEL_METHODS;
/** A model method the core can capture (`doGenerate`, `doStream`, `doEmbed`, `doRerank`). */
export type ModelMethod = (typeof MODEL_METHODS)[ModelKind][number];

type FetchFunction = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/**
 * Handles a request a model sends after its captured request was answered (Replicate polls its
 * prediction and downloads its outputs). `ownFetch` is the fetch the model would have used.
 */
export type FollowUpFetch = (request: CapturedRequest, ownFetch: FetchFunction, signal: AbortSignal | undefined) => Promise<Response>;
type CaptureHandler = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** Models whose provider was created with `createCaptureFetch`: captured through the call's signal. */
const routedModels = new WeakSet<object>();
/** In-flight captures of routed models, keyed by the signal that only that call carries. */
const capturesBySignal = new WeakMap<AbortSignal, CaptureHandler>();

/**
 * A `fetch` for a provider factory (`createAmazonBedrock({ fetch: createCaptureFetch() })`) that
 * captures a request when it belongs to a gateway call and otherwise calls `baseFetch`. Use it for
 * providers that wrap `fetch` themselves (SigV4 signing, API-key injection): the capture then sees
 * the request after the provider's own wrapper, signature included. Register the models with
 * `registerRoutedModel`.
 */
export function createCaptureFetch(baseFetch?: FetchFunction): FetchFunction {
  return (input, init) => {
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    const capture = signal ? capturesBySignal.get(signal) : undefined;
    if (capture) return capture(input, init);
    return (baseFetch ?? globalThis.fetch)(input, init);
  };
}

/** Marks a model whose provider sends through `createCaptureFetch`, so core captures it by signal. */
export function registerRoutedModel<T extends object>(model: T): T {
  routedModels.add(model);
  return model;
}

let discarded: AiGatewayInternalFetchError | undefined;
/** What a losing leg's pending fetch rejects with: one shared value, never shown to a caller. */
const discardedLeg = () => (discarded ??= new AiGatewayInternalFetchError({ message: 'Another fallback leg answered this call.' }));

const ignore = () => {};

const describeModel = (model: object) => {
  const m = model as { provider?: unknown; modelId?: unknown };
  return { provider: typeof m.provider === 'string' ? m.provider : 'unknown', modelId: typeof m.modelId === 'string' ? m.modelId : 'unknown' };
};

const UNCAPTURABLE =
  'it has no config.fetch to send its HTTP through, so its request cannot be captured and ' +
  'would go around the gateway; it was not run. Use an official @ai-sdk/* model, or create its provider with ' +
  '`fetch: createCaptureFetch()` from @aigw/core and register the model with `registerRoutedModel`';

const hasConfigFetch = (config: unknown): config is object => typeof config === 'object' && config !== null && 'fetch' in config;

/**
 * True when core can capture the model's request: a model registered with `registerRoutedModel`, or
 * one whose `config` has a `fetch` slot (every official `@ai-sdk/*` model). Any other model would
 * send its request itself, around the gateway, so `captureCall` refuses it before running it; a
 * wrapper can use this check to route such a model some other way first.
 */
export function isCapturableModel(model: object): boolean {
  return routedModels.has(model) || hasConfigFetch((model as { config?: unknown }).config);
}

/**
 * Runs `model[method](callOptions)` with a private `fetch` and stops it at the network: resolves
 * once the model has built its request. Nothing shared is changed: the call runs on a per-call view
 * of the model whose `config.fetch` is the capturing one (official `@ai-sdk/*` models read
 * `this.config.fetch`), or, for a routed model, is recognised by a signal only this call carries.
 * The user's model object is left as it was.
 */
export function captureCall<R>(
  model: object,
  method: ModelMethod,
  callOptions: Readonly<Record<string, unknown>>,
  followUp?: FollowUpFetch,
): Promise<PendingCall<R>> {
  const fail = (reason: string, cause?: unknown) => new AiGatewayCaptureError({ ...describeModel(model), reason, cause });

  const target = model as Record<string, unknown>;
  if (typeof target[method] !== 'function') {
    return Promise.reject(fail(`the model has no ${method} method`));
  }

  let resolveResponse!: (response: Response) => void;
  let rejectResponse!: (error: unknown) => void;
  const pendingResponse = new Promise<Response>((resolve, reject) => {
    resolveResponse = resolve;
    rejectResponse = reject;
  });
  // A discarded leg's rejection is expected; never let it surface as unhandled.
  pendingResponse.catch(ignore);

  const routed = routedModels.has(model);
  const config = (model as { config?: { fetch?: unknown } }).config;
  const ownFetch: FetchFunction = !routed && typeof config?.fetch === 'function' ? (config.fetch as FetchFunction) : globalFetch;
  return new Promise<PendingCall<R>>((resolveCapture, rejectCapture) => {
    let captured = false;
    let answered = false;
    const onFetch: CaptureHandler = async (input, init) => {
      if (captured) {
        // Once the gateway's answer is in, a model may go on (poll, download its outputs).
        if (answered && followUp) return followUp(await readRequest(input, init), ownFetch, init?.signal ?? undefined);
        throw fail('the model sent a second HTTP request in one call; only single-request calls can go through the gateway');
      }
      captured = true;
      try {
        // Read without a promise hop when the body is already at hand (a string, as JSON APIs send it).
        const read = readRequest(input, init);
        const request = read instanceof Promise ? await read : read;
        resolveCapture({
          request,
          routed,
          respond(response) {
            answered = true;
            resolveResponse(response);
            return result;
          },
          discard() {
            rejectResponse(discardedLeg());
          },
        });
      } catch (error) {
        rejectCapture(fail('its request could not be read', error));
        throw error;
      }
      return pendingResponse;
    };

    let invoke: () => PromiseLike<R>;
    let cleanup: (() => void) | undefined;
    if (routed) {
      const controller = new AbortController();
      const userSignal = callOptions.abortSignal as AbortSignal | undefined;
      const signal = userSignal ? AbortSignal.any([userSignal, controller.signal]) : controller.signal;
      capturesBySignal.set(signal, onFetch);
      cleanup = () => capturesBySignal.delete(signal);
      invoke = () => (target[method] as (o: unknown) => PromiseLike<R>).call(model, { ...callOptions, abortSignal: signal });
    } else {
      const config = target.config;
      if (!hasConfigFetch(config)) {
        rejectCapture(fail(UNCAPTURABLE));
        return;
      }
      // A same-shape copy of the model (same prototype, same own fields) with a config of its own:
      // cheap for V8, and nothing the user holds is touched.
      const view = Object.assign(Object.create(Object.getPrototypeOf(model) as object) as object, model) as Record<string, unknown>;
      view.config = { ...config, fetch: onFetch };
      invoke = () => (view[method] as (o: unknown) => PromiseLike<R>).call(view, callOptions);
    }

    // Run at once (a model builds its request after awaits of its own); a throw becomes the rejection.
    let started: Promise<R>;
    try {
      started = Promise.resolve(invoke());
    } catch (error) {
      // Whatever the model threw is its rejection, as it would be from an async method.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      started = Promise.reject(error);
    }
    // `finally` costs two more promise hops per call: only a routed capture has anything to undo.
    const result: Promise<R> = cleanup === undefined ? started : started.finally(cleanup);
    result.then(
      () => {
        if (!captured) rejectCapture(fail('it finished without sending an HTTP request through its config.fetch (a model that sends by other means goes around the gateway)'));
      },
      (error: unknown) => {
        // The cause's own words (e.g. "Anthropic API key is missing...") are the useful part.
        if (!captured) rejectCapture(fail(`it threw while building its request: ${messageOf(error)}`, error));
      },
    );
  });
}

/** The global fetch, looked up at each call (a test or polyfill may replace it). */
const globalFetch: FetchFunction = (input, init) => globalThis.fetch(input, init);

const messageOf = (error: unknown) => {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : undefined;
  return message ? message.replace(/[.\s]+$/, '') : String(error);
};

/** The request a model (or any provider SDK) handed its fetch; a promise only when a body must be read first (a `Request`'s or a stream). */
export function readRequest(input: RequestInfo | URL, init: RequestInit | undefined): CapturedRequest | Promise<CapturedRequest> {
  const request = input instanceof Request ? input : undefined;
  const url = request ? request.url : input instanceof URL ? input.href : (input as string);
  const headers = request ? { ...normalizeHeaders(request.headers), ...normalizeHeaders(init?.headers) } : normalizeHeaders(init?.headers);
  const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
  const given = init?.body;
  if ((given === undefined || given === null) && request && request.body !== null) {
    return request.arrayBuffer().then((buffer) => toCaptured({ method, url, headers, raw: buffer }));
  }
  if (typeof ReadableStream !== 'undefined' && given instanceof ReadableStream) {
    return new Response(given).arrayBuffer().then((buffer) => toCaptured({ method, url, headers, raw: new Uint8Array(buffer) }));
  }
  return toCaptured({ method, url, headers, raw: given as Exclude<BodyInit, ReadableStream> | null | undefined });
}

function toCaptured(options: { method: string; url: string; headers: Record<string, string>; raw: Exclude<BodyInit, ReadableStream> | ArrayBuffer | null | undefined }): CapturedRequest {
  const { method, url, headers, raw } = options;
  let body: CapturedRequest['body'];
  if (raw === null || raw === undefined) body = null;
  else if (typeof raw === 'string' || raw instanceof FormData || raw instanceof Blob || raw instanceof Uint8Array || raw instanceof ArrayBuffer) body = raw;
  else if (raw instanceof URLSearchParams) body = raw.toString();
  else if (ArrayBuffer.isView(raw)) body = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  else body = String(raw);
  return { method, url, headers, body };
}
