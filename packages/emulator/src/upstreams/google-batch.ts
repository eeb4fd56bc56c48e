/**
 * Google AI Studio's Batch API: `POST v1beta/models/{model}:batchGenerateContent` with inlined
 * requests (`{batch: {displayName, inputConfig: {requests: {requests: [{request, metadata: {key}}]}}}}`),
 * answered with a long-running operation named `batches/{id}`; `GET v1beta/batches/{id}`, `POST
 * v1beta/batches/{id}:cancel`, `GET v1beta/batches?pageSize&pageToken`. A done batch carries its
 * inlined responses; each request is answered by the simulated `generateContent` of the model.
 */
import { isRecord, type CallContext } from './conversation.js';
import { answerItems, BatchStore, pageLimit, phaseOf, type BatchItem, type QueuedBatch } from './batch-queue.js';
import type { ProviderFamily } from './family.js';
import { jsonResponse } from './sse.js';
import type { UpstreamResponse } from './types.js';
import { UpstreamError } from './upstream-error.js';

const BATCH_TYPE = 'type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch';
const OUTPUT_TYPE = 'type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput';
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** The batch routes of the Google AI Studio provider. */
export function googleBatches(): (context: CallContext, family: ProviderFamily) => Promise<UpstreamResponse | undefined> {
  const store = new BatchStore('emu');
  return async (context, family) => {
    const path = context.path.replace(/^v1(?:beta|alpha)?\//, '');
    const method = context.method ?? 'POST';
    const start = /^models\/([^/:]+):batchGenerateContent$/.exec(path);
    if (start !== null) return method === 'POST' ? create(context, decodeURIComponent(start[1]!)) : undefined;
    if (path === 'batches' && method === 'GET') {
      const { page, more } = store.list(pageLimit(context.query.get('pageSize')), context.query.get('pageToken') ?? undefined);
      const operations = [];
      for (const batch of page) operations.push(await view(batch, context, family));
      return jsonResponse(200, { operations, ...(more && page.length > 0 ? { nextPageToken: page.at(-1)!.id } : {}) });
    }
    const one = /^batches\/([A-Za-z0-9_-]+)(:cancel)?$/.exec(path);
    if (one === null) return undefined;
    const batch = one[2] === undefined && method === 'GET' ? store.read(one[1]!) : store.get(one[1]!);
    if (batch === undefined) throw new UpstreamError({ status: 404, message: `Requested entity was not found: batches/${one[1]!}.`, kind: 'not_found' });
    if (one[2] === undefined) return method === 'GET' ? jsonResponse(200, await view(batch, context, family)) : undefined;
    if (method !== 'POST') return undefined;
    if (phaseOf(batch) !== 'done') batch.cancelled = true;
    return jsonResponse(200, {});
  };

  function create(context: CallContext, model: string): UpstreamResponse {
    const body = isRecord(context.json) && isRecord(context.json.batch) ? context.json.batch : undefined;
    const inline = body !== undefined && isRecord(body.inputConfig) && isRecord(body.inputConfig.requests) ? body.inputConfig.requests.requests : undefined;
    if (!Array.isArray(inline)) throw new UpstreamError({ status: 400, message: 'batch.input_config.requests is required (the emulator takes inlined requests only).', kind: 'invalid_request' });
    const items: BatchItem[] = inline.map((entry, i) => {
      const key = isRecord(entry) && isRecord(entry.metadata) ? entry.metadata.key : undefined;
      if (!isRecord(entry) || typeof key !== 'string' || !isRecord(entry.request)) throw new UpstreamError({ status: 400, message: `batch.input_config.requests.requests[${i}]: request and metadata.key are required.`, kind: 'invalid_request' });
      return { id: key, path: `v1beta/models/${encodeURIComponent(model)}:generateContent`, json: entry.request };
    });
    const batch = store.create(context, items, model);
    batch.extra.displayName = typeof body?.displayName === 'string' ? body.displayName : batch.id;
    return jsonResponse(200, operation(batch, 'BATCH_STATE_PENDING'));
  }

  function operation(batch: QueuedBatch, state: string, extra: { stats?: Record<string, string>; output?: unknown; error?: unknown } = {}): Record<string, unknown> {
    const done = state !== 'BATCH_STATE_PENDING' && state !== 'BATCH_STATE_RUNNING';
    return {
      name: `batches/${batch.id}`,
      metadata: {
        '@type': BATCH_TYPE,
        model: `models/${batch.model ?? 'unknown'}`,
        displayName: batch.extra.displayName,
        createTime: iso(batch.createdAt),
        updateTime: iso(batch.createdAt + (done ? 60 : 0)),
        state,
        batchStats: extra.stats ?? { requestCount: String(batch.items.length), pendingRequestCount: String(batch.items.length) },
        ...(extra.output !== undefined ? { output: extra.output } : {}),
      },
      ...(done ? { done: true } : {}),
      ...(extra.error !== undefined ? { error: extra.error } : {}),
      ...(extra.output !== undefined ? { response: { '@type': OUTPUT_TYPE, ...(extra.output as object) } } : {}),
    };
  }

  async function view(batch: QueuedBatch, context: CallContext, family: ProviderFamily): Promise<Record<string, unknown>> {
    const phase = phaseOf(batch);
    if (phase === 'queued') return operation(batch, 'BATCH_STATE_PENDING');
    if (phase === 'running') return operation(batch, 'BATCH_STATE_RUNNING');
    const none = { requestCount: String(batch.items.length), failedRequestCount: String(batch.items.length) };
    if (phase === 'cancelled') return operation(batch, 'BATCH_STATE_CANCELLED', { stats: none });
    if (batch.outcome === 'expired') return operation(batch, 'BATCH_STATE_EXPIRED', { stats: none });
    if (batch.outcome === 'failed') return operation(batch, 'BATCH_STATE_FAILED', { stats: none, error: { code: 13, message: 'The emulator failed this batch (batch.outcome).', status: 'INTERNAL' } });
    const answers = await answerItems(batch, family, context);
    const inlinedResponses = answers.map((answer) => {
      const error = isRecord(answer.body) && isRecord(answer.body.error) ? answer.body.error : { code: answer.status, message: String(answer.body), status: 'INTERNAL' };
      return answer.ok ? { metadata: { key: answer.id }, response: answer.body } : { metadata: { key: answer.id }, error };
    });
    const failed = answers.filter((a) => !a.ok).length;
    return operation(batch, 'BATCH_STATE_SUCCEEDED', {
      stats: { requestCount: String(answers.length), successfulRequestCount: String(answers.length - failed), failedRequestCount: String(failed) },
      output: { inlinedResponses: { inlinedResponses } },
    });
  }
}
