import { AiGatewayInsufficientCreditsError, AiGatewayNetworkError, AiGatewayUnauthorizedError, type AiGatewayResponseError } from '@aigw/errors';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeGatewayResponse } from '../decode';
import { encodeGatewayRequest, encodeStep } from '../encode';
import type { GatewayRequest } from '../gateway-request';
import type { GatewayTransport } from '../gateway-transport';
import { optionsToHeaders } from '../options';
import {
  CONFORMANCE_PROVIDER_KEY,
  chatStep,
  completionText,
  fetchLogEntry,
  streamedText,
  transcriptionRequest,
  universalRequest,
} from './conformance-requests';
import type { ConformanceTarget, TransportConformanceOptions } from './conformance-target';

// Users run this suite on shared, slow CI machines, so no case depends on the machine being idle:
// every bound below is a safety net against a hang, an order of magnitude above what a loaded 2-core
// machine needs, and the timed faults are long enough that the behaviour checked (first bytes before
// the last, an abort before the answer) cannot happen by accident of scheduling.
/** Per-case timeout; every wait inside a case is bounded well below it. */
const CASE_TIMEOUT_MS = 120_000;
/** How long an abort may take to settle a pending send or a stream read (a hang, not slowness). */
const ABORT_SETTLE_MS = 15_000;
/** How long the emulator delays the answer that an abort must beat: far beyond ABORT_SETTLE_MS. */
const HELD_ANSWER_MS = 60_000;

/**
 * Registers the `GatewayTransport` conformance cases (vitest `describe`/`it`) for a transport:
 * success, streaming without buffering, aborts before and during a stream, gateway error envelopes,
 * network failures, `cf-aig-*` response headers and 1000 concurrent sends. It runs against a
 * running `@aigw/emulator` and uses only web-standard APIs, so it also runs inside workerd; it
 * never starts a server itself.
 *
 * @example
 * ```ts
 * let emulator: Emulator;
 * beforeAll(async () => { emulator = await startEmulator(); });
 * afterAll(() => emulator.close());
 * describeTransportConformance({
 *   name: 'http',
 *   target: () => ({ baseURL: emulator.baseURL, accountId: emulator.accountId, gateway: 'emulator-gateway', token: emulator.token }),
 *   createTransport: (t) => createHttpTransport({ baseURL: t.baseURL, accountId: t.accountId, gateway: t.gateway, apiKey: t.token }),
 * });
 * ```
 */
export function describeTransportConformance(options: TransportConformanceOptions): void {
  describe(`GatewayTransport conformance: ${options.name}`, () => {
    let target: ConformanceTarget;
    let transport: GatewayTransport;
    const secrets = () => [CONFORMANCE_PROVIDER_KEY, ...(target.token === undefined ? [] : [target.token])];

    beforeAll(async () => {
      target = await options.target();
      transport = await options.createTransport(target);
    });

    it('has a name for error messages', () => {
      expect(typeof transport.name).toBe('string');
      expect(transport.name.length).toBeGreaterThan(0);
    });

    it(
      'sends a hand-built universal request and returns the answer',
      async () => {
        const request = universalRequest({ steps: [chatStep({ content: 'hello conformance' })] });
        const response = await transport.send(request);
        expect(response.status).toBe(200);
        const decoded = await decodeGatewayResponse(response, request);
        expect(decoded.metadata).toMatchObject({ step: 0, provider: 'openai' });
        expect(await completionText(decoded.response)).toBe('Echo: hello conformance');
      },
      CASE_TIMEOUT_MS,
    );

    it(
      "sends a request encoded by core's encodeStep and encodeGatewayRequest, with its cf-aig-* options",
      async () => {
        const step = encodeStep({
          method: 'POST',
          url: 'https://api.openai.com/v1/chat/completions',
          headers: { authorization: `Bearer ${CONFORMANCE_PROVIDER_KEY}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'gpt-conformance', messages: [{ role: 'user', content: 'encoded by core' }] }),
        });
        const request = encodeGatewayRequest([step], optionsToHeaders({ eventId: 'conformance-encoded', collectLog: true }));
        // One model: the provider-native path (or, for a transport without one, its single-step form).
        expect(request.mode).toBe('provider');
        const response = await transport.send(request);
        expect(response.headers.get('cf-aig-event-id')).toBe('conformance-encoded');
        const decoded = await decodeGatewayResponse(response, request);
        expect(decoded.metadata).toMatchObject({ step: 0, provider: 'openai' });
        expect(decoded.metadata.stepAssumed).toBeUndefined();
        expect(await completionText(decoded.response)).toBe('Echo: encoded by core');
      },
      CASE_TIMEOUT_MS,
    );

    it(
      'keeps per-leg headers over the outer ones on a single-model request (step precedence)',
      async () => {
        const step = encodeStep(
          {
            method: 'POST',
            url: 'https://api.openai.com/v1/chat/completions',
            headers: { authorization: `Bearer ${CONFORMANCE_PROVIDER_KEY}`, 'content-type': 'application/json' },
            body: JSON.stringify({ model: 'gpt-conformance', messages: [{ role: 'user', content: 'leg over call' }] }),
          },
          { headers: optionsToHeaders({ eventId: 'conformance-leg' }) },
        );
        const request = encodeGatewayRequest([step], optionsToHeaders({ eventId: 'conformance-call', cacheTtl: 120 }));
        const response = await transport.send(request);
        expect(response.headers.get('cf-aig-event-id')).toBe('conformance-leg');
        const decoded = await decodeGatewayResponse(response, request);
        expect(await completionText(decoded.response)).toBe('Echo: leg over call');
      },
      CASE_TIMEOUT_MS,
    );

    it(
      'passes the cf-aig-* response headers through',
      async () => {
        const request = universalRequest({ steps: [chatStep({ content: 'headers' })], headers: { 'cf-aig-event-id': 'conformance-outer' } });
        const response = await transport.send(request);
        await response.body?.cancel();
        expect(response.headers.get('cf-aig-step')).toBe('0');
        expect(response.headers.get('cf-aig-log-id')).toMatch(/^\S+$/);
        expect(response.headers.get('cf-aig-request-id')).toMatch(/^\S+$/);
        expect(response.headers.get('cf-aig-event-id')).toBe('conformance-outer');
      },
      CASE_TIMEOUT_MS,
    );

    it(
      'keeps step headers over the outer request headers (step precedence)',
      async () => {
        const request = universalRequest({
          steps: [chatStep({ content: 'precedence', headers: { 'cf-aig-event-id': 'conformance-step' } })],
          headers: { 'cf-aig-event-id': 'conformance-outer' },
        });
        const response = await transport.send(request);
        await response.body?.cancel();
        expect(response.headers.get('cf-aig-event-id')).toBe('conformance-step');
      },
      CASE_TIMEOUT_MS,
    );

    it(
      'reports which step of a fallback chain answered (cf-aig-step)',
      async () => {
        const request = universalRequest({
          steps: [chatStep({ content: 'primary', fault: { status: 500 } }), chatStep({ content: 'fallback' })],
        });
        const response = await transport.send(request);
        expect(response.headers.get('cf-aig-step')).toBe('1');
        const decoded = await decodeGatewayResponse(response, request);
        expect(decoded.metadata.step).toBe(1);
        expect(await completionText(decoded.response)).toBe('Echo: fallback');
      },
      CASE_TIMEOUT_MS,
    );

    it.skipIf(options.providerMode === false)(
      'sends a provider-mode request (non-JSON body) to the provider-native path, body untouched',
      async () => {
        const request = transcriptionRequest();
        const response = await transport.send(request);
        expect(response.status).toBe(200);
        expect(response.headers.get('cf-aig-log-id')).toMatch(/^\S+$/);
        const body = (await response.json()) as { text?: unknown };
        expect(typeof body.text).toBe('string');
      },
      CASE_TIMEOUT_MS,
    );

    it(
      'passes a streamed answer through without buffering it',
      async () => {
        const chunks = 8;
        const chunkDelayMs = 1_000;
        // The emulator cannot send the last event before this many ms after the first.
        const lastNotBefore = (chunks - 1) * chunkDelayMs;
        const request = universalRequest({
          steps: [chatStep({ content: 'stream me', stream: true, reply: { chunks }, fault: { chunkDelayMs } })],
        });
        const started = performance.now();
        const response = await transport.send(request);
        expect(response.status).toBe(200);
        expect(response.body).not.toBeNull();
        const logId = response.headers.get('cf-aig-log-id');
        expect(logId).not.toBeNull();
        const reader = response.body!.getReader();
        const decoder = new TextDecoder();
        let text = '';
        let recordedAtFirstRead: Record<string, unknown> | undefined;
        let reads = 0;
        for (; reads < 10_000; reads++) {
          const next = await withDeadline({ promise: reader.read(), ms: CASE_TIMEOUT_MS / 2, what: 'a stream read' });
          if (next.done) break;
          // The emulator records a call when it has sent the last byte: a log entry missing after the
          // first read proves the first bytes arrived while the stream was still being written.
          if (reads === 0) recordedAtFirstRead = await fetchLogEntry({ target, logId: logId! });
          text += decoder.decode(next.value, { stream: true });
        }
        expect(reads).toBeGreaterThan(0);
        expect(recordedAtFirstRead, 'the first bytes arrived only after the whole stream was sent').toBeUndefined();
        expect(performance.now() - started).toBeGreaterThanOrEqual(lastNotBefore * 0.8);
        expect(streamedText(text)).toBe('Echo: stream me');
      },
      CASE_TIMEOUT_MS,
    );

    it(
      'rejects with the abort, promptly, when aborted before the headers arrive',
      async () => {
        const controller = new AbortController();
        const request = universalRequest({ steps: [chatStep({ content: 'slow', fault: { firstByteDelayMs: HELD_ANSWER_MS } })] });
        const pending = transport.send(request, { signal: controller.signal });
        await sleep(100);
        const abortedAt = performance.now();
        controller.abort();
        const outcome = await settle({ promise: pending, ms: ABORT_SETTLE_MS });
        expect(outcome.status).toBe('rejected');
        expect(performance.now() - abortedAt).toBeLessThan(ABORT_SETTLE_MS);
        expectAbortError(outcome.status === 'rejected' ? outcome.reason : undefined);
      },
      CASE_TIMEOUT_MS,
    );

    it(
      'rejects with the abort when the signal is already aborted',
      async () => {
        const request = universalRequest({ steps: [chatStep({ content: 'never sent' })] });
        const outcome = await settle({ promise: transport.send(request, { signal: AbortSignal.abort() }), ms: ABORT_SETTLE_MS });
        expect(outcome.status).toBe('rejected');
        expectAbortError(outcome.status === 'rejected' ? outcome.reason : undefined);
      },
      CASE_TIMEOUT_MS,
    );

    it(
      'ends the stream promptly and closes the connection when aborted mid-stream',
      async () => {
        const chunks = 31;
        const chunkDelayMs = HELD_ANSWER_MS / 30;
        const fullStreamMs = (chunks - 1) * chunkDelayMs;
        const controller = new AbortController();
        const request = universalRequest({
          steps: [chatStep({ content: 'abort me', stream: true, reply: { chunks }, fault: { chunkDelayMs } })],
        });
        const started = performance.now();
        const response = await transport.send(request, { signal: controller.signal });
        expect(response.status).toBe(200);
        const logId = response.headers.get('cf-aig-log-id');
        const reader = response.body!.getReader();
        const first = await withDeadline({ promise: reader.read(), ms: CASE_TIMEOUT_MS / 2, what: 'the first stream read' });
        expect(first.done).toBe(false);
        const abortedAt = performance.now();
        controller.abort();
        let ended = false;
        for (let reads = 0; reads < 1_000 && !ended; reads++) {
          const outcome = await settle({ promise: reader.read(), ms: ABORT_SETTLE_MS });
          expect(outcome.status).not.toBe('timeout');
          ended = outcome.status === 'rejected' || (outcome.status === 'resolved' && outcome.value.done);
        }
        expect(ended).toBe(true);
        expect(performance.now() - abortedAt).toBeLessThan(ABORT_SETTLE_MS);

        // The gateway double records the call when it stops sending: soon after the abort, long
        // before the whole stream could have been written, if the connection was really closed.
        expect(logId).not.toBeNull();
        let entry: Record<string, unknown> | undefined;
        for (let polls = 0; polls < 300 && entry === undefined; polls++) {
          entry = await fetchLogEntry({ target, logId: logId! });
          if (entry === undefined) await sleep(50);
        }
        expect(entry, 'the emulator kept streaming after the abort').toBeDefined();
        expect(performance.now() - started).toBeLessThan(fullStreamMs);
        expect(Number(entry!.duration)).toBeLessThan(fullStreamMs);
      },
      CASE_TIMEOUT_MS,
    );

    for (const { code, status, typed, name } of [
      { code: 2009, status: 401, typed: AiGatewayUnauthorizedError, name: 'AiGatewayUnauthorizedError' },
      { code: 2021, status: 402, typed: AiGatewayInsufficientCreditsError, name: 'AiGatewayInsufficientCreditsError' },
    ]) {
      it(
        `turns the gateway error envelope into the typed error (${code} → ${name})`,
        async () => {
          const request = universalRequest({ steps: [chatStep({ content: `gateway error ${code}`, fault: { gatewayError: code } })] });
          const error = await gatewayError({ transport, request });
          expect(typed.isInstance(error)).toBe(true);
          expect((error as AiGatewayResponseError).statusCode).toBe(status);
          expect((error as AiGatewayResponseError).code).toBe(code);
          expectNoSecret({ error, secrets: secrets() });
        },
        CASE_TIMEOUT_MS,
      );
    }

    it(
      'turns a connection reset before the headers into a retryable AiGatewayNetworkError',
      async () => {
        const request = universalRequest({ steps: [chatStep({ content: 'reset', fault: { reset: true } })] });
        const outcome = await settle({ promise: transport.send(request), ms: CASE_TIMEOUT_MS / 2 });
        expect(outcome.status).toBe('rejected');
        const error = outcome.status === 'rejected' ? outcome.reason : undefined;
        expect(AiGatewayNetworkError.isInstance(error)).toBe(true);
        expect((error as AiGatewayNetworkError).isRetryable).toBe(true);
        expectNoSecret({ error, secrets: secrets() });
      },
      CASE_TIMEOUT_MS,
    );

    it.skipIf(options.unreachable === undefined)(
      'turns a refused connection into a retryable AiGatewayNetworkError',
      async () => {
        const unreachable = await options.unreachable!();
        const request = universalRequest({ steps: [chatStep({ content: 'refused' })] });
        const outcome = await settle({ promise: unreachable.send(request), ms: CASE_TIMEOUT_MS / 2 });
        expect(outcome.status).toBe('rejected');
        const error = outcome.status === 'rejected' ? outcome.reason : undefined;
        expect(AiGatewayNetworkError.isInstance(error)).toBe(true);
        expect((error as AiGatewayNetworkError).isRetryable).toBe(true);
        expectNoSecret({ error, secrets: secrets() });
      },
      CASE_TIMEOUT_MS,
    );

    const concurrency = options.concurrency ?? 1000;
    it(
      `gives each of ${concurrency} concurrent sends its own answer`,
      async () => {
        const sendOne = async (i: number) => {
          const request = universalRequest({
            steps: [chatStep({ content: `concurrent ${i}` })],
            headers: { 'cf-aig-event-id': `conformance-${i}` },
          });
          const response = await transport.send(request);
          const decoded = await decodeGatewayResponse(response, request);
          return { eventId: response.headers.get('cf-aig-event-id'), text: await completionText(decoded.response) };
        };
        const results = await withDeadline({
          promise: Promise.all(Array.from({ length: concurrency }, (_, i) => sendOne(i))),
          ms: CASE_TIMEOUT_MS - 5_000,
          what: `${concurrency} concurrent sends`,
        });
        const wrong = results.map((r, i) => ({ ...r, i })).filter((r) => r.text !== `Echo: concurrent ${r.i}` || r.eventId !== `conformance-${r.i}`);
        expect(wrong).toEqual([]);
      },
      CASE_TIMEOUT_MS,
    );
  });
}

type Settled<T> = { status: 'resolved'; value: T } | { status: 'rejected'; reason: unknown } | { status: 'timeout' };

/** Waits for a promise at most `ms`. */
async function settle<T>(options: { promise: Promise<T>; ms: number }): Promise<Settled<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'timeout' }), options.ms);
  });
  try {
    return await Promise.race([
      options.promise.then(
        (value): Settled<T> => ({ status: 'resolved', value }),
        (reason: unknown): Settled<T> => ({ status: 'rejected', reason }),
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The promise's value, or a test failure after `ms`. */
async function withDeadline<T>(options: { promise: Promise<T>; ms: number; what: string }): Promise<T> {
  const outcome = await settle(options);
  if (outcome.status === 'resolved') return outcome.value;
  if (outcome.status === 'rejected') throw outcome.reason;
  throw new Error(`${options.what} did not settle within ${options.ms} ms`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The typed error a caller gets: thrown by `send` itself, or by `decodeGatewayResponse` on the Response it returned. */
async function gatewayError(options: { transport: GatewayTransport; request: GatewayRequest }): Promise<unknown> {
  const outcome = await settle({ promise: options.transport.send(options.request), ms: CASE_TIMEOUT_MS / 2 });
  if (outcome.status === 'timeout') throw new Error('the send did not settle');
  if (outcome.status === 'rejected') return outcome.reason;
  expect(outcome.value.ok).toBe(false);
  const decoded = await settle({ promise: decodeGatewayResponse(outcome.value, options.request), ms: CASE_TIMEOUT_MS / 2 });
  expect(decoded.status).toBe('rejected');
  return decoded.status === 'rejected' ? decoded.reason : undefined;
}

function expectAbortError(error: unknown): void {
  expect(AiGatewayNetworkError.isInstance(error)).toBe(false);
  expect(error).toMatchObject({ name: 'AbortError' });
}

function expectNoSecret(options: { error: unknown; secrets: readonly string[] }): void {
  const { error } = options;
  const texts = [String((error as { message?: unknown } | undefined)?.message), String(error), safeJson(error)];
  for (const secret of options.secrets) {
    for (const text of texts) expect(text.includes(secret), 'an error shows a secret').toBe(false);
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}
