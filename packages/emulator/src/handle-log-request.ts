import type { GatewayLogEntry } from './emulator-types.js';

const decoder = new TextDecoder();

/**
 * Entries that readers cannot see yet, with the test of when they can: the real gateway's log of a
 * streamed answer appears some time after the stream ended (docs/protocol.md#logs: "Log not found" right after).
 */
export const pendingLogs = new WeakMap<GatewayLogEntry, () => boolean>();

function visible(entry: GatewayLogEntry): boolean {
  const ready = pendingLogs.get(entry);
  if (ready === undefined) return true;
  if (!ready()) return false;
  pendingLogs.delete(entry);
  return true;
}

function envelope(status: number, result: unknown, error?: string): { status: number; body: string } {
  const errors = error === undefined ? [] : [{ code: status === 404 ? 7003 : 7001, message: error }];
  return { status, body: JSON.stringify({ result, success: error === undefined, errors, messages: [] }) };
}

/**
 * The log API, in the Cloudflare v4 envelope: `GET logs` lists entries (newest first),
 * `GET logs/{id}` returns one, `PATCH logs/{id}` with `{score?, feedback?, metadata?}` updates it.
 */
export function handleLogRequest(options: {
  logs: Map<string, GatewayLogEntry>;
  method: string;
  id: string | undefined;
  body: Uint8Array;
}): { status: number; body: string } {
  const { logs, method, id } = options;
  if (id === undefined) {
    if (method !== 'GET') return envelope(405, null, 'Method not allowed');
    return envelope(200, [...logs.values()].filter(visible).reverse());
  }
  const entry = logs.get(id);
  if (entry === undefined || !visible(entry)) return envelope(404, null, 'Log not found');
  if (method === 'GET') return envelope(200, entry);
  if (method !== 'PATCH') return envelope(405, null, 'Method not allowed');
  let patch: unknown;
  try {
    patch = JSON.parse(decoder.decode(options.body));
  } catch {
    return envelope(400, null, 'Invalid JSON body');
  }
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return envelope(400, null, 'Body must be a JSON object');
  const { score, feedback, metadata } = patch as Record<string, unknown>;
  if (score !== undefined && score !== null && typeof score !== 'number') return envelope(400, null, 'score must be a number or null');
  if (feedback !== undefined && feedback !== null && feedback !== 1 && feedback !== -1) return envelope(400, null, 'feedback must be -1, 1 or null');
  if (metadata !== undefined && metadata !== null && (typeof metadata !== 'object' || Array.isArray(metadata))) {
    return envelope(400, null, 'metadata must be an object or null');
  }
  if (score !== undefined) entry.score = score;
  if (feedback !== undefined) entry.feedback = feedback;
  if (metadata !== undefined) entry.metadata = metadata as GatewayLogEntry['metadata'];
  return envelope(200, entry);
}
