/**
 * Anthropic's Message Batches API: `POST v1/messages/batches` (`{requests: [{custom_id, params}]}`),
 * `GET v1/messages/batches/{id}`, `POST v1/messages/batches/{id}/cancel`, `GET
 * v1/messages/batches?limit&after_id`, and the JSON Lines results at `results_url`
 * (`GET v1/messages/batches/{id}/results`). Each request is answered by the simulated `v1/messages`.
 */
import { isRecord, type CallContext } from './conversation.js';
import { answerItems, BatchStore, jsonLines, pageLimit, phaseOf, type BatchItem, type ItemAnswer, type QueuedBatch } from './batch-queue.js';
import type { ProviderFamily } from './family.js';
import { jsonResponse } from './sse.js';
import type { UpstreamResponse } from './types.js';
import { UpstreamError } from './upstream-error.js';

const API = 'https://api.anthropic.com/v1/messages/batches';
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** The batch routes of the Anthropic provider. */
export function anthropicBatches(): (context: CallContext, family: ProviderFamily) => Promise<UpstreamResponse | undefined> {
  const store = new BatchStore('msgbatch_emu');
  return async (context, family) => {
    const path = context.path.replace(/^v1\//, '');
    const method = context.method ?? 'POST';
    if (path === 'messages/batches') {
      if (method === 'POST') return create(context);
      const { page, more } = store.list(pageLimit(context.query.get('limit')), context.query.get('after_id') ?? undefined);
      const data = [];
      for (const batch of page) data.push(await view(batch, context, family));
      return jsonResponse(200, { data, has_more: more, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
    }
    const one = /^messages\/batches\/([A-Za-z0-9_-]+)(\/cancel|\/results)?$/.exec(path);
    if (one === null) return undefined;
    const [, id, action] = one;
    const batch = action === undefined && method === 'GET' ? store.read(id!) : store.get(id!);
    if (batch === undefined) throw new UpstreamError({ status: 404, message: `No batch found with id '${id!}'.`, kind: 'not_found' });
    if (action === undefined) return method === 'GET' ? jsonResponse(200, await view(batch, context, family)) : undefined;
    if (action === '/cancel') {
      if (method !== 'POST') return undefined;
      if (phaseOf(batch) !== 'done') batch.cancelled = true;
      return jsonResponse(200, { ...(await view(batch, context, family)), processing_status: batch.cancelled ? 'canceling' : 'ended' });
    }
    if (method !== 'GET') return undefined;
    if (phaseOf(batch) !== 'done' && phaseOf(batch) !== 'cancelled') throw new UpstreamError({ status: 404, message: `Batch '${id!}' has no results yet.`, kind: 'not_found' });
    return jsonLines((await outcomes(batch, context, family)).map(({ id: customId, result }) => ({ custom_id: customId, result })));
  };

  function create(context: CallContext): UpstreamResponse {
    const body = isRecord(context.json) ? context.json : {};
    const requests = Array.isArray(body.requests) ? body.requests : undefined;
    if (requests === undefined) throw new UpstreamError({ status: 400, message: 'requests: Field required', kind: 'invalid_request' });
    const items: BatchItem[] = requests.map((request, i) => {
      if (!isRecord(request) || typeof request.custom_id !== 'string' || !isRecord(request.params)) throw new UpstreamError({ status: 400, message: `requests.${i}: custom_id and params are required`, kind: 'invalid_request' });
      return { id: request.custom_id, path: 'v1/messages', json: request.params };
    });
    return jsonResponse(200, baseView(store.create(context, items), 'in_progress'));
  }

  async function outcomes(batch: QueuedBatch, context: CallContext, family: ProviderFamily): Promise<{ id: string; result: Record<string, unknown> }[]> {
    if (batch.cancelled) return batch.items.map((item) => ({ id: item.id, result: { type: 'canceled' } }));
    if (batch.outcome !== 'completed') return batch.items.map((item) => ({ id: item.id, result: { type: batch.outcome === 'expired' ? 'expired' : 'errored', ...(batch.outcome === 'failed' ? { error: itemError('The emulator failed this batch (batch.outcome).') } : {}) } }));
    return (await answerItems(batch, family, context)).map((answer) => ({ id: answer.id, result: answerResult(answer) }));
  }

  function baseView(batch: QueuedBatch, status: string): Record<string, unknown> {
    return {
      id: batch.id,
      type: 'message_batch',
      processing_status: status,
      request_counts: { processing: batch.items.length, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
      ended_at: null,
      created_at: iso(batch.createdAt),
      expires_at: iso(batch.createdAt + 24 * 3600),
      archived_at: null,
      cancel_initiated_at: null,
      results_url: null,
    };
  }

  async function view(batch: QueuedBatch, context: CallContext, family: ProviderFamily): Promise<Record<string, unknown>> {
    const phase = phaseOf(batch);
    if (phase === 'queued' || phase === 'running') return baseView(batch, 'in_progress');
    const results = await outcomes(batch, context, family);
    const count = (type: string) => results.filter((r) => r.result.type === type).length;
    return {
      ...baseView(batch, 'ended'),
      request_counts: { processing: 0, succeeded: count('succeeded'), errored: count('errored'), canceled: count('canceled'), expired: count('expired') },
      ended_at: iso(batch.createdAt + 60),
      ...(batch.cancelled ? { cancel_initiated_at: iso(batch.createdAt + 1) } : {}),
      results_url: `${API}/${batch.id}/results`,
    };
  }
}

function itemError(message: string): Record<string, unknown> {
  return { type: 'error', error: { type: 'api_error', message }, request_id: null };
}

function answerResult(answer: ItemAnswer): Record<string, unknown> {
  if (answer.ok) return { type: 'succeeded', message: answer.body };
  const body = isRecord(answer.body) && isRecord(answer.body.error) ? answer.body : { type: 'error', error: { type: 'api_error', message: String(answer.body) } };
  return { type: 'errored', error: { ...body, request_id: null } };
}
