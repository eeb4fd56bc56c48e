import type { IncomingMessage } from 'node:http';
import { parseFaultHeader, type EmulatorFault } from '../fault-controls.js';
import { GatewayError } from './exchange-context.js';
import type { UpstreamResponse } from '../upstreams/index.js';

/** Headers that carry a provider key. */
export const PROVIDER_AUTH_HEADERS = ['authorization', 'x-api-key', 'api-key', 'x-goog-api-key', 'xi-api-key'];
export const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade', 'te', 'trailer', 'proxy-connection', 'expect']);
/** How much of a request or response body a log entry keeps. */
export const HEAD_LIMIT = 4096;

/** A malformed x-emulator-fault header: answered as a 400 gateway error. */
export class FaultHeaderError extends Error {}

export function parseFault(value: unknown): EmulatorFault | undefined {
  try {
    return parseFaultHeader({ value });
  } catch (error) {
    throw new FaultHeaderError(error instanceof Error ? error.message : 'bad x-emulator-fault');
  }
}

/** The cf-aig-* headers of a layer, with the deprecated aliases mapped (the cf-aig-* spelling wins). */
export function cfHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers['cf-cache-ttl'] !== undefined) out['cf-aig-cache-ttl'] = headers['cf-cache-ttl'];
  if (headers['cf-skip-cache'] !== undefined) out['cf-aig-skip-cache'] = headers['cf-skip-cache'];
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('cf-aig-') && name !== 'cf-aig-authorization') out[name] = value;
  }
  return out;
}

/** The largest request body the emulator reads (Cloudflare's default upload limit); a larger one is answered 413. */
export const MAX_BODY_BYTES = 100 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}

function tooLarge(): GatewayError {
  return new GatewayError({ code: 2005, status: 413, message: `Request body larger than ${MAX_BODY_BYTES} bytes` });
}

/** The chunks as one byte array (the one chunk itself when there is one). */
export function concat(chunks: Uint8Array[]): Uint8Array {
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks);
}

export function toNumber(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** Lets go of an answer that will not be sent (a streamed body stops its producer). */
export function discard(body: UpstreamResponse['body']): void {
  if (typeof body === 'string' || body instanceof Uint8Array) return;
  const iterator = body[Symbol.asyncIterator]();
  void iterator.return?.()?.catch?.(() => undefined);
}
