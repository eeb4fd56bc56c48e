import type { GatewayRequest, GatewayStep } from './gateway-request';

/**
 * The JSON text of a universal request: an array of `{ provider, endpoint, headers, query }`.
 * A step's JSON body is spliced in as it is, so a body the provider SDK already serialised is
 * never parsed and stringified again.
 */
export function universalBody(request: GatewayRequest): string {
  let out = '[';
  for (let i = 0; i < request.steps.length; i++) {
    const step = request.steps[i]!;
    if (i > 0) out += ',';
    out += '{"provider":' + JSON.stringify(step.provider);
    out += ',"endpoint":' + JSON.stringify(step.endpoint);
    out += ',"headers":' + JSON.stringify(step.headers);
    out += ',"query":' + (step.json && typeof step.body === 'string' && step.body.length > 0 ? step.body : '{}');
    out += '}';
  }
  return out + ']';
}

/** A step as a plain object, its JSON body parsed: what the Workers binding's `run` takes. */
export function stepToObject(step: GatewayStep): { provider: string; endpoint: string; headers: Record<string, string>; query: unknown } {
  const query: unknown = step.json && typeof step.body === 'string' && step.body.length > 0 ? JSON.parse(step.body) : {};
  return { provider: step.provider, endpoint: step.endpoint, headers: { ...step.headers }, query };
}
