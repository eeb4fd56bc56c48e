/**
 * OpenAI's Batch API: `POST v1/files` (multipart, `purpose: batch`, a JSON Lines file of
 * `{custom_id, method, url, body}`), `POST v1/batches`, `GET v1/batches/{id}`, `POST
 * v1/batches/{id}/cancel`, `GET v1/batches?limit&after`, and `GET v1/files/{id}/content` for the
 * output and error files. Each line is answered by the simulated endpoint its `url` names.
 */
import { fromUtf8 } from './binary.js';
import { isRecord, str, type CallContext } from './conversation.js';
import { answerItems, BatchStore, jsonLines, pageLimit, parseJsonLines, phaseOf, type BatchItem, type QueuedBatch } from './batch-queue.js';
import type { ProviderFamily } from './family.js';
import { parseMultipart } from './multipart.js';
import { jsonResponse } from './sse.js';
import type { UpstreamResponse } from './types.js';
import { UpstreamError } from './upstream-error.js';

interface StoredFile {
  id: string;
  filename: string;
  purpose: string;
  bytes: number;
  createdAt: number;
  content: string;
}

const EXPIRY_SECONDS = 24 * 3600;

/** The batch routes of the OpenAI provider, with their own files and batches. */
export function openAIBatches(): (context: CallContext, family: ProviderFamily) => Promise<UpstreamResponse | undefined> {
  const store = new BatchStore('batch_emu');
  const files = new Map<string, StoredFile>();
  let nextFile = 0;

  const addFile = (content: string, filename: string, purpose: string, createdAt: number): StoredFile => {
    const file = { id: `file-emu${(nextFile++).toString(36).padStart(4, '0')}`, filename, purpose, bytes: new TextEncoder().encode(content).length, createdAt, content };
    files.set(file.id, file);
    return file;
  };
  const fileView = (file: StoredFile) => ({ id: file.id, object: 'file', bytes: file.bytes, created_at: file.createdAt, expires_at: file.createdAt + EXPIRY_SECONDS, filename: file.filename, purpose: file.purpose });

  return async (context, family) => {
    const path = context.path.replace(/^v1\//, '');
    const method = context.method ?? 'POST';
    if (path === 'files' && method === 'POST') return upload(context);
    const content = /^files\/([A-Za-z0-9_-]+)\/content$/.exec(path);
    if (content !== null && method === 'GET') {
      const file = files.get(content[1]!);
      if (file === undefined) throw new UpstreamError({ status: 404, message: `No such File object: ${content[1]!}`, kind: 'not_found' });
      return { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: file.content };
    }
    if (path === 'batches' && method === 'POST') return create(context);
    if (path === 'batches' && method === 'GET') {
      const { page, more } = store.list(pageLimit(context.query.get('limit')), context.query.get('after') ?? undefined);
      const data = [];
      for (const batch of page) data.push(await view(batch, context, family));
      return jsonResponse(200, { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: more });
    }
    const one = /^batches\/([A-Za-z0-9_-]+)(\/cancel)?$/.exec(path);
    if (one === null) return undefined;
    const batch = one[2] === undefined && method === 'GET' ? store.read(one[1]!) : store.get(one[1]!);
    if (batch === undefined) throw new UpstreamError({ status: 404, message: `No batch found with id '${one[1]!}'.`, kind: 'not_found' });
    if (one[2] === undefined) return method === 'GET' ? jsonResponse(200, await view(batch, context, family)) : undefined;
    if (method !== 'POST') return undefined;
    const phase = phaseOf(batch);
    if (phase === 'done') throw new UpstreamError({ status: 409, message: `Cannot cancel a batch with status '${batch.outcome}'.`, kind: 'invalid_request' });
    batch.cancelled = true;
    return jsonResponse(200, { ...(await view(batch, context, family)), status: 'cancelling' });
  };

  async function upload(context: CallContext): Promise<UpstreamResponse> {
    const parts = await parseMultipart(context.body, context.headers['content-type'] ?? '');
    const file = parts.find((p) => p.name === 'file');
    const purpose = parts.find((p) => p.name === 'purpose');
    if (file === undefined || purpose === undefined) throw new UpstreamError({ status: 400, message: "Missing required parameter: 'file' and 'purpose'.", kind: 'invalid_request' });
    return jsonResponse(200, fileView(addFile(fromUtf8(file.data), file.filename ?? 'upload', fromUtf8(purpose.data), 1_767_225_600)));
  }

  function create(context: CallContext): UpstreamResponse {
    const body = isRecord(context.json) ? context.json : {};
    const inputFileId = str(body.input_file_id);
    const input = inputFileId === undefined ? undefined : files.get(inputFileId);
    if (input === undefined) throw new UpstreamError({ status: 400, message: `Invalid 'input_file_id': '${inputFileId ?? ''}'.`, kind: 'invalid_request' });
    const endpoint = str(body.endpoint) ?? '/v1/responses';
    const items: BatchItem[] = parseJsonLines(input.content).map((line, i) => {
      if (!isRecord(line) || typeof line.custom_id !== 'string') throw new UpstreamError({ status: 400, message: `Line ${i + 1} of the input file has no custom_id.`, kind: 'invalid_request' });
      const url = str(line.url) ?? endpoint;
      if (url !== endpoint) throw new UpstreamError({ status: 400, message: `Line ${i + 1} has url '${url}', but the batch endpoint is '${endpoint}'.`, kind: 'invalid_request' });
      return { id: line.custom_id, path: url.replace(/^\//, ''), json: line.body };
    });
    const batch = store.create(context, items);
    batch.extra.inputFileId = input.id;
    batch.extra.endpoint = endpoint;
    return jsonResponse(200, baseView(batch, 'validating'));
  }

  function baseView(batch: QueuedBatch, status: string): Record<string, unknown> {
    return {
      id: batch.id,
      object: 'batch',
      endpoint: batch.extra.endpoint,
      errors: null,
      input_file_id: batch.extra.inputFileId,
      completion_window: '24h',
      status,
      output_file_id: null,
      error_file_id: null,
      created_at: batch.createdAt,
      expires_at: batch.createdAt + EXPIRY_SECONDS,
      request_counts: { total: batch.items.length, completed: 0, failed: 0 },
      metadata: null,
    };
  }

  /** The batch as OpenAI shows it; once it is over, its output and error files exist. */
  async function view(batch: QueuedBatch, context: CallContext, family: ProviderFamily): Promise<Record<string, unknown>> {
    const phase = phaseOf(batch);
    if (phase === 'queued') return baseView(batch, 'validating');
    if (phase === 'running') return baseView(batch, 'in_progress');
    if (phase === 'cancelled' || batch.outcome === 'expired') {
      const code = phase === 'cancelled' ? 'batch_cancelled' : 'batch_expired';
      batch.extra.errorFile ??= addFile(lines(batch.items.map((item) => ({ id: `batch_req_${item.id}`, custom_id: item.id, response: null, error: { code, message: code === 'batch_cancelled' ? 'The batch was cancelled.' : 'The batch expired before this request ran.' } }))), `${batch.id}_error.jsonl`, 'batch_output', batch.createdAt).id;
      return { ...baseView(batch, phase === 'cancelled' ? 'cancelled' : 'expired'), error_file_id: batch.extra.errorFile, request_counts: { total: batch.items.length, completed: 0, failed: batch.items.length } };
    }
    if (batch.outcome === 'failed') {
      return { ...baseView(batch, 'failed'), errors: { object: 'list', data: [{ code: 'emulator_failed', message: 'The emulator failed this batch (batch.outcome).', param: null, line: null }] } };
    }
    const answers = await answerItems(batch, family, context);
    const succeeded = answers.filter((a) => a.ok);
    const failed = answers.filter((a) => !a.ok);
    const line = (a: (typeof answers)[number]) => ({ id: `batch_req_${a.id}`, custom_id: a.id, response: { status_code: a.status, request_id: `req_${a.id}`, body: a.body }, error: null });
    if (succeeded.length > 0) batch.extra.outputFile ??= addFile(lines(succeeded.map(line)), `${batch.id}_output.jsonl`, 'batch_output', batch.createdAt).id;
    if (failed.length > 0) batch.extra.errorFile ??= addFile(lines(failed.map(line)), `${batch.id}_error.jsonl`, 'batch_output', batch.createdAt).id;
    return {
      ...baseView(batch, 'completed'),
      output_file_id: batch.extra.outputFile ?? null,
      error_file_id: batch.extra.errorFile ?? null,
      completed_at: batch.createdAt + 60,
      request_counts: { total: answers.length, completed: succeeded.length, failed: failed.length },
    };
  }
}

const lines = (values: readonly unknown[]) => (jsonLines(values).body as string);
