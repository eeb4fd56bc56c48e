import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { gatewayErrorBody, type GatewayErrorSpec } from '../gateway-error.js';
import { redactHeaders } from '../redact-headers.js';
import { storeAnswer } from './cache.js';
import { baseHeaders, BODY_LIMIT, GatewayError, type Answer, type ExchangeContext } from './exchange-context.js';
import { dropConnection } from './drop-connection.js';
import { concat, FaultHeaderError, HEAD_LIMIT, HOP_BY_HOP } from './exchange-helpers.js';
import { recordLog } from './record-log.js';
import { sendRun } from './send-run.js';
import { createEventPadder } from './sse-padding.js';

const encoder = new TextEncoder();
const TAIL_LIMIT = 16_384;

/**
 * Writes an answer (whole or streamed) to the client with the gateway's headers, applying the
 * fault's chunk delay or dropped connection. The call is recorded just before the last byte.
 */
export async function sendAnswer(options: { ctx: ExchangeContext; answer: Answer }): Promise<void> {
  const { ctx, answer } = options;
  ctx.call.step = answer.step;
  ctx.call.cacheStatus = answer.cacheStatus;
  const fault = answer.fault;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    const lower = name.toLowerCase();
    if (!HOP_BY_HOP.has(lower) && !lower.startsWith('cf-aig-')) headers[lower] = value;
  }
  Object.assign(headers, baseHeaders({ ctx, step: fault.stepHeader ?? String(answer.step) }));
  if (answer.cacheStatus !== null) headers['cf-aig-cache-status'] = answer.cacheStatus;
  if (answer.target.route !== undefined) {
    headers['cf-aig-model'] = answer.target.route.model;
    headers['cf-aig-provider'] = answer.target.route.provider;
  }
  const routed = answer.target.autoRoute;
  if (routed !== undefined) {
    headers['cf-aig-routed-model'] = routed.model;
    headers['cf-aig-routing-reason'] = routed.reason;
    headers['cf-aig-routing-decision-id'] = routed.decisionId;
  }
  ctx.call.status = answer.status;
  ctx.call.responseHeaders = redactHeaders(headers);
  if ((headers['content-type'] ?? '').includes('text/event-stream')) ctx.call.streamed = true;
  const res = ctx.res;
  const body = answer.body;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    const bytes = typeof body === 'string' ? encoder.encode(body) : body;
    storeAnswer({ ctx, answer, bytes, headers });
    if (fault.dropAfterEvents === 0) {
      res.writeHead(answer.status, headers);
      res.flushHeaders();
      ctx.call.fault = 'dropped';
      recordLog({ ctx, answer, responseBytes: new Uint8Array() });
      dropConnection(res);
      return;
    }
    headers['content-length'] = String(bytes.byteLength);
    res.writeHead(answer.status, headers);
    recordLog({ ctx, answer, responseBytes: bytes });
    res.end(bytes);
    return;
  }
  const eventStream = answer.status < 300 && (headers['content-type'] ?? '').includes('text/event-stream');
  const padding = eventStream ? ctx.controls.ssePadding : 0;
  if (padding > 0) ctx.call.ssePadding = padding;
  if (ctx.binding && eventStream) return sendRun({ ctx, answer, headers, body, padding });
  res.writeHead(answer.status, headers);
  res.flushHeaders();
  const head: Uint8Array[] = [];
  // The last bytes of the stream too: its final events carry the token usage for the log.
  const tail: Uint8Array[] = [];
  // Its first BODY_LIMIT bytes, for the log viewer's "Load full bodies".
  const whole: Uint8Array[] = [];
  let tailSize = 0;
  let size = 0;
  let events = 0;
  /** Counts a chunk written, keeping it when it belongs to the head or the tail (and the first BODY_LIMIT bytes for the viewer). */
  const keep = (chunk: Uint8Array) => {
    size += chunk.byteLength;
    if (size - chunk.byteLength < BODY_LIMIT) whole.push(chunk);
    if (size - chunk.byteLength < HEAD_LIMIT) head.push(chunk);
    else {
      tail.push(chunk);
      tailSize += chunk.byteLength;
      while (tailSize - tail[0]!.byteLength >= TAIL_LIMIT) tailSize -= tail.shift()!.byteLength;
    }
  };
  // Padding reads lines across chunks: an event split by the network is padded once, whole.
  const padder = padding > 0 ? createEventPadder(padding) : undefined;
  const iterator = body[Symbol.asyncIterator]();
  try {
    if (fault.dropAfterEvents === 0) {
      ctx.call.fault = 'dropped';
      recordLog({ ctx, answer, responseBytes: new Uint8Array(), responseSize: 0 });
      dropConnection(res);
      return;
    }
    for (;;) {
      if (events > 0 && fault.chunkDelayMs !== undefined && fault.chunkDelayMs > 0) {
        await sleep(fault.chunkDelayMs, undefined, { signal: ctx.signal });
      }
      const next = await iterator.next();
      if (next.done === true || ctx.signal.aborted) {
        // The end of a padded stream: what followed its last line ending.
        const rest = next.done === true ? padder?.end() : undefined;
        if (rest !== undefined && rest.byteLength > 0) {
          keep(rest);
          res.write(rest);
        }
        break;
      }
      const chunk = padder !== undefined ? padder.push(next.value) : typeof next.value === 'string' ? encoder.encode(next.value) : next.value;
      keep(chunk);
      events += 1;
      const flushed = new Promise<void>((resolve) => res.write(chunk, () => resolve()));
      if (res.writableNeedDrain) await once(res, 'drain', { signal: ctx.signal });
      if (fault.dropAfterEvents !== undefined && events >= fault.dropAfterEvents) await flushed;
      if (fault.dropAfterEvents !== undefined && events >= fault.dropAfterEvents) {
        ctx.call.fault = 'dropped';
        recordLog({ ctx, answer, responseBytes: concat(head), responseSize: size, streamTail: concat(tail), responseBody: concat(whole) });
        dropConnection(res);
        return;
      }
    }
  } finally {
    void iterator.return?.()?.catch?.(() => undefined);
  }
  recordLog({ ctx, answer, responseBytes: concat(head), responseSize: size, streamTail: concat(tail), responseBody: concat(whole) });
  res.end();
}

/** Answers with a gateway error envelope, or gives up quietly when the client is gone. */
export function sendError(options: { ctx: ExchangeContext; error: unknown }): void {
  const { ctx, error } = options;
  const res = ctx.res;
  if (res.headersSent || res.destroyed || ctx.signal.aborted) {
    recordLog({ ctx });
    if (!res.writableEnded) res.destroy();
    return;
  }
  let spec: GatewayErrorSpec;
  if (error instanceof GatewayError) spec = error.spec;
  else if (error instanceof FaultHeaderError) spec = { code: 2005, status: 400, message: error.message };
  else spec = { code: 2005, status: 500, message: `emulator failure: ${error instanceof Error ? error.message : String(error)}` };
  const { status, body } = gatewayErrorBody(spec);
  ctx.call.status = status;
  if (spec.code !== undefined) ctx.call.gatewayError = spec.code;
  if (spec.refusal !== undefined) ctx.call.refusal = spec.refusal;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    ...baseHeaders({ ctx, step: String(ctx.call.step ?? 0) }),
  };
  // A refusal without a code (a policy's) is decided before any step: it has no cf-aig-step.
  if (!(spec.stepHeader ?? spec.code !== undefined)) delete headers['cf-aig-step'];
  if (spec.retryAfter !== undefined) headers['retry-after'] = String(spec.retryAfter);
  ctx.call.responseHeaders = headers;
  recordLog({ ctx, responseBody: encoder.encode(body) });
  res.writeHead(status, headers);
  res.end(body);
}

/** A path the emulator has no route for, in Cloudflare's v4 envelope. */
export function sendNotFound(ctx: ExchangeContext): void {
  const body = JSON.stringify({ result: null, success: false, errors: [{ code: 7000, message: 'No route for that URI' }], messages: [] });
  ctx.call.status = 404;
  const headers = { 'content-type': 'application/json', ...baseHeaders({ ctx, step: '0' }) };
  ctx.call.responseHeaders = headers;
  recordLog({ ctx, responseBody: encoder.encode(body) });
  ctx.res.writeHead(404, headers);
  ctx.res.end(body);
}
