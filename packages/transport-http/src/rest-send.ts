import { invalidOption, passesThrough, pathSegment, stepBody, type GatewayRequest, type GatewaySendOptions, type GatewayStep } from '@aigw/core';
import { AiGatewayNetworkError } from '@aigw/errors';
import type { checkHeaderSize, setStepHeader } from './create-http-transport';
import type { RestConfig } from './create-rest-transport';

// The REST API transport's sending: loaded by `createRestTransport` on its first request.

/** What the sending shares with the HTTP transport, handed over by `createRestTransport`. */
export interface RestTools {
  readonly name: string;
  readonly userAgent: string;
  readonly setStepHeader: typeof setStepHeader;
  readonly checkHeaderSize: typeof checkHeaderSize;
}

const MODEL_ID_ALLOWED = 'a Workers AI model id whose parts between "/" are non-empty, are not "." or "..", and hold only letters, digits and -._~!$&\'()*+,;=:@';

/** The REST API path (after `/accounts/{accountId}/ai/`) of a gateway step, or an error naming what the REST API cannot take. */
function restPath(step: GatewayStep, body: string | undefined): string {
  const endpoint = step.endpoint.replace(/^\/+/, '');
  if (step.provider === 'workers-ai') {
    if (endpoint === 'v1/chat/completions' || endpoint === 'v1/embeddings') return endpoint;
    if (/^@(?:cf|hf)\//.test(endpoint)) return `run/${pathSegment(endpoint, { option: 'model', allowed: MODEL_ID_ALLOWED, slashes: true })}`;
  }
  if (step.provider === 'compat' && (endpoint === 'chat/completions' || endpoint === 'v1/chat/completions')) {
    const model = body === undefined ? undefined : modelOf(body);
    if (model?.startsWith('dynamic/') === true) {
      throw invalidOption('model', 'is a dynamic route, which the REST API does not serve (the gateway serves it on its compat endpoint)', 'a Workers AI id or a gateway catalog id; for dynamic routes, createHttpTransport with the gateway', model);
    }
    return 'v1/chat/completions';
  }
  throw invalidOption('model', 'is a request the REST API transport does not send (it sends Workers AI ids and gateway catalog ids)', 'a Workers AI id ("@cf/...") or a gateway catalog id ("openai/gpt-5-mini"); for model objects of @ai-sdk/* providers, createHttpTransport with the gateway', `${step.provider}/${endpoint}`);
}

function modelOf(body: string): string | undefined {
  try {
    const model = (JSON.parse(body) as { model?: unknown } | null)?.model;
    return typeof model === 'string' ? model : undefined;
  } catch {
    return undefined;
  }
}

export async function send(config: RestConfig, request: GatewayRequest, options: GatewaySendOptions | undefined, tools: RestTools): Promise<Response> {
  const { setStepHeader, checkHeaderSize } = tools;
  const signal = options?.signal;
  signal?.throwIfAborted();
  const step = request.steps[0];
  if (step === undefined || request.steps.length !== 1) {
    throw invalidOption('models', 'is a fallback list, which the REST API does not take (one model per request)', 'one model id; for a fallback list, createHttpTransport with the gateway', request.steps.length);
  }
  const text = typeof step.body === 'string' ? step.body : undefined;
  const url = `${config.accountRoot}/ai/${restPath(step, text)}`;
  const headers: Record<string, string> = { ...config.headers };
  for (const name in request.headers) headers[name.toLowerCase()] = request.headers[name]!;
  for (const name in step.headers) {
    const lower = name.toLowerCase();
    // The id model's own credential slot: the REST API's token replaces it.
    if (lower === 'authorization' || lower === 'cf-aig-authorization') continue;
    setStepHeader(headers, name, step.headers[name]!);
  }
  headers.authorization = config.authorization;
  if (config.gateway !== undefined) headers['cf-aig-gateway-id'] = config.gateway;
  const agent = headers['user-agent'];
  headers['user-agent'] = agent === undefined || agent === '' ? tools.userAgent : `${agent} ${tools.userAgent}`;
  checkHeaderSize(headers);

  const body = stepBody(step);
  const doFetch = config.fetch ?? globalThis.fetch;
  // Never follow a redirect: it would carry the token elsewhere.
  const init: RequestInit = { method: step.method, headers, body, redirect: 'manual' };
  if (signal !== undefined) init.signal = signal;
  try {
    return await doFetch(url, init);
  } catch (error) {
    if (passesThrough(error, signal)) throw error;
    throw new AiGatewayNetworkError({
      transport: tools.name,
      cause: error,
      request: { method: step.method, url, headers, ...(text !== undefined ? { body: text } : {}) },
      secrets: config.secrets,
    });
  }
}
