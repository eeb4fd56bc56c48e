import { AiGatewayUnroutableModelError } from '@aigw/errors';
import type { CapturedRequest } from './capture';
import type { GatewayRequest, GatewayStep } from './gateway-request';
import { HOP_BY_HOP_HEADERS } from './headers';
import { checkStepPath } from './path-segment';
import { isPlaceholderCredential } from './placeholder-key';
import { resolveRoute, type ProviderRoute } from './provider-table';
import { invalidOption } from './transport-kit';

/** Options of `encodeStep`: extra routes, a forced provider and per-leg headers. */
export interface EncodeStepOptions {
  /** Extra routes tried before the default table. */
  readonly routes?: readonly ProviderRoute[];
  /** Force the gateway provider id of this leg, whatever the URL's host. */
  readonly provider?: string;
  /** Per-leg `cf-aig-*` headers; they win over the outer request's (step precedence). */
  readonly headers?: Readonly<Record<string, string>>;
  /** For error messages: the model's provider and id. */
  readonly model?: { readonly provider: string; readonly modelId: string };
}

const textDecoder = new TextDecoder();

/**
 * Turns a captured provider request into a gateway step: maps the URL through the provider table,
 * drops hop-by-hop headers, placeholder keys and any `cf-aig-authorization`, and keeps a JSON body
 * as its text, unparsed.
 */
export function encodeStep(request: CapturedRequest, options: EncodeStepOptions = {}): GatewayStep {
  const route = resolveRoute(request.url, { routes: options.routes, forceProvider: options.provider });
  if (!route) {
    throw new AiGatewayUnroutableModelError({
      provider: options.model?.provider ?? 'unknown',
      modelId: options.model?.modelId ?? 'unknown',
      url: request.url,
    });
  }
  // The provider and the endpoint become the path of the gateway request (and of the gateway's own
  // request to the provider): a model id such as `@cf/../../other-account/other-gateway/x` must not move it.
  checkStepPath(route, () => {
    const where = options.model ? `the request path of ${options.model.provider} model ${options.model.modelId}` : 'the request path';
    return { provider: `${where} (provider)`, endpoint: where };
  });
  const headers: Record<string, string> = {};
  const given = request.headers;
  for (const name in given) {
    const value = given[name]!;
    if (HOP_BY_HOP_HEADERS.has(name) || name === 'cf-aig-authorization' || isPlaceholderCredential(value)) continue;
    headers[name] = value;
  }
  if (options.headers) for (const name in options.headers) headers[name] = options.headers[name]!;

  let body = request.body;
  const contentType = headers['content-type'] ?? '';
  if ((body instanceof Uint8Array || body instanceof ArrayBuffer) && contentType.includes('json')) {
    body = textDecoder.decode(body);
  }
  const json = typeof body === 'string' && (contentType.includes('json') || (contentType === '' && /^\s*[[{]/.test(body)));
  return { provider: route.provider, endpoint: route.endpoint, method: request.method, headers, body, json };
}

/**
 * The longest fallback list sent: a list is tried one model after another on the gateway's side,
 * so a longer one only adds latency and memory.
 */
export const MAX_FALLBACK_STEPS = 32;

/** Refuses a fallback list longer than `MAX_FALLBACK_STEPS` with `AiGatewayInvalidOptionsError`, before anything is built from it. */
export function checkStepCount(length: number): void {
  if (length > MAX_FALLBACK_STEPS) {
    throw invalidOption('models', `is a fallback list of ${length} models`, `at most ${MAX_FALLBACK_STEPS} models`, length);
  }
}

/** Options of `encodeGatewayRequest`. */
export interface EncodeGatewayRequestOptions {
  /**
   * Send a single model with a JSON body to the universal endpoint as a one-step list, as
   * ai-gateway-provider 4.x did, instead of the provider-native path. A request with a non-JSON
   * body (an upload) still goes to the provider-native path: the universal endpoint takes JSON only.
   */
  readonly universal?: boolean;
}

/**
 * Builds the gateway request for a list of steps. One step goes to the provider-native path with
 * its body untouched, JSON or not: the gateway passes it through as the provider's own request,
 * so nothing is spliced or copied. Two or more steps make a universal request (the gateway's
 * server-side fallback), which needs every body to be JSON sent with POST (and so does one step with `universal`).
 */
export function encodeGatewayRequest(steps: readonly GatewayStep[], headers: Readonly<Record<string, string>> = {}, options: EncodeGatewayRequestOptions = {}): GatewayRequest {
  if (steps.length === 0) {
    throw invalidOption('models', 'is an empty list', 'at least one model', []);
  }
  checkStepCount(steps.length);
  if (steps.length === 1) {
    const only = steps[0]!;
    return options.universal === true && only.json && only.method === 'POST' ? { mode: 'universal', steps, headers } : { mode: 'provider', steps, headers };
  }
  const step = steps.find((s) => !(s.json && s.method === 'POST'));
  if (step === undefined) return { mode: 'universal', steps, headers };
  throw invalidOption(
    'models',
    `is a fallback list of ${steps.length} models, but a ${step.method} request with a ${step.json ? 'JSON' : 'non-JSON (e.g. multipart)'} body to ${step.provider} can only go to the provider-native path, which takes one model`,
    'a single model for calls that upload files or send non-JSON bodies',
    steps.map((s) => s.provider),
  );
}
