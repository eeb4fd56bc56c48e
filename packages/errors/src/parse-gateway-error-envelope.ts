/** One entry of a gateway error envelope. */
export interface GatewayErrorEntry {
  code: number;
  message: string;
}

function toCode(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d{1,6}$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

function entries(list: unknown): GatewayErrorEntry[] {
  if (!Array.isArray(list)) return [];
  const out: GatewayErrorEntry[] = [];
  for (const item of list as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { code, message } = item as { code?: unknown; message?: unknown };
    const parsed = toCode(code);
    if (parsed !== undefined) out.push({ code: parsed, message: typeof message === 'string' ? message : '' });
  }
  return out;
}

/**
 * Reads a gateway error envelope: `{"success":false,"error":[{"code":2009,"message":"Unauthorized"}], ...}`
 * (singular `error`, what AI Gateway sends) or Cloudflare's v4 form with plural `errors`. `result`,
 * `messages` may be missing; extra fields (`name`, `httpCode`, top-level `message`/`description`) are
 * ignored, except that a top-level `message` fills in an entry without one. Returns undefined for
 * anything else: a provider's own error, non-JSON, HTML, an envelope without a coded entry.
 */
export function parseGatewayErrorEnvelope(body: string): GatewayErrorEntry[] | undefined {
  // Every successful JSON answer passes here (a 200 may carry an envelope): parse only one that says
  // `"success": false`, not every answer with a `success` field (Workers AI's own envelope has one).
  if (typeof body !== 'string' || !/^\s*\{/.test(body) || !/"success"\s*:\s*false/.test(body)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const envelope = parsed as { success?: unknown; error?: unknown; errors?: unknown; message?: unknown };
  if (envelope.success !== false) return undefined;
  const found = entries(envelope.error);
  const list = found.length > 0 ? found : entries(envelope.errors);
  if (list.length === 0) return undefined;
  const fallback = typeof envelope.message === 'string' ? envelope.message : '';
  return list.map((entry) => (entry.message === '' ? { ...entry, message: fallback } : entry));
}
