import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { AiGatewayFallbackError, AiGatewayLogNotFoundError } from '../src/index';

describe('AiGatewayFallbackError', () => {
  const last = new APICallError({
    message: 'Service Unavailable',
    url: 'https://gateway.example/v1/acct/gw',
    requestBodyValues: {},
    statusCode: 503,
    responseHeaders: { 'cf-aig-step': '1', authorization: 'Bearer sk-secret-123456789' },
    responseBody: '{"error":"down, key sk-secret-123456789"}',
    isRetryable: true,
  });
  const error = new AiGatewayFallbackError({
    attempts: [
      { index: 0, provider: 'openai', modelProvider: 'openai.chat', modelId: 'gpt-5-mini', message: 'failed; the gateway moved on' },
      { index: 1, provider: 'anthropic', modelProvider: 'anthropic.messages', modelId: 'claude-x', status: 503, message: 'Service Unavailable sk-secret-123456789', logId: '01LOG' },
    ],
    cause: last,
    secrets: ['sk-secret-123456789'],
  });

  it('lists every leg in its message, secrets scrubbed', () => {
    expect(error.message).toBe(
      'Every model of the fallback list failed (2 tried):\n' +
        '  [0] openai gpt-5-mini: failed; the gateway moved on\n' +
        '  [1] anthropic claude-x: HTTP 503: Service Unavailable [REDACTED] (log 01LOG)',
    );
    expect(JSON.stringify(error.toJSON())).not.toContain('sk-secret');
  });

  it('keeps the last leg’s APICallError fields so the AI SDK retries as it would', () => {
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.statusCode).toBe(503);
    expect(error.isRetryable).toBe(true);
    expect(error.url).toBe('https://gateway.example/v1/acct/gw');
    expect(error.responseHeaders['cf-aig-step']).toBe('1');
    expect(error.responseHeaders.authorization).not.toContain('sk-secret');
    expect(error.responseBody).not.toContain('sk-secret');
  });
});

describe('AiGatewayLogNotFoundError', () => {
  it('names the log id and the number of lookups', () => {
    const error = new AiGatewayLogNotFoundError({ logId: '01JADMCQQQBWH3NXZ5GCRN98DP', lookups: 4 });
    expect(error.message).toMatch(/^AI Gateway log "01JADMCQQQBWH3NXZ5GCRN98DP" was not found \(4 lookups\)/);
    expect(error.logId).toBe('01JADMCQQQBWH3NXZ5GCRN98DP');
  });
});

describe('AiGatewayBatchError', () => {
  it('tells a pending batch from one that ended without results, and scrubs secrets from the reason', async () => {
    const { AiGatewayBatchError } = await import('../src/index');
    const pending = new AiGatewayBatchError({ batchId: 'batch_1', provider: 'openai.batch', state: 'pending', rawStatus: 'in_progress' });
    expect(pending.message).toBe('openai.batch batch "batch_1" is not complete yet (in_progress); poll experimental_getBatchStatus until its status is "completed", then ask for its results.');
    const failed = new AiGatewayBatchError({ batchId: 'b', provider: 'workers-ai.batch', state: 'failed', reason: 'token sk-secret-123 refused', code: '3043', secrets: ['sk-secret-123'] });
    expect(failed.message).toBe('workers-ai.batch batch "b" failed without results: token [REDACTED] refused.');
    expect(failed.toJSON()).toMatchObject({ batchId: 'b', state: 'failed', code: '3043', reason: 'token [REDACTED] refused' });
    expect(AiGatewayBatchError.isInstance(failed)).toBe(true);
  });
});
