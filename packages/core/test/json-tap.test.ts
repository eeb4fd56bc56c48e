import { AiGatewayNetworkError, AiGatewayRateLimitError, AiGatewayUnauthorizedError } from '@aigw/errors';
import { describe, expect, it } from 'vitest';
import { decodeForModel } from '../src/decode';
import type { GatewayRequest } from '../src/gateway-request';
import { tappedFailure } from '../src/json-tap';

const request: GatewayRequest = {
  mode: 'provider',
  steps: [{ provider: 'openai', endpoint: 'chat/completions', method: 'POST', headers: { authorization: 'Bearer sk-secret-123456' }, body: '{}', json: true }],
  headers: {},
};
const options = { transport: 'http', gatewayId: 'my-gateway' };
const encoder = new TextEncoder();
const json = { 'content-type': 'application/json' };

const envelope = (code: number, message: string) => JSON.stringify({ success: false, result: [], messages: [], error: [{ code, message }] });

/** A body sent in the given pieces; `cut` ends it with a dropped connection after them. */
function body(pieces: string[], cut = false): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < pieces.length) controller.enqueue(encoder.encode(pieces[i++]));
      else if (cut) controller.error(new TypeError('terminated'));
      else controller.close();
    },
  });
}

/** Reads a body the way `@ai-sdk/provider-utils` reads a JSON answer: a default reader, chunk by chunk. */
async function readLikeProviderUtils(response: Response): Promise<string> {
  const reader = response.body!.getReader();
  const chunks: Uint8Array[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
  } finally {
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

describe('a successful JSON answer handed to the model', () => {
  it('is the answer itself, unread, and reads as it came', async () => {
    const text = JSON.stringify({ id: 'chatcmpl-1', choices: [{ message: { content: 'hi "success": false' } }] });
    const original = new Response(body([text.slice(0, 10), text.slice(10)]), { headers: { ...json, 'cf-aig-log-id': 'log-1' } });
    const decoded = await decodeForModel(original, request, options, 'tap');
    expect(decoded.response).toBe(original);
    expect(original.bodyUsed).toBe(false);
    expect(decoded.metadata).toMatchObject({ step: 0, provider: 'openai', logId: 'log-1' });
    expect(await readLikeProviderUtils(decoded.response)).toBe(text);
    expect(tappedFailure(decoded.response)).toBeUndefined();
  });

  it('stores no function made for one answer on the body or its reader (V8 then keeps every call alive past young collections)', async () => {
    const tapped = async (text: string) => (await decodeForModel(new Response(body([text]), { headers: json }), request, options, 'tap')).response;
    const [a, b] = [await tapped('{"id":"a"}'), await tapped('{"id":"b"}')];
    const own = (o: object) => Object.getOwnPropertyNames(o).map((k) => [k, (o as Record<string, unknown>)[k]] as const).filter(([, v]) => typeof v === 'function');
    // Every function-valued own property of a tapped body, answer and reader is the same for two answers.
    for (const [x, y] of [
      [a.body!, b.body!],
      [a, b],
      [a.body!.getReader(), b.body!.getReader()],
    ] as const) {
      const fx = own(x);
      expect(fx.length).toBeGreaterThan(0);
      expect(fx).toEqual(own(y));
      for (const [k, f] of fx) expect((y as unknown as Record<string, unknown>)[k]).toBe(f);
    }
  });

  it('refuses a gateway envelope at the end of the body, whichever way it is read', async () => {
    const reads: Record<string, (r: Response) => Promise<unknown>> = {
      reader: readLikeProviderUtils,
      text: (r) => r.text(),
      json: (r) => r.json(),
      arrayBuffer: (r) => r.arrayBuffer(),
      pipeThrough: (r) => new Response(r.body!.pipeThrough(new TransformStream())).text(),
      'async iterator': async (r) => {
        for await (const chunk of r.body! as unknown as AsyncIterable<Uint8Array>) void chunk;
      },
    };
    for (const [how, read] of Object.entries(reads)) {
      const text = envelope(2009, 'Unauthorized');
      const decoded = await decodeForModel(new Response(body([text.slice(0, 7), text.slice(7)]), { headers: json }), request, options, 'tap');
      const error = await read(decoded.response).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(AiGatewayUnauthorizedError.isInstance(error), how).toBe(true);
      expect(tappedFailure(decoded.response), how).toBe(error);
    }
  });

  it('turns a body cut off mid-way into a typed, retryable error naming the gateway, without the partial text', async () => {
    const decoded = await decodeForModel(new Response(body(['{"id":"chatcmpl-1","choices":[{"message":{"content":"Bearer sk-secret-123456'], true), { headers: json }), request, options, 'tap');
    const error = await readLikeProviderUtils(decoded.response).catch((e: unknown) => e);
    expect(AiGatewayNetworkError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ isRetryable: true });
    expect(String((error as Error).message)).not.toContain('sk-secret-123456');
    expect(tappedFailure(decoded.response)).toBe(error);
  });

  it('passes an answer that is not an object, or is too long to be an envelope, without holding it', async () => {
    const list = `[${envelope(2003, 'Rate limited')}]`;
    const decoded = await decodeForModel(new Response(body([list]), { headers: json }), request, options, 'tap');
    expect(await decoded.response.text()).toBe(list);

    const long = `{"padding":"${'x'.repeat(70_000)}",${envelope(2003, 'Rate limited').slice(1)}`;
    const decodedLong = await decodeForModel(new Response(body([long.slice(0, 60_000), long.slice(60_000)]), { headers: json }), request, options, 'tap');
    expect(await decodedLong.response.text()).toBe(long);
  });

  it('still finds an envelope sent in many small pieces', async () => {
    const text = `  ${envelope(2003, 'Rate limited')}`;
    const pieces = text.match(/.{1,5}/gs)!;
    const decoded = await decodeForModel(new Response(body(pieces), { headers: json }), request, options, 'tap');
    await expect(decoded.response.text()).rejects.toSatisfy((e) => AiGatewayRateLimitError.isInstance(e));
  });

  it('reads a whole body (text, json, bytes, arrayBuffer, blob) as the runtime reads the same answer untapped', async () => {
    // A byte order mark, a character split across chunks and an invalid byte: decoded as Response.text() decodes them.
    const bytes = [new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3]), new Uint8Array([0xa9, 0xff, 0x22, 0x7d])];
    const stream = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const chunk of bytes) controller.enqueue(chunk.slice());
          controller.close();
        },
      });
    const reads: Record<string, (r: Response) => Promise<unknown>> = {
      text: (r) => r.text(),
      json: (r) => r.json(),
      bytes: async (r) => [...(await r.bytes())],
      arrayBuffer: async (r) => [...new Uint8Array(await r.arrayBuffer())],
      blob: async (r) => {
        const blob = await r.blob();
        return [blob.type, [...new Uint8Array(await blob.arrayBuffer())]];
      },
    };
    for (const [how, read] of Object.entries(reads)) {
      const decoded = await decodeForModel(new Response(stream(), { headers: json }), request, options, 'tap');
      expect(Object.hasOwn(decoded.response, 'text'), how).toBe(true);
      expect(await read(decoded.response), how).toEqual(await read(new Response(stream(), { headers: json })));
      expect(decoded.response.bodyUsed, how).toBe(true);
    }
  });

  it('reads a body once, as fetch does', async () => {
    const decoded = await decodeForModel(new Response(body(['{"a":1}']), { headers: json }), request, options, 'tap');
    expect(await decoded.response.json()).toEqual({ a: 1 });
    expect(decoded.response.bodyUsed).toBe(true);
    await expect(decoded.response.text()).rejects.toThrow(TypeError);
  });
});
