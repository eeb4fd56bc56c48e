import type { GatewayRequest, GatewayStep } from './gateway-request';

// The body of a fallback request: the gateway's universal endpoint takes the legs as a JSON array of steps.

/**
 * The JSON text of a universal request: an array of `{ provider, endpoint, headers, query }`.
 * A step's JSON body is spliced in as it is, so a body the provider SDK already serialised is
 * never parsed and stringified again.
 */
export function universalBody(request: GatewayRequest): string {
  return universalBodyParts(request).join('');
}

const encoder = new TextEncoder();

/**
 * `universalBody(request)` as UTF-8 bytes, encoded piece by piece: the text is never joined.
 * This is what a transport should send: a large body is never copied into one string first.
 */
export function universalBodyBytes(request: GatewayRequest): Uint8Array<ArrayBuffer> {
  const parts = universalBodyParts(request);
  let units = 0;
  for (const part of parts) units += part.length;
  // UTF-8 takes at least one byte per UTF-16 unit, so ASCII text (most JSON bodies) fills this exactly.
  const bytes = new Uint8Array(units);
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const { read, written } = encoder.encodeInto(part, bytes.subarray(at));
    at += written;
    if (read < part.length) return widen(bytes.subarray(0, at), [part.slice(read), ...parts.slice(i + 1)]);
  }
  return bytes;
}

/** The bytes so far, then the rest encoded at its real length (text beyond ASCII takes more bytes than units). */
function widen(done: Uint8Array, rest: readonly string[]): Uint8Array<ArrayBuffer> {
  const encoded = rest.map((part) => encoder.encode(part));
  let size = done.length;
  for (const piece of encoded) size += piece.length;
  const bytes = new Uint8Array(size);
  bytes.set(done);
  let at = done.length;
  for (const piece of encoded) {
    bytes.set(piece, at);
    at += piece.length;
  }
  return bytes;
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
