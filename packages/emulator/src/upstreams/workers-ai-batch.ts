/**
 * Workers AI's asynchronous batch (the Batch API): a run request with `?queueRequest=true` and
 * `{requests: [...]}` is answered `{status: 'queued', request_id, model}` in the v4 envelope; a run
 * request to the same model with `{request_id}` polls it: `{status: 'queued' | 'running',
 * request_id}` until it is done, then `{responses: [{id, result, success, external_reference}],
 * usage}`. Each request is answered as the same run request alone would be. A failed item has
 * `success: false` and `error: {code, message}`; a batch that fails or expires as a whole answers
 * `{status: 'failed' | 'expired', request_id, error}` [inferred: the service documents neither].
 */
import { isRecord, num, type CallContext } from './conversation.js';
import { answerItems, BatchStore, phaseOf, type BatchItem } from './batch-queue.js';
import type { ProviderFamily } from './family.js';
import { jsonResponse } from './sse.js';
import type { UpstreamResponse } from './types.js';
import { UpstreamError } from './upstream-error.js';

const runPath = /^(?:run\/)?(@(?:cf|hf)\/.+)$/;
const ok = (result: unknown) => jsonResponse(200, { result, success: true, errors: [], messages: [] });

/** The batch routes of the Workers AI provider. */
export function workersAiBatches(): (context: CallContext, family: ProviderFamily) => Promise<UpstreamResponse | undefined> {
  const store = new BatchStore('emu-batch-');
  return async (context, family) => {
    const model = runPath.exec(context.path)?.[1];
    if (model === undefined || (context.method ?? 'POST') !== 'POST' || !isRecord(context.json)) return undefined;
    const body = context.json;
    if (typeof body.request_id === 'string') return poll(context, family, model, body.request_id);
    if (context.query.get('queueRequest') !== 'true' && body.queueRequest !== true) return undefined;
    if (!Array.isArray(body.requests)) throw new UpstreamError({ status: 400, message: "Required properties at '/' are 'requests'", kind: 'invalid_request' });
    const items: BatchItem[] = body.requests.map((request, i) => {
      if (!isRecord(request)) throw new UpstreamError({ status: 400, message: `Type mismatch of '/requests/${i}', 'object' not in 'object'`, kind: 'invalid_request' });
      const { external_reference: reference, ...input } = request;
      return { id: typeof reference === 'string' ? reference : String(i), path: model, json: input };
    });
    const batch = store.create(context, items, model);
    batch.extra.references = body.requests.map((r) => (isRecord(r) && typeof r.external_reference === 'string' ? r.external_reference : null));
    return ok({ status: 'queued', request_id: batch.id, model });
  };

  async function poll(context: CallContext, family: ProviderFamily, model: string, requestId: string): Promise<UpstreamResponse> {
    const batch = store.read(requestId);
    if (batch === undefined || batch.model !== model) throw new UpstreamError({ status: 404, message: `Request ${requestId} not found for ${model}`, kind: 'not_found' });
    const phase = phaseOf(batch);
    if (phase === 'queued' || phase === 'running') return ok({ status: phase, request_id: batch.id, model });
    if (batch.outcome !== 'completed') {
      return ok({ status: batch.outcome, request_id: batch.id, model, error: { code: batch.outcome === 'failed' ? 3043 : 3044, message: `The emulator ${batch.outcome === 'failed' ? 'failed' : 'expired'} this batch (batch.outcome).` } });
    }
    const answers = await answerItems(batch, family, context);
    const references = batch.extra.references as (string | null)[];
    let input = 0;
    let output = 0;
    const responses = answers.map((answer, i) => {
      const envelope = isRecord(answer.body) ? answer.body : {};
      if (answer.ok) {
        const usage = isRecord(envelope.result) && isRecord(envelope.result.usage) ? envelope.result.usage : {};
        input += num(usage.prompt_tokens) ?? 0;
        output += num(usage.completion_tokens) ?? 0;
        return { id: i, result: envelope.result, success: true, external_reference: references[i] };
      }
      const first = Array.isArray(envelope.errors) && isRecord(envelope.errors[0]) ? envelope.errors[0] : { code: answer.status, message: 'failed' };
      return { id: i, result: null, success: false, error: { code: first.code, message: first.message }, external_reference: references[i] };
    });
    return ok({ responses, usage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output } });
  }
}
