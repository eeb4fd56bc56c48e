/**
 * A double of the Workers AI binding (`env.AI`) that talks to an emulator over HTTP.
 * @packageDocumentation
 * @module @aigw/emulator/binding
 */
/** Marks requests of the binding double (not forwarded upstream). */
export const BINDING_HEADER = 'x-emulator-binding';

/** One universal step as the binding's `run` takes it: `query` is an object. */
export interface BindingStep {
  provider: string;
  endpoint: string;
  headers?: Record<string, string | number | boolean>;
  query: unknown;
  config?: { requestTimeout?: number; maxAttempts?: number; retryDelay?: number; backoff?: 'constant' | 'linear' | 'exponential' };
}

/** The binding's gateway options (workerd `UniversalGatewayOptions`). */
export interface BindingGatewayOptions {
  cacheKey?: string;
  cacheTtl?: number;
  skipCache?: boolean;
  metadata?: Record<string, number | string | boolean | null | bigint>;
  collectLog?: boolean;
  eventId?: string;
  requestTimeoutMs?: number;
  retries?: { maxAttempts?: number; retryDelayMs?: number; backoff?: 'constant' | 'linear' | 'exponential' };
}

/** Options of `run`. */
export interface BindingRunOptions {
  gateway?: BindingGatewayOptions;
  extraHeaders?: Record<string, string>;
  signal?: AbortSignal;
}

/** A double of `env.AI.gateway(id)` (docs/protocol.md#workers-binding). */
export interface EmulatorBinding {
  /** Sends one step or a fallback chain; throws an `AiGatewayError` on a gateway error envelope. */
  run(data: BindingStep | BindingStep[], options?: BindingRunOptions): Promise<Response>;
  /** `{base}/{account}/{gateway}/` or `{base}/{account}/{gateway}/{provider}`. */
  getUrl(provider?: string): Promise<string>;
  /** The stored log entry; throws an `AiGatewayLogNotFound` error when there is none. */
  getLog(logId: string): Promise<Record<string, unknown>>;
  /** Sets score, feedback or metadata of a log entry. */
  patchLog(logId: string, data: { score?: number | null; feedback?: -1 | 1 | null; metadata?: Record<string, unknown> | null }): Promise<void>;
}

/** Options of `emulatorBinding`. */
export interface EmulatorBindingOptions {
  /** The emulator's base URL, `http://127.0.0.1:PORT/v1`. */
  baseURL: string;
  /** Default `emulator-account`. */
  accountId?: string;
  gateway: string;
  /** The emulator token, sent as `cf-aig-authorization` (binding calls are pre-authenticated). */
  token?: string;
  /** The fetch to use. Default the global one. */
  fetch?: typeof fetch;
}

/**
 * A double of the Workers binding's `env.AI.gateway(id)` that talks to an emulator over HTTP.
 * It only uses fetch, Response and URL, so it also runs inside workerd.
 */
export function emulatorBinding(options: EmulatorBindingOptions): EmulatorBinding {
  const base = options.baseURL.replace(/\/+$/, '');
  const gatewayURL = `${base}/${encodeURIComponent(options.accountId ?? 'emulator-account')}/${encodeURIComponent(options.gateway)}`;
  const doFetch = options.fetch ?? fetch;
  const auth: Record<string, string> = options.token !== undefined ? { 'cf-aig-authorization': `Bearer ${options.token}` } : {};

  async function logRequest(logId: string, init: RequestInit): Promise<Record<string, unknown>> {
    const response = await doFetch(`${gatewayURL}/logs/${encodeURIComponent(logId)}`, {
      ...init,
      headers: { ...auth, 'content-type': 'application/json' },
    });
    const body = (await response.json().catch(() => null)) as { success?: boolean; result?: Record<string, unknown>; errors?: { message?: string }[] } | null;
    if (response.status === 404) throw namedError('AiGatewayLogNotFound', 'Log not found');
    if (!response.ok || body?.success !== true || body.result === undefined) {
      throw namedError('AiGatewayInternalError', body?.errors?.[0]?.message ?? `log request failed with status ${response.status}`);
    }
    return body.result;
  }

  return {
    async run(data, runOptions = {}) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        ...auth,
        ...gatewayHeaders(runOptions.gateway ?? {}),
        ...(runOptions.extraHeaders ?? {}),
        // Tells the emulator this is the binding path: Workers AI on the account, resumable streams.
        [BINDING_HEADER]: 'true',
      };
      const init: RequestInit = { method: 'POST', headers, body: JSON.stringify(data) };
      if (runOptions.signal !== undefined) init.signal = runOptions.signal;
      const response = await doFetch(gatewayURL, init);
      if (response.ok || !(response.headers.get('content-type') ?? '').includes('application/json')) return response;
      const text = await response.text();
      const envelope = parseEnvelope(text);
      if (envelope !== undefined) throw bindingError(envelope, response.status);
      return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
    },
    getUrl(provider) {
      return Promise.resolve(provider === undefined ? `${gatewayURL}/` : `${gatewayURL}/${provider}`);
    },
    getLog(logId) {
      return logRequest(logId, { method: 'GET' });
    },
    async patchLog(logId, body) {
      await logRequest(logId, { method: 'PATCH', body: JSON.stringify(body) });
    },
  };
}

function gatewayHeaders(gateway: BindingGatewayOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const put = (name: string, value: string | number | boolean | undefined) => {
    if (value !== undefined) headers[name] = String(value);
  };
  put('cf-aig-cache-key', gateway.cacheKey);
  put('cf-aig-cache-ttl', gateway.cacheTtl);
  put('cf-aig-skip-cache', gateway.skipCache);
  if (gateway.metadata !== undefined) {
    headers['cf-aig-metadata'] = JSON.stringify(gateway.metadata, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  }
  put('cf-aig-collect-log', gateway.collectLog);
  put('cf-aig-event-id', gateway.eventId);
  put('cf-aig-request-timeout', gateway.requestTimeoutMs);
  put('cf-aig-max-attempts', gateway.retries?.maxAttempts);
  put('cf-aig-retry-delay', gateway.retries?.retryDelayMs);
  put('cf-aig-backoff', gateway.retries?.backoff);
  return headers;
}

interface Envelope {
  code: number | undefined;
  message: string;
  fields: Record<string, unknown>;
}

/** The first entry of a gateway error envelope: `error` a list or one object, with or without a code. */
function parseEnvelope(text: string): Envelope | undefined {
  try {
    const body = JSON.parse(text) as { success?: unknown; error?: unknown };
    if (body.success !== false || body.error === null || typeof body.error !== 'object') return undefined;
    const first = (Array.isArray(body.error) ? body.error[0] : body.error) as Record<string, unknown> | undefined;
    if (first === undefined || first === null || typeof first !== 'object') return undefined;
    const { code, message, ...fields } = first;
    if (typeof code !== 'number' && typeof message !== 'string') return undefined;
    return { code: typeof code === 'number' ? code : undefined, message: typeof message === 'string' ? message : '', fields };
  } catch {
    return undefined;
  }
}

/**
 * What the binding throws for a gateway error: an `AiGatewayError` with the message `"2021: …"`, or,
 * for a refusal without a code (a policy's), the gateway's message alone. It also carries `httpCode`,
 * `internalCode` (with a code) and the entry's other fields (a spend cap's `bucket`, `spent`, `limit`)
 * [inferred: the real binding's fields for these are undocumented].
 */
function bindingError(envelope: Envelope, status: number): Error {
  const error = namedError('AiGatewayError', envelope.code === undefined ? envelope.message : `${envelope.code}: ${envelope.message}`);
  return Object.assign(error, envelope.fields, { httpCode: status }, envelope.code === undefined ? {} : { internalCode: envelope.code });
}

function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** A double of the whole `env.AI` binding: its gateways, and its `fetch` to `https://workers-binding.ai/...`. */
export interface EmulatorAi {
  /** The double of `env.AI.gateway(id)` for the gateway `id`. */
  gateway(id: string): EmulatorBinding;
  /**
   * What `env.AI.fetch` does for the resume endpoint of a streamed run:
   * `https://workers-binding.ai/ai-gateway/gateways/{gw}/run/{runId}/resume?from={event}`.
   */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
}

/** Options of `emulatorAi`: those of `emulatorBinding` without the gateway. */
export type EmulatorAiOptions = Omit<EmulatorBindingOptions, 'gateway'>;

/** A double of `env.AI` bound to an emulator; like `emulatorBinding`, it runs inside workerd too. */
export function emulatorAi(options: EmulatorAiOptions): EmulatorAi {
  const origin = new URL(options.baseURL).origin;
  const doFetch = options.fetch ?? fetch;
  return {
    gateway: (id) => emulatorBinding({ ...options, gateway: id }),
    fetch(input, init) {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.host !== 'workers-binding.ai') return Promise.reject(new TypeError(`env.AI.fetch double: no route for ${url.host}`));
      const request: RequestInit = { method: init?.method ?? 'GET', headers: { [BINDING_HEADER]: 'true' } };
      if (init?.signal) request.signal = init.signal;
      return doFetch(`${origin}${url.pathname}${url.search}`, request);
    },
  };
}
