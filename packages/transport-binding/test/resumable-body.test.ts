import { AiGatewayStreamResumeError } from '@aigw/errors';
import { describe, expect, it } from 'vitest';
import { resumableBody } from '../src/resume/resumable-body';

const enc = new TextEncoder();
const EVENTS = Array.from({ length: 6 }, (_, i) => `data: {"n":${i}}\r\n\r\n`);

/** A body that sends `text` in the given pieces, then breaks the connection. */
function dropping(pieces: string[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < pieces.length) controller.enqueue(enc.encode(pieces[i++]));
      else controller.error(new TypeError('terminated'));
    },
  });
}

/** The resume endpoint of a run: events from `from` on, cut again after `cutAfter` of them when given. */
function endpoint(cuts: number[] = []) {
  const froms: number[] = [];
  const fetch = (url: string) => {
    const from = Number(new URL(url).searchParams.get('from'));
    froms.push(from);
    const cut = cuts.shift();
    const rest = EVENTS.slice(from, cut === undefined ? undefined : from + cut);
    if (cut === undefined) return Promise.resolve(new Response(rest.join(''), { headers: { 'content-type': 'text/event-stream' } }));
    return Promise.resolve(new Response(dropping([rest.join(''), '\r\ndata: {"partial"']), { headers: { 'content-type': 'text/event-stream' } }));
  };
  return { froms, fetch };
}

const read = async (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

describe('resumableBody', () => {
  it.each([
    ['at an event boundary', [EVENTS.slice(0, 2).join('')], 2],
    ['mid-event (the partial event is sent again whole)', [EVENTS.slice(0, 3).join('') + 'data: {"n"'], 3],
    ['between CR and LF of a terminator', [EVENTS[0]!.slice(0, -1)], 0],
    ['before any byte', [], 0],
  ])('gives every event once after a drop %s', async (_name, pieces, from) => {
    const server = endpoint();
    const text = await read(resumableBody({ body: dropping(pieces), runId: 'run', resumeUrl: (n) => `https://x/resume?from=${n}`, fetch: server.fetch, maxReconnects: 3 }));
    expect(text).toBe(EVENTS.join(''));
    expect(server.froms).toEqual([from]);
  });

  it('reconnects again when the resumed stream drops too, within the budget', async () => {
    const server = endpoint([2]);
    const text = await read(resumableBody({ body: dropping([EVENTS[0]!]), runId: 'run', resumeUrl: (n) => `https://x/resume?from=${n}`, fetch: server.fetch, maxReconnects: 2 }));
    expect(text).toBe(EVENTS.join(''));
    expect(server.froms).toEqual([1, 3]);
  });

  it('gives up with a typed error when the reconnect budget is spent', async () => {
    const server = endpoint([1, 1, 1]);
    const error = await read(resumableBody({ body: dropping([EVENTS[0]!]), runId: 'run', resumeUrl: (n) => `https://x/resume?from=${n}`, fetch: server.fetch, maxReconnects: 2 })).catch((e: unknown) => e);
    expect(AiGatewayStreamResumeError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'reconnects-exhausted', fromEvent: 3, reconnects: 2 });
  });

  it('reports an expired run (404) with a typed error and the callback', async () => {
    const expired: unknown[] = [];
    const fetch = () => Promise.resolve(new Response('{"error":"Request not found"}', { status: 404 }));
    const error = await read(
      resumableBody({ body: dropping([EVENTS[0]!]), runId: 'run-9', resumeUrl: (n) => `https://x/resume?from=${n}`, fetch, maxReconnects: 3, onResumeExpired: (info) => expired.push(info) }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'expired', runId: 'run-9', fromEvent: 1, statusCode: 404 });
    expect(expired).toEqual([{ runId: 'run-9', fromEvent: 1 }]);
  });

  it('does not reconnect after the caller aborted', async () => {
    const controller = new AbortController();
    const server = endpoint();
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        controller.abort(new Error('caller went away'));
        c.error(controller.signal.reason);
      },
    });
    const error = await read(resumableBody({ body, runId: 'run', resumeUrl: (n) => `https://x/resume?from=${n}`, fetch: server.fetch, maxReconnects: 3, signal: controller.signal })).catch((e: unknown) => e);
    expect((error as Error).message).toBe('caller went away');
    expect(server.froms).toEqual([]);
  });
});
