import { AiGatewayDoesNotExist, AiGatewayResponseError, AiGatewayStepError, AiGatewayUnauthorizedError } from '@aigw/errors';
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
    expect(decoded.response).toBe(response);
    expect(response.bodyUsed).toBe(false);
    expect(decoded.metadata).toEqual({ step: 1, provider: 'anthropic', cacheStatus: 'MISS', logId: '01JADMCQQQBWH3NXZ5GCRN98DP', eventId: 'evt', requestId: 'req' });
  });

  it('reads the trace id, the run id and the gateway id', async () => {
    const response = new Response('{}', { headers: { 'cf-aig-step': '0', 'cf-aig-trace-id': '0123456789abcdef0123456789abcdef', 'cf-aig-run-id': 'run-1' } });
    const decoded = await decodeGatewayResponse(response, request, { gatewayId: 'my-gateway' });
    expect(decoded.metadata).toMatchObject({ step: 0, traceId: '0123456789abcdef0123456789abcdef', runId: 'run-1', gateway: 'my-gateway' });
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
