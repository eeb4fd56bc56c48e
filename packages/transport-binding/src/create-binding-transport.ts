import {
  checkStepPath,
  hasFormDataBody,
  invalidOption,
  passesThrough,
  providerStep,
  stepBody,
  stepToObject,
  type GatewayRequest,
  type GatewaySendOptions,
  type GatewayTransport,
} from '@aigw/core';
import { AiGatewayNetworkError, collectSecrets, gatewayErrorFromBindingError } from '@aigw/errors';
import type { AiGatewayBinding, AiGatewayBindingStep } from './ai-gateway-binding';

const TRANSPORT_NAME = 'binding';
const OPTIONAL_METHODS = ['getUrl', 'getLog', 'patchLog'] as const;

/** Settings of `createBindingTransport`. */
export interface BindingTransportSettings {
  /** The gateway binding: `env.AI.gateway('my-gateway')` (an `ai` binding in the Wrangler config). */
  binding: AiGatewayBinding;
  /**
   * AI Gateway token, sent as `cf-aig-authorization` only on requests with a non-JSON body (uploads), which go over
   * `fetch` to the URL from `binding.getUrl()`. Binding calls themselves are pre-authenticated.
   */
  apiKey?: string;
  /** The fetch for requests with a non-JSON body (uploads). Default: the global `fetch`, looked up at each send. */
  fetch?: typeof globalThis.fetch;
}

/**
 * A transport that sends gateway requests through the Workers AI binding. Universal requests (a
 * fallback list) and single-model requests with a JSON body go to `binding.run(steps)`, each step
 * carrying the request's `cf-aig-*` headers under its own. A non-JSON body (e.g. an audio upload)
 * cannot travel through `run`; it is fetched from `binding.getUrl(provider)` when the binding has it.
 *
 * @example
 * ```ts
 * export default {
 *   async fetch(request, env) {
 *     const transport = createBindingTransport({ binding: env.AI.gateway('my-gateway') });
 *     // ...
 *   },
 * };
 * ```
 */
export function createBindingTransport(settings: BindingTransportSettings): GatewayTransport {
  const config = checkSettings(settings);
  return {
    name: TRANSPORT_NAME,
    send: (request, options) => send({ config, request, options }),
    ...(config.apiKey === undefined ? {} : { secrets: () => [config.apiKey!] }),
  };
}

interface BindingConfig {
  readonly binding: AiGatewayBinding;
  readonly apiKey: string | undefined;
  readonly fetch: typeof globalThis.fetch | undefined;
}

async function send(options: { config: BindingConfig; request: GatewayRequest; options: GatewaySendOptions | undefined }): Promise<Response> {
  const { config, request } = options;
  const signal = options.options?.signal;
  signal?.throwIfAborted();
  // The gateway builds the provider's URL from each step's provider and endpoint (and getUrl's base
  // takes them as a path): a step that would move it is refused before anything is sent.
  for (let i = 0; i < request.steps.length; i++) {
    checkStepPath(request.steps[i]!, i);
  }
  // A single model with a JSON body comes as a provider-mode request; `run` takes it as a one-step
  // list, pre-authenticated (docs/protocol.md#workers-binding), where the provider-native path would need getUrl, a
  // fetch and a gateway token. Only a body `run` cannot carry (an upload) goes over fetch.
  if (request.mode === 'provider' && !(request.steps.length === 1 && request.steps[0]!.json && request.steps[0]!.method === 'POST')) {
    return sendProviderMode({ config, request, signal });
  }

  const steps: AiGatewayBindingStep[] = request.steps.map((step) => {
    const object = stepToObject(step);
    return { ...object, headers: { ...request.headers, ...object.headers } };
  });
  let response: Response;
  try {
    response = await raceAbort({ promise: config.binding.run(steps, signal === undefined ? undefined : { signal }), signal });
  } catch (error) {
    throw transportError({ error, signal, secrets: () => collectSecrets(request.headers, undefined, steps) });
  }
  return signal === undefined ? response : abortableBody({ response, signal });
}

async function sendProviderMode(options: { config: BindingConfig; request: GatewayRequest; signal: AbortSignal | undefined }): Promise<Response> {
  const { config, request, signal } = options;
  const step = providerStep(request);
  const { binding } = config;
  if (typeof binding.getUrl !== 'function') {
    throw invalidOption(
      'binding',
      `has no getUrl method, and this ${step.method} request to ${step.provider} has a non-JSON body (e.g. a file upload) that binding.run cannot carry`,
      'a binding with getUrl (env.AI.gateway(id)), or the HTTP transport (createHttpTransport, or createAiGateway({ accountId, gateway, apiKey })) for such calls',
    );
  }
  const headers = new Headers(request.headers);
  for (const [name, value] of Object.entries(step.headers)) headers.set(name, value);
  if (hasFormDataBody(step)) headers.delete('content-type');
  if (config.apiKey !== undefined) headers.set('cf-aig-authorization', `Bearer ${config.apiKey}`);
  const secrets = () => [...collectSecrets(headers), ...(config.apiKey === undefined ? [] : [config.apiKey])];

  let url: string;
  try {
    const base = await raceAbort({ promise: binding.getUrl(step.provider), signal });
    url = `${base.replace(/\/+$/, '')}/${step.endpoint.replace(/^\/+/, '')}`;
  } catch (error) {
    throw transportError({ error, signal, secrets });
  }
  // Never follow a redirect: it would carry the token and the body's keys to another address (core refuses the 3xx).
  const init: RequestInit = {
    method: step.method,
    redirect: 'manual',
    headers,
    body: stepBody(step),
  };
  if (signal !== undefined) init.signal = signal;
  const doFetch = config.fetch ?? globalThis.fetch;
  try {
    return await doFetch(url, init);
  } catch (error) {
    if (passesThrough(error, signal)) throw error;
    throw new AiGatewayNetworkError({ transport: TRANSPORT_NAME, url, cause: error, secrets: secrets() });
  }
}

/** The error a send rejects with: the abort as it is, a gateway error as its typed error, anything else as a network error. */
function transportError(options: { error: unknown; signal: AbortSignal | undefined; secrets: () => readonly string[] }): unknown {
  const { error, signal } = options;
  if (passesThrough(error, signal)) return error;
  const secrets = options.secrets();
  return gatewayErrorFromBindingError(error, { secrets }) ?? new AiGatewayNetworkError({ transport: TRANSPORT_NAME, cause: error, secrets });
}

/**
 * Settles with the abort reason as soon as the signal aborts, even when the binding ignores it;
 * a Response that arrives after that has its body cancelled.
 */
function raceAbort<T>(options: { promise: Promise<T>; signal: AbortSignal | undefined }): Promise<T> {
  const { promise, signal } = options;
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      reject(signal.reason as Error);
      void promise.then(
        (late) => {
          if (late instanceof Response) void late.body?.cancel().catch(() => undefined);
        },
        () => undefined,
      );
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: Error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * The response with a body that errors with the abort reason as soon as the signal aborts, and
 * cancels the binding's body (closing its connection), whether or not the binding honoured the signal.
 */
function abortableBody(options: { response: Response; signal: AbortSignal }): Response {
  const { response, signal } = options;
  const source = response.body;
  // A status no `Response` can be built with (600 and above) is passed on as it is: core refuses it.
  if (source === null || response.status < 200 || response.status > 599) return response;
  const reader = source.getReader();
  let done = false;
  const finish = () => {
    done = true;
    signal.removeEventListener('abort', onAbort);
  };
  let onAbort: () => void = () => undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      onAbort = () => {
        if (done) return;
        finish();
        controller.error(signal.reason);
        void reader.cancel(signal.reason).catch(() => undefined);
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    },
    async pull(controller) {
      try {
        const next = await reader.read();
        if (done) return;
        if (next.done) {
          finish();
          controller.close();
        } else {
          controller.enqueue(next.value);
        }
      } catch (error) {
        if (done) return;
        finish();
        controller.error(error);
      }
    },
    cancel(reason) {
      finish();
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

function checkSettings(settings: BindingTransportSettings): BindingConfig {
  if (typeof settings !== 'object' || settings === null) {
    throw invalidOption('settings', 'is not an object', "{ binding: env.AI.gateway('my-gateway'), apiKey?, fetch? }", settings);
  }
  const { binding, apiKey, fetch } = settings;
  if ((typeof binding !== 'object' && typeof binding !== 'function') || binding === null) {
    throw invalidOption(
      'binding',
      binding === undefined ? 'is missing' : 'is not an object',
      "the gateway binding, env.AI.gateway('my-gateway'), from an `ai` binding in the Wrangler config",
      binding,
    );
  }
  const candidate = binding as unknown as Record<string, unknown>;
  if (typeof candidate.run !== 'function') {
    const looksLikeAi = typeof candidate.gateway === 'function';
    throw invalidOption(
      'binding.run',
      looksLikeAi ? 'is missing: this looks like env.AI itself, not one of its gateways' : 'is missing (the binding has no run method)',
      looksLikeAi ? "env.AI.gateway('my-gateway')" : "the gateway binding env.AI.gateway('my-gateway'), whose run(data, options) returns a Response",
      candidate.run,
    );
  }
  for (const method of OPTIONAL_METHODS) {
    if (candidate[method] !== undefined && typeof candidate[method] !== 'function') {
      throw invalidOption(`binding.${method}`, 'is not a function', 'a method, or nothing', candidate[method]);
    }
  }
  if (apiKey !== undefined) {
    if (typeof apiKey !== 'string' || apiKey.trim() === '') throw invalidOption('apiKey', 'is not a non-empty string', 'an AI Gateway token (string), or nothing', apiKey);
    if (!/^[\x21-\x7e]+$/.test(apiKey)) throw invalidOption('apiKey', 'contains a space, control or non-ASCII character', 'a token of printable ASCII characters', apiKey);
  }
  if (fetch !== undefined && typeof fetch !== 'function') throw invalidOption('fetch', 'is not a function', 'a fetch-compatible function', fetch);
  return { binding, apiKey, fetch };
}
