import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorBinding } from '../src/binding.js';
import { startEmulator, type Emulator } from '../src/index.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const auth = () => ({ 'cf-aig-authorization': `Bearer ${emu.token}` });
const LLAMA = '@cf/meta/llama-3.1-8b-instruct';

async function call(path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<{ status: number; body: unknown; text: string }> {
  const res = await fetch(`${emu.gatewayURL()}/${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...auth(), 'content-type': 'application/json', ...init.headers },
    ...(init.body === undefined ? {} : { body: typeof init.body === 'string' || init.body instanceof FormData ? init.body : JSON.stringify(init.body) }),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // JSON Lines or text
  }
  return { status: res.status, body, text };
}

describe('Workers AI batch queue', () => {
  const cf = { authorization: 'Bearer cf-token' };

  it('queues with queueRequest, then polls queued → running → done, each item under its external_reference', async () => {
    const queued = await call(`workers-ai/${LLAMA}?queueRequest=true`, {
      headers: { ...cf, 'x-emulator-reply': JSON.stringify({ batch: { polls: 2, failIds: ['b'] } }) },
      body: { requests: [{ prompt: 'one', external_reference: 'a' }, { prompt: 'two', external_reference: 'b' }, { messages: [{ role: 'user', content: 'three' }] }] },
    });
    expect(queued.body).toMatchObject({ success: true, result: { status: 'queued', model: LLAMA } });
    const requestId = (queued.body as { result: { request_id: string } }).result.request_id;
    const poll = () => call(`workers-ai/${LLAMA}`, { headers: cf, body: { request_id: requestId } }).then((r) => (r.body as { result: Record<string, unknown> }).result);
    expect(await poll()).toMatchObject({ status: 'running', request_id: requestId });
    expect(await poll()).toMatchObject({ status: 'running' });
    const done = await poll();
    expect(done.responses).toEqual([
      { id: 0, result: { response: 'Echo: one', usage: expect.any(Object) as object }, success: true, external_reference: 'a' },
      { id: 1, result: null, success: false, error: { code: 3043, message: 'The emulator failed batch item "b" (batch.failIds).' }, external_reference: 'b' },
      { id: 2, result: { response: 'Echo: three', usage: expect.any(Object) as object }, success: true, external_reference: null },
    ]);
    expect(done.usage).toMatchObject({ total_tokens: expect.any(Number) as number });
    expect(await poll()).toEqual(done);
  });

  it('through the binding double too, and a failed batch answers its status and error', async () => {
    const binding = emulatorBinding({ baseURL: emu.baseURL, gateway: 'emulator-gateway', token: emu.token });
    const run = async (endpoint: string, query: unknown, headers: Record<string, string> = {}) => (await (await binding.run({ provider: 'workers-ai', endpoint, headers, query })).json()) as { result: Record<string, unknown> };
    const queued = await run(`${LLAMA}?queueRequest=true`, { requests: [{ prompt: 'x' }] }, { 'x-emulator-reply': JSON.stringify({ batch: { outcome: 'failed', polls: 0 } }) });
    expect(queued.result.status).toBe('queued');
    const polled = await run(LLAMA, { request_id: queued.result.request_id });
    expect(polled.result).toMatchObject({ status: 'failed', error: { code: 3043 } });
    const other = await call(`workers-ai/@cf/qwen/qwq-32b`, { headers: cf, body: { request_id: queued.result.request_id } });
    expect(other.status).toBe(404);
  });

  it('refuses a bad batch script with a 400 naming the field', async () => {
    const bad = await call(`workers-ai/${LLAMA}?queueRequest=true`, { headers: { ...cf, 'x-emulator-reply': JSON.stringify({ batch: { polls: -1 } }) }, body: { requests: [{ prompt: 'x' }] } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('batch.polls must be an integer from 0 to 100');
  });
});

describe('OpenAI files and batches', () => {
  const key = { authorization: 'Bearer sk-test' };

  it('uploads the input file, runs the batch, and serves its output and error files', async () => {
    const lines = [
      { custom_id: 'ok', method: 'POST', url: '/v1/responses', body: { model: 'gpt-5-mini', input: 'hello' } },
      { custom_id: 'bad', method: 'POST', url: '/v1/responses', body: { model: 'gpt-5-mini' } },
    ];
    const form = new FormData();
    form.append('purpose', 'batch');
    form.append('file', new Blob([lines.map((l) => JSON.stringify(l)).join('\n')], { type: 'application/jsonl' }), 'batch.jsonl');
    const res = await fetch(`${emu.gatewayURL()}/openai/v1/files`, { method: 'POST', headers: { ...auth(), ...key }, body: form });
    const file = (await res.json()) as { id: string; purpose: string };
    expect(file.purpose).toBe('batch');
    const created = await call('openai/v1/batches', { headers: key, body: { input_file_id: file.id, endpoint: '/v1/responses', completion_window: '24h' } });
    const batch = created.body as { id: string; status: string };
    expect(batch.status).toBe('validating');
    expect(((await call(`openai/v1/batches/${batch.id}`, { headers: key })).body as { status: string }).status).toBe('in_progress');
    const done = (await call(`openai/v1/batches/${batch.id}`, { headers: key })).body as { status: string; output_file_id: string; error_file_id: string; request_counts: unknown };
    expect(done).toMatchObject({ status: 'completed', request_counts: { total: 2, completed: 1, failed: 1 } });
    const output = await call(`openai/v1/files/${done.output_file_id}/content`, { headers: key });
    expect(JSON.parse(output.text.trim())).toMatchObject({ custom_id: 'ok', response: { status_code: 200 } });
    const errors = await call(`openai/v1/files/${done.error_file_id}/content`, { headers: key });
    expect(JSON.parse(errors.text.trim())).toMatchObject({ custom_id: 'bad', response: { status_code: 400 } });
    const cancel = await call(`openai/v1/batches/${batch.id}/cancel`, { headers: key, body: {} });
    expect(cancel.status).toBe(409);
    expect((await call('openai/v1/batches/batch_nope', { headers: key })).status).toBe(404);
    // GET reaches the batch routes only: any other GET path is still the provider's 404, naming the method.
    const unknown = await call('openai/v1/chat/completions', { headers: key });
    expect([unknown.status, unknown.text]).toEqual([404, expect.stringContaining('Invalid URL (GET /v1/chat/completions)') as string]);
    // Every batch request is a gateway call like any other: logged, and shown by the log viewer.
    expect(emu.calls.map((c) => `${c.method} ${c.status}`)).toEqual(['POST 200', 'POST 200', 'GET 200', 'GET 200', 'GET 200', 'GET 200', 'POST 409', 'GET 404', 'GET 404']);
    const rows = (await (await fetch(new URL('api/requests', emu.viewerURL))).json()) as { call: { method: string; path: string; status: number } }[];
    expect(rows.map((r) => `${r.call.method} ${r.call.path.replace(/.*\/openai\//, '')} ${r.call.status}`)).toEqual([
      'POST v1/files 200',
      'POST v1/batches 200',
      `GET v1/batches/${batch.id} 200`,
      `GET v1/batches/${batch.id} 200`,
      `GET v1/files/${done.output_file_id}/content 200`,
      `GET v1/files/${done.error_file_id}/content 200`,
      `POST v1/batches/${batch.id}/cancel 409`,
      'GET v1/batches/batch_nope 404',
      'GET v1/chat/completions 404',
    ]);
    expect(JSON.stringify(rows)).not.toContain('sk-test');
  });
});

describe('Anthropic message batches and Google batches', () => {
  it('Anthropic: in_progress, ended, results at results_url; cancel ends a running batch as canceled', async () => {
    const key = { 'x-api-key': 'sk-ant', 'anthropic-version': '2023-06-01' };
    const params = { model: 'claude-sonnet-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] };
    const created = (await call('anthropic/v1/messages/batches', { headers: key, body: { requests: [{ custom_id: 'r1', params }] } })).body as { id: string; processing_status: string };
    expect(created.processing_status).toBe('in_progress');
    await call(`anthropic/v1/messages/batches/${created.id}`, { headers: key });
    const ended = (await call(`anthropic/v1/messages/batches/${created.id}`, { headers: key })).body as { processing_status: string; results_url: string };
    expect(ended).toMatchObject({ processing_status: 'ended', results_url: `https://api.anthropic.com/v1/messages/batches/${created.id}/results` });
    const results = await call(`anthropic/v1/messages/batches/${created.id}/results`, { headers: key });
    expect(JSON.parse(results.text.trim())).toMatchObject({ custom_id: 'r1', result: { type: 'succeeded', message: { type: 'message', role: 'assistant' } } });
    const second = (await call('anthropic/v1/messages/batches', { headers: key, body: { requests: [{ custom_id: 'r2', params }] } })).body as { id: string };
    expect(((await call(`anthropic/v1/messages/batches/${second.id}/cancel`, { headers: key, body: {} })).body as { processing_status: string }).processing_status).toBe('canceling');
    const cancelled = (await call(`anthropic/v1/messages/batches/${second.id}`, { headers: key })).body as { request_counts: { canceled: number } };
    expect(cancelled.request_counts.canceled).toBe(1);
  });

  it('Google: an operation, pending → running → succeeded with inlined responses; an expired batch says so', async () => {
    const key = { 'x-goog-api-key': 'g-key' };
    const body = (key_: string) => ({ batch: { displayName: 'd', inputConfig: { requests: { requests: [{ request: { contents: [{ role: 'user', parts: [{ text: 'hello' }] }] }, metadata: { key: key_ } }] } } } });
    const op = (await call('google-ai-studio/v1beta/models/gemini-2.5-flash:batchGenerateContent', { headers: key, body: body('k1') })).body as { name: string; metadata: { state: string } };
    expect(op.metadata.state).toBe('BATCH_STATE_PENDING');
    expect(((await call(`google-ai-studio/v1beta/${op.name}`, { headers: key })).body as { metadata: { state: string } }).metadata.state).toBe('BATCH_STATE_RUNNING');
    const done = (await call(`google-ai-studio/v1beta/${op.name}`, { headers: key })).body as Record<string, unknown>;
    expect(done).toMatchObject({ done: true, metadata: { state: 'BATCH_STATE_SUCCEEDED', output: { inlinedResponses: { inlinedResponses: [{ metadata: { key: 'k1' }, response: { candidates: expect.any(Array) as unknown[] } }] } } } });
    const expiring = (await call('google-ai-studio/v1beta/models/gemini-2.5-flash:batchGenerateContent', { headers: { ...key, 'x-emulator-reply': JSON.stringify({ batch: { outcome: 'expired', polls: 0 } }) }, body: body('k2') })).body as { name: string };
    expect(((await call(`google-ai-studio/v1beta/${expiring.name}`, { headers: key })).body as { metadata: { state: string } }).metadata.state).toBe('BATCH_STATE_EXPIRED');
    const list = (await call('google-ai-studio/v1beta/batches?pageSize=1', { headers: key })).body as { operations: { name: string }[]; nextPageToken: string };
    expect(list.operations.map((o) => o.name)).toEqual([expiring.name]);
    expect(list.nextPageToken).toBeDefined();
  });
});
