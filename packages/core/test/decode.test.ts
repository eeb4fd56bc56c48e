import {
  AiGatewayDoesNotExist,
  AiGatewayNetworkError,
  AiGatewayPolicyDeniedError,
  AiGatewayResponseError,
  AiGatewaySpendLimitError,
  AiGatewayStepError,
  AiGatewayUnauthorizedError,
} from '@aigw/errors';
import { describe, expect, it } from 'vitest';
import { decodeGatewayResponse, parseStep } from '../src/decode';
import type { GatewayRequest } from '../src/gateway-request';

const step = (provider: string) => ({ provider, endpoint: 'chat/completions', method: 'POST', headers: { authorization: 'Bearer sk-secret-123456' }, body: '{}', json: true });
const request: GatewayRequest = { mode: 'universal', steps: [step('openai'), step('anthropic')], headers: {} };

const envelope = (code: number, message: string, httpCode: number) =>
  JSON.stringify({ success: false, result: [], messages: [], error: [{ code, message }], name: 'AiGatewayError', httpCode, internalCode: code });

describe('decodeGatewayResponse', () => {
  it('turns the gateway envelope into typed errors', async () => {
    await expect(decodeGatewayResponse(new Response(envelope(2009, 'Unauthorized', 401), { status: 401 }), request)).rejects.toSatisfy((e) =>
      AiGatewayUnauthorizedError.isInstance(e),
    );
    await expect(
      decodeGatewayResponse(new Response(envelope(2001, 'Please configure AI Gateway in the Cloudflare dashboard', 400), { status: 400 }), request),
    ).rejects.toSatisfy((e) => AiGatewayDoesNotExist.isInstance(e));
    const unknown = await decodeGatewayResponse(new Response(envelope(2999, 'Something new', 400), { status: 400 }), request).catch((e: unknown) => e);
    expect(AiGatewayResponseError.isInstance(unknown)).toBe(true);
    expect(unknown).toMatchObject({ code: 2999, statusCode: 400 });
  });

  it("types a policy's refusals without a code or cf-aig-step, for one model, in a failed or a 200 answer", async () => {
    const single: GatewayRequest = { mode: 'universal', steps: [step('openai')], headers: {} };
    const json = { 'content-type': 'application/json' };
    const block = '{"success":false,"error":{"message":"Access denied by policy"}}';
    const cap = '{"success":false,"error":{"message":"Spending limit exceeded","bucket":"user:a","spent":2,"limit":1}}';
    const denied = await decodeGatewayResponse(new Response(block, { status: 403, headers: json }), single).catch((e: unknown) => e);
    expect(AiGatewayPolicyDeniedError.isInstance(denied)).toBe(true);
    expect(denied).toMatchObject({ statusCode: 403, isRetryable: false });
    const capped = await decodeGatewayResponse(new Response(cap, { status: 429, headers: { ...json, 'retry-after': '5' } }), single).catch((e: unknown) => e);
    expect(AiGatewaySpendLimitError.isInstance(capped)).toBe(true);
    expect(capped).toMatchObject({ isRetryable: false, bucket: 'user:a', spent: 2, limit: 1, responseHeaders: { 'retry-after': '5' } });
    const in200 = await decodeGatewayResponse(new Response(block, { status: 200, headers: json }), single).catch((e: unknown) => e);
    expect(AiGatewayPolicyDeniedError.isInstance(in200)).toBe(true);
  });

  it('passes a provider error through for the provider parser', async () => {
    const body = '{"error":{"message":"Invalid model","type":"invalid_request_error"}}';
    const decoded = await decodeGatewayResponse(new Response(body, { status: 404, headers: { 'cf-aig-step': '1' } }), request);
    expect(decoded.response.status).toBe(404);
    expect(await decoded.response.text()).toBe(body);
    expect(decoded.metadata.step).toBe(1);
  });

  it('passes a non-JSON error body through', async () => {
    const decoded = await decodeGatewayResponse(new Response('<html>bad gateway</html>', { status: 502, headers: { 'cf-aig-step': '0' } }), request);
    expect(await decoded.response.text()).toContain('bad gateway');
  });

  it('reads the metadata headers and leaves a streamed body unread', async () => {
    const stream = new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('data: {}\n\n')) });
    const response = new Response(stream, {
      headers: { 'cf-aig-step': '1', 'cf-aig-cache-status': 'MISS', 'cf-aig-log-id': '01JADMCQQQBWH3NXZ5GCRN98DP', 'cf-aig-event-id': 'evt', 'cf-aig-request-id': 'req' },
    });
    const decoded = await decodeGatewayResponse(response, request);
    // Nothing is read before the parser pulls: the body is passed through, not buffered.
    expect(response.bodyUsed).toBe(false);
    const reader = decoded.response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: {}\n\n');
    await reader.cancel();
    expect(decoded.metadata).toEqual({ step: 1, provider: 'anthropic', cacheStatus: 'MISS', logId: '01JADMCQQQBWH3NXZ5GCRN98DP', eventId: 'evt', requestId: 'req' });
  });

  it('reads the Auto Router’s decision, and dynamic routes’ model and provider', async () => {
    const routed = new Response('{}', {
      headers: { 'cf-aig-step': '1', 'cf-aig-routed-model': 'anthropic/claude-sonnet-5', 'cf-aig-routing-reason': 'pinned_by_turn', 'cf-aig-routing-decision-id': '0193b4f2-7c1a-7d3e-9f00-123456789abc' },
    });
    expect((await decodeGatewayResponse(routed, request)).metadata).toEqual({
      step: 1,
      provider: 'anthropic',
      routedModel: 'anthropic/claude-sonnet-5',
      routingReason: 'pinned_by_turn',
      routingDecisionId: '0193b4f2-7c1a-7d3e-9f00-123456789abc',
    });
    const dynamic = new Response('{}', { headers: { 'cf-aig-step': '0', 'cf-aig-model': 'gpt-5-mini', 'cf-aig-provider': 'openai' } });
    expect((await decodeGatewayResponse(dynamic, request)).metadata).toMatchObject({ model: 'gpt-5-mini', routedProvider: 'openai' });
  });

  it('reads the trace id, the run id and the gateway id', async () => {
    const response = new Response('{}', { headers: { 'cf-aig-step': '0', 'cf-aig-trace-id': '0123456789abcdef0123456789abcdef', 'cf-aig-run-id': 'run-1' } });
    const decoded = await decodeGatewayResponse(response, request, { gatewayId: 'my-gateway' });
    expect(decoded.metadata).toMatchObject({ step: 0, traceId: '0123456789abcdef0123456789abcdef', runId: 'run-1', gateway: 'my-gateway' });
  });
});

describe('decodeGatewayResponse: answers that are not what they seem', () => {
  const single: GatewayRequest = { mode: 'universal', steps: [step('openai')], headers: {} };

  it.each([301, 302, 303, 307, 308])('refuses a %i redirect, naming its location, and never reads on', async (status) => {
    const response = new Response('moved', { status, headers: { location: 'https://evil.example/steal?token=abcdef123456' } });
    const error = await decodeGatewayResponse(response, request, { gatewayId: 'gw' }).catch((e: unknown) => e);
    expect(AiGatewayResponseError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: status, isRetryable: false });
    expect((error as Error).message).toContain('https://evil.example/steal?token=[REDACTED]');
    expect((error as Error).message).toMatch(/AI Gateway "gw" answered with a redirect .*refused/);
  });

  it('refuses an answer that a custom fetch got by following a redirect', async () => {
    const response = new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    Object.defineProperty(response, 'redirected', { value: true });
    Object.defineProperty(response, 'url', { value: 'https://elsewhere.example/v1' });
    await expect(decodeGatewayResponse(response, single)).rejects.toThrow(/followed a redirect to "https:\/\/elsewhere.example\/v1".*redirect: 'manual'/);
  });

  it('turns a 200 answer carrying a gateway error envelope into the typed error', async () => {
    const response = new Response(envelope(2009, 'Unauthorized', 401), { status: 200, headers: { 'content-type': 'application/json' } });
    const error = await decodeGatewayResponse(response, single).catch((e: unknown) => e);
    expect(AiGatewayUnauthorizedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 401, code: 2009, isRetryable: false });
  });

  it('hands a successful JSON body on intact after looking for an envelope', async () => {
    const body = '{"id":"x","success":true,"choices":[]}';
    const decoded = await decodeGatewayResponse(new Response(body, { headers: { 'content-type': 'application/json', 'cf-aig-step': '0' } }), single);
    expect(await decoded.response.text()).toBe(body);
  });

  it('hands the read JSON answer on as a Response that reads like the original, however it is read', async () => {
    const body = '{"id":"x","text":"héllo ✓"}';
    const headers = { 'content-type': 'application/json', 'cf-aig-step': '0', 'x-request-id': 'r1' };
    const decode = async () => (await decodeGatewayResponse(new Response(body, { status: 200, statusText: 'Fine', headers }), single)).response;

    const viaStream = await decode();
    expect(viaStream).toBeInstanceOf(Response);
    expect([viaStream.status, viaStream.statusText, viaStream.ok, viaStream.bodyUsed]).toEqual([200, 'Fine', true, false]);
    expect(Object.fromEntries(viaStream.headers)).toMatchObject(headers);
    // What @ai-sdk/provider-utils does with a JSON answer: read `body` with a reader, decode the bytes.
    const reader = viaStream.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
    expect(new TextDecoder().decode(Buffer.concat(chunks))).toBe(body);
    expect(viaStream.bodyUsed).toBe(true);
    reader.releaseLock();
    await expect(viaStream.text()).rejects.toThrow(TypeError);
    expect(() => viaStream.clone()).toThrow(TypeError);

    const viaText = await decode();
    const copy = viaText.clone();
    expect(await viaText.text()).toBe(body);
    expect(viaText.bodyUsed).toBe(true);
    await expect(viaText.json()).rejects.toThrow(TypeError);
    expect(await copy.json()).toEqual(JSON.parse(body));
    expect(new TextDecoder().decode(await (await decode()).arrayBuffer())).toBe(body);
    expect(new TextDecoder().decode(await (await decode()).bytes())).toBe(body);
    const blob = await (await decode()).blob();
    expect([await blob.text(), blob.type]).toEqual([body, 'application/json']);
    // A body asked for as a stream but not read yet is still there for text().
    const asked = await decode();
    expect(asked.body).not.toBeNull();
    expect(await asked.text()).toBe(body);
  });

  it.each([
    [502, true],
    [503, true],
    [429, true],
    [404, false],
  ])('makes an HTML %i without cf-aig-step a gateway error (retryable: %s), not a step error', async (status, retryable) => {
    const response = new Response('<html><body>Bad gateway</body></html>', { status, headers: { 'content-type': 'text/html' } });
    const error = await decodeGatewayResponse(response, request).catch((e: unknown) => e);
    expect(AiGatewayResponseError.isInstance(error)).toBe(true);
    expect(AiGatewayStepError.isInstance(error)).toBe(false);
    expect(error).toMatchObject({ statusCode: status, isRetryable: retryable });
    expect((error as Error).message).toMatch(/without a cf-aig-step header.*not from a provider/);
  });

  it('assumes step 0 for a successful answer to a fallback list without cf-aig-step, and says so', async () => {
    const decoded = await decodeGatewayResponse(new Response('{}', { headers: { 'content-type': 'application/json' } }), request);
    expect(decoded.metadata).toMatchObject({ step: 0, stepAssumed: true, provider: 'openai' });
    const one = await decodeGatewayResponse(new Response('{}'), single);
    expect(one.metadata).toEqual({ step: 0, provider: 'openai' });
  });

  it('scrubs the known keys from a provider error body and headers before its parser sees them', async () => {
    const body = '{"error":{"message":"Incorrect API key provided: sk-secret-123456 and cf-token-abcdef"}}';
    const response = new Response(body, { status: 401, headers: { 'cf-aig-step': '0', 'content-type': 'application/json', 'x-echo': 'cf-token-abcdef' } });
    const decoded = await decodeGatewayResponse(response, request, { secrets: ['cf-token-abcdef'] });
    const text = await decoded.response.text();
    expect(text).not.toContain('sk-secret-123456');
    expect(text).not.toContain('cf-token-abcdef');
    expect(decoded.response.headers.get('x-echo')).toBe('[REDACTED]');
    expect(decoded.response.status).toBe(401);
  });

  it('turns a connection dropped mid-body into a retryable network error, and passes an abort through', async () => {
    const dropped = (error: Error) =>
      new ReadableStream({
        start: (c) => c.enqueue(new TextEncoder().encode('data: {"partial"')),
        pull: (c) => c.error(error),
      });
    const streamed = await decodeGatewayResponse(new Response(dropped(new TypeError('terminated')), { headers: { 'content-type': 'text/event-stream' } }), single, { transport: 'http' });
    const failure = await new Response(streamed.response.body).text().catch((e: unknown) => e);
    expect(AiGatewayNetworkError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ isRetryable: true, transport: 'http' });
    expect((failure as Error).message).toMatch(/cut off while its answer was being read: terminated/);
    const json = await decodeGatewayResponse(new Response(dropped(new TypeError('terminated')), { headers: { 'content-type': 'application/json' } }), single).catch((e: unknown) => e);
    expect(AiGatewayNetworkError.isInstance(json)).toBe(true);
    const abort = new DOMException('stop', 'AbortError');
    const aborted = await decodeGatewayResponse(new Response(dropped(abort), { headers: { 'content-type': 'application/json' } }), single).catch((e: unknown) => e);
    expect(aborted).toBe(abort);
  });

  it('keeps only the start of a huge gateway message', async () => {
    const huge = `${'overloaded '.repeat(100_000)}`;
    const error = (await decodeGatewayResponse(new Response(envelope(2005, huge, 502), { status: 502 }), single).catch((e: unknown) => e)) as AiGatewayResponseError;
    expect(error.gatewayMessage.length).toBeLessThan(1_200);
    expect(error.message.length).toBeLessThan(1_200);
    expect(error.responseBody!.length).toBeLessThan(4_200);
  });
});

describe('parseStep', () => {
  it.each([['7'], ['-1'], ['1.5'], ['abc'], [''], ['2']])('rejects cf-aig-step %j for 2 steps', (value) => {
    try {
      parseStep(new Headers({ 'cf-aig-step': value }), 2);
      expect.unreachable();
    } catch (error) {
      expect(AiGatewayStepError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(/step/);
      expect((error as Error).message).toContain('2');
    }
  });

  it('requires the header when more than one step was sent', () => {
    expect(() => parseStep(new Headers(), 2)).toThrow(/step/);
    expect(parseStep(new Headers(), 1)).toBe(0);
    expect(parseStep(new Headers({ 'cf-aig-step': ' 1 ' }), 2)).toBe(1);
  });
});

describe('decodeGatewayResponse scrubs the headers of a successful answer', () => {
  const token = 'gw-token-0123456789abcdef';
  const single: GatewayRequest = { mode: 'provider', steps: [step('openai')], headers: {} };
  const echo = { 'x-echo': `Bearer ${token}`, 'x-key': btoa('Bearer sk-secret-123456'), 'cf-aig-log-id': encodeURIComponent(token), 'x-plain': 'nothing secret here' };

  it('for a JSON answer, a stream, a binary answer and one without a body, keeping the body', async () => {
    const answers: [string, BodyInit | null][] = [
      ['application/json', '{"ok":true}'],
      ['text/event-stream', 'data: {"ok":true}\n\n'],
      ['audio/mpeg', new Uint8Array([1, 2, 3])],
      ['application/json', null],
    ];
    for (const [type, body] of answers) {
      const decoded = await decodeGatewayResponse(new Response(body, { headers: { 'content-type': type, ...echo } }), single, { secrets: [token] });
      const headers = Object.fromEntries(decoded.response.headers);
      expect(headers, type).toMatchObject({ 'x-echo': 'Bearer [REDACTED]', 'cf-aig-log-id': '[REDACTED]', 'x-plain': 'nothing secret here', 'content-type': type });
      expect(headers['x-key']).toContain('[REDACTED]');
      expect(JSON.stringify(headers)).not.toMatch(/gw-token|sk-secret|c2stc2VjcmV0/);
      expect(decoded.metadata.logId).toBe('[REDACTED]');
      expect(new Uint8Array(await decoded.response.arrayBuffer())).toEqual(body === null ? new Uint8Array() : new Uint8Array(await new Response(body).arrayBuffer()));
    }
  });

  it('hands an answer that holds no secret on with its own headers', async () => {
    const answer = new Response(null, { headers: { 'x-plain': 'nothing secret here' } });
    const decoded = await decodeGatewayResponse(answer, single, { secrets: [token] });
    expect(decoded.response).toBe(answer);
  });
});
