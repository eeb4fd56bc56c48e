import type { GatewayRequest, GatewayStep } from './gateway-request';

/**
 * The JSON text of a universal request: an array of `{ provider, endpoint, headers, query }`.
 * A step's JSON body is spliced in as it is, so a body the provider SDK already serialised is
 * never parsed and stringified again.
 */
export function universalBody(request: GatewayRequest): string {
  return universalBodyParts(request).join('');
}

/** The JSON text in pieces, the provider bodies among them untouched. */
function universalBodyParts(request: GatewayRequest): string[] {
  const parts: string[] = [];
  let head = '[';
  for (let i = 0; i < request.steps.length; i++) {
    const step = request.steps[i]!;
    if (i > 0) head += ',';
    head += '{"provider":' + JSON.stringify(step.provider) + ',"endpoint":' + JSON.stringify(step.endpoint);
    head += ',"headers":' + JSON.stringify(step.headers) + ',"query":';
    if (step.json && typeof step.body === 'string' && step.body.length > 0) {
      parts.push(head, step.body);
      head = '}';
    } else {
      head += '{}}';
    }
  }
  parts.push(head + ']');
  return parts;
}

/** A step as a plain object, its JSON body parsed: what the Workers binding's `run` takes. */
export function stepToObject(step: GatewayStep): { provider: string; endpoint: string; headers: Record<string, string>; query: unknown } {
  const query: unknown = step.json && typeof step.body === 'string' && step.body.length > 0 ? JSON.parse(step.body) : {};
  return { provider: step.provider, endpoint: step.endpoint, headers: { ...step.headers }, query };
}
