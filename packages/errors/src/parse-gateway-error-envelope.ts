/** One entry of a gateway error envelope. */
export interface GatewayErrorEntry {
  /** The gateway's error code; undefined for a refusal that has none (a policy's block or spend cap). */
  code: number | undefined;
  message: string;
  /** A policy spend cap's bucket (`user:…`), when the entry names it. */
  bucket?: string;
  /** What the bucket has spent, when the entry says. */
  spent?: number;
  /** The bucket's cap, when the entry says. */
  limit?: number;
}

/** The code of an entry: a number, or a string of digits. */
function codeOf(code: unknown): number | undefined {
  const parsed = typeof code === 'string' && /^\s*\d{1,6}\s*$/.test(code) ? Number(code) : code;
  return Number.isInteger(parsed) ? (parsed as number) : undefined;
}

/**
 * The entries of `list` (an array, or one object): those with a numeric code, and with `codeless`
 * those with a message but no code. `fallback` fills an empty message.
 */
function entries(list: unknown, fallback: string, codeless: boolean): GatewayErrorEntry[] {
  const out: GatewayErrorEntry[] = [];
  const items: unknown[] = Array.isArray(list) ? (list as unknown[]) : typeof list === 'object' && list !== null ? [list] : [];
  for (const item of items) {
    const { code, message, bucket, spent, limit } = (item ?? {}) as Record<string, unknown>;
    const parsed = codeOf(code);
    const text = typeof message === 'string' && message !== '' ? message : fallback;
    if (parsed === undefined && (!codeless || text === '')) continue;
    const entry: GatewayErrorEntry = { code: parsed, message: text };
    if (typeof bucket === 'string') entry.bucket = bucket;
    if (typeof spent === 'number' && Number.isFinite(spent)) entry.spent = spent;
    if (typeof limit === 'number' && Number.isFinite(limit)) entry.limit = limit;
    out.push(entry);
  }
  return out;
}

/**
 * Reads a gateway error envelope: `{"success":false,"error":[{"code":2009,"message":"Unauthorized"}], ...}`
 * (singular `error`, what AI Gateway sends; a list or one object, with or without a code, as a
 * policy's `{"success":false,"error":{"message":"Access denied by policy"}}`) or Cloudflare's v4 form
 * with plural `errors` (entries with a code only). `result`, `messages` may be missing; extra fields
 * (`name`, `httpCode`, top-level `message`/`description`) are ignored, except that a top-level
 * `message` fills in an entry without one. A policy spend cap's `bucket`, `spent` and `limit` are
 * kept. Returns undefined for anything else: a provider's own error, non-JSON, HTML, an envelope
 * without an entry.
 */
export function parseGatewayErrorEnvelope(body: string): GatewayErrorEntry[] | undefined {
  // Every successful JSON answer passes here (a 200 may carry an envelope): parse only one that says
  // `"success": false`, not every answer with a `success` field (Workers AI's own envelope has one).
  if (typeof body !== 'string' || !/^\s*\{/.test(body) || !/"success"\s*:\s*false/.test(body)) return undefined;
  let envelope: { success?: unknown; error?: unknown; errors?: unknown; message?: unknown };
  try {
    // An object: the body starts with `{`.
    envelope = JSON.parse(body) as typeof envelope;
  } catch {
    return undefined;
  }
  if (envelope.success !== false) return undefined;
  const fallback = typeof envelope.message === 'string' ? envelope.message : '';
  const found = entries(envelope.error, fallback, true);
  const list = found.length > 0 ? found : entries(envelope.errors, fallback, false);
  return list.length > 0 ? list : undefined;
}
