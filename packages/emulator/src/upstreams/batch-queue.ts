/**
 * What the simulated batch APIs share (OpenAI's files and batches, Anthropic's message batches,
 * Google's `batchGenerateContent`, Workers AI's queued run): a deterministic lifecycle counted in
 * reads, and each item answered by the provider's own simulated endpoint, as one call would be.
 *
 * A batch is queued when it is created, running on the first read of its status, and done from the
 * next read on (`batch.polls` in the reply script of the creating request sets how many reads see it
 * running). Its items are answered when it is done; `batch.failIds` fails those items, and
 * `batch.outcome` ends the whole batch `failed` or `expired` instead of `completed`.
 */
import { fromUtf8, utf8 } from './binary.js';
import { isRecord, type CallContext } from './conversation.js';
import { FIXED_CREATED } from './deterministic.js';
import type { ProviderFamily } from './family.js';
import type { BatchScript, UpstreamResponse } from './types.js';
import { UpstreamError } from './upstream-error.js';


/** The lifecycle of a batch, as the emulator counts it. */
export type BatchPhase = 'queued' | 'running' | 'done' | 'cancelled';

/** One item of a batch: its id, and the request the provider's own endpoint answers. */
export interface BatchItem {
  readonly id: string;
  /** The endpoint path of one call (`v1/responses`, `messages`, `v1beta/models/x:generateContent`, `@cf/...`). */
  readonly path: string;
  readonly json: unknown;
}

/** One answered item: the provider's answer to it, or its error body. */
export interface ItemAnswer {
  readonly id: string;
  readonly ok: boolean;
  readonly status: number;
  readonly body: unknown;
}

/** A batch the emulator remembers. */
export interface QueuedBatch {
  readonly id: string;
  readonly model: string | undefined;
  readonly items: readonly BatchItem[];
  readonly createdAt: number;
  readonly polls: number;
  readonly failIds: ReadonlySet<string>;
  readonly outcome: 'completed' | 'failed' | 'expired';
  reads: number;
  cancelled: boolean;
  answers?: ItemAnswer[];
  /** Free room for a provider's own fields (an output file id). */
  extra: Record<string, unknown>;
}

const MAX_POLLS = 100;
const MAX_ITEMS = 10_000;

/** The `batch` field of a reply script, checked (a 400 names the bad field). */
export function readBatchScript(value: unknown): BatchScript {
  if (value === undefined) return {};
  const fail = (message: string): never => {
    throw new UpstreamError({ status: 400, message: `Invalid x-emulator-reply header: batch.${message}` });
  };
  if (!isRecord(value)) return fail('must be an object');
  const { polls, failIds, outcome } = value;
  if (polls !== undefined && (typeof polls !== 'number' || !Number.isInteger(polls) || polls < 0 || polls > MAX_POLLS)) fail(`polls must be an integer from 0 to ${MAX_POLLS}`);
  if (failIds !== undefined && !(Array.isArray(failIds) && failIds.every((id) => typeof id === 'string'))) fail('failIds must be a list of strings');
  if (outcome !== undefined && outcome !== 'completed' && outcome !== 'failed' && outcome !== 'expired') fail("outcome must be 'completed', 'failed' or 'expired'");
  return value;
}

/** The batches of one provider: created, read (which moves them on), listed newest first, cancelled. */
export class BatchStore {
  private readonly batches = new Map<string, QueuedBatch>();
  private next = 0;

  constructor(private readonly prefix: string) {}

  create(context: CallContext, items: readonly BatchItem[], model?: string): QueuedBatch {
    if (items.length === 0) throw new UpstreamError({ status: 400, message: 'A batch needs at least one request.' });
    if (items.length > MAX_ITEMS) throw new UpstreamError({ status: 400, message: `A batch takes at most ${MAX_ITEMS} requests in the emulator.` });
    const script = readBatchScript((context.script as { batch?: unknown }).batch);
    const id = `${this.prefix}${(this.next++).toString(36).padStart(4, '0')}`;
    const batch: QueuedBatch = {
      id,
      model,
      items,
      createdAt: FIXED_CREATED + this.next,
      polls: script.polls ?? 1,
      failIds: new Set(script.failIds ?? []),
      outcome: script.outcome ?? 'completed',
      reads: 0,
      cancelled: false,
      extra: {},
    };
    this.batches.set(id, batch);
    return batch;
  }

  get(id: string): QueuedBatch | undefined {
    return this.batches.get(id);
  }

  /** A read of the batch's status: moves it on, as time would. */
  read(id: string): QueuedBatch | undefined {
    const batch = this.batches.get(id);
    if (batch !== undefined) batch.reads++;
    return batch;
  }

  /** Newest first; `after` is the id the previous page ended with. */
  list(limit: number, after: string | undefined): { page: QueuedBatch[]; more: boolean } {
    const all = [...this.batches.values()].reverse();
    const start = after === undefined ? 0 : all.findIndex((b) => b.id === after) + 1;
    const page = all.slice(start, start + limit);
    return { page, more: start + limit < all.length };
  }
}

/** Where the batch is in its life: queued at creation, running for `polls` reads, then done. */
export function phaseOf(batch: QueuedBatch): BatchPhase {
  if (batch.cancelled) return 'cancelled';
  if (batch.reads === 0 && batch.polls > 0) return 'queued';
  return batch.reads <= batch.polls ? 'running' : 'done';
}

/** A limit from a query string, 1 to 100 (default 20). */
export function pageLimit(value: string | null): number {
  const n = value === null ? 20 : Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : 20;
}

/**
 * Answers every item of a done batch once, with the provider's own endpoint (`family.route`), as a
 * call of its own would be answered; an item in `failIds` gets the provider's error instead.
 */
export async function answerItems(batch: QueuedBatch, family: ProviderFamily, context: CallContext): Promise<ItemAnswer[]> {
  if (batch.answers !== undefined) return batch.answers;
  const answers: ItemAnswer[] = [];
  for (const item of batch.items) answers.push(await answerItem(item, batch, family, context));
  batch.answers = answers;
  return answers;
}

async function answerItem(item: BatchItem, batch: QueuedBatch, family: ProviderFamily, context: CallContext): Promise<ItemAnswer> {
  const error = (e: UpstreamError): ItemAnswer => {
    const response = family.error(e, item.path);
    return { id: item.id, ok: false, status: response.status, body: parseBody(response) };
  };
  if (batch.failIds.has(item.id)) return error(new UpstreamError({ status: 500, message: `The emulator failed batch item "${item.id}" (batch.failIds).`, kind: 'server' }));
  try {
    const json = item.json;
    const body = utf8(JSON.stringify(json ?? null));
    const response = await family.route({ ...context, method: 'POST', path: item.path, query: new URLSearchParams(), json, body, script: {} });
    if (response === undefined) return error(new UpstreamError({ status: 404, message: `Invalid URL (POST /${item.path})`, kind: 'not_found' }));
    const parsed = await readBody(response);
    return { id: item.id, ok: response.status < 400, status: response.status, body: parsed };
  } catch (caught) {
    if (caught instanceof UpstreamError) return error(caught);
    throw caught;
  }
}

function parseBody(response: UpstreamResponse): unknown {
  const text = typeof response.body === 'string' ? response.body : response.body instanceof Uint8Array ? fromUtf8(response.body) : '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function readBody(response: UpstreamResponse): Promise<unknown> {
  if (typeof response.body === 'string' || response.body instanceof Uint8Array) return parseBody(response);
  let text = '';
  for await (const chunk of response.body) text += typeof chunk === 'string' ? chunk : fromUtf8(chunk);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** JSON Lines, one value a line. */
export function jsonLines(values: readonly unknown[]): UpstreamResponse {
  return { status: 200, headers: { 'content-type': 'application/jsonl' }, body: values.map((v) => `${JSON.stringify(v)}\n`).join('') };
}

/** Parses JSON Lines; a bad line is a 400. */
export function parseJsonLines(text: string): unknown[] {
  const out: unknown[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      throw new UpstreamError({ status: 400, message: 'The batch input file has a line that is not JSON.' });
    }
  }
  return out;
}

/** A family that also answers its batch endpoints (and their GETs) before its usual routes. */
export function withBatches(family: ProviderFamily, batches: (context: CallContext, family: ProviderFamily) => UpstreamResponse | undefined | Promise<UpstreamResponse | undefined>): ProviderFamily {
  const own = family.methods ?? ['POST'];
  const methods = [...new Set([...own, 'GET'])];
  return {
    ...family,
    methods,
    async route(context) {
      const answered = await batches(context, family);
      if (answered !== undefined) return answered;
      // Anything else goes to the family, for the methods it takes itself (video polls are GETs too).
      return own.includes(context.method ?? 'POST') ? family.route(context) : undefined;
    },
  };
}
