import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
// The Worker as wrangler deploys it: one esbuild bundle (see vitest.config.ts), run in this workerd.
import handler from '../.test-build/worker.mjs';

const worker = { fetch: (url: string, init?: RequestInit) => handler.fetch(new Request(url, init), env) };

/** Reads a response body to the end, keeping each chunk as it arrived. */
async function readChunks(response: Response): Promise<string[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const chunks: string[] = [];
  for (let reads = 0; reads < 1_000; reads++) {
    const next = await reader.read();
    if (next.done) return chunks;
    chunks.push(next.value);
  }
  throw new Error('the stream did not end after 1000 reads');
}

describe('the Worker (inside workerd, gateway emulator behind the binding double)', () => {
  it('streams the answer of the first model, in several chunks', async () => {
    const response = await worker.fetch('http://worker.test/?prompt=tell me about the gateway');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(response.headers.get('x-aigw-step')).toBe('0');
    expect(response.headers.get('x-aigw-model')).toBe('openai/gpt-5-mini');
    expect(response.headers.get('x-aigw-log-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const chunks = await readChunks(response);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe('Echo: tell me about the gateway');
  });

  it('falls back to the second model when the first one fails', async () => {
    const response = await worker.fetch('http://worker.test/?prompt=fallback please&fail=first');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-aigw-step')).toBe('1');
    expect(response.headers.get('x-aigw-model')).toBe('anthropic/claude-sonnet-4-5');
    const chunks = await readChunks(response);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe('Echo: fallback please');
  });

  it('answers 502 with the error when every model fails', async () => {
    const response = await worker.fetch('http://worker.test/?prompt=nobody home&fail=all');
    expect(response.status).toBe(502);
    const body = (await response.json()) as { error: string; message: string };
    // Every leg of the fallback list failed: the error lists each one tried.
    expect(body.error).toBe('AiGatewayFallbackError');
    expect(body.message).toMatch(/openai[^\n]*gpt-5-mini[\s\S]*anthropic[^\n]*claude-sonnet-4-5/);
    expect(body.message).toContain('503');
  });

  it('takes the prompt as a POST body too', async () => {
    const response = await worker.fetch('http://worker.test/', { method: 'POST', body: 'posted prompt' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('Echo: posted prompt');
  });

  it('answers 400 without a prompt and 404 elsewhere', async () => {
    const empty = await worker.fetch('http://worker.test/');
    expect(empty.status).toBe(400);
    await empty.body?.cancel();
    const elsewhere = await worker.fetch('http://worker.test/other');
    expect(elsewhere.status).toBe(404);
    await elsewhere.body?.cancel();
  });
});
