/** One entry of a gateway error envelope. */
export interface GatewayErrorEntry {
  code: number;
  message: string;
}

/** The entries of `list` with a numeric code (a number, or a string of digits); `fallback` fills an empty message. */
function entries(list: unknown, fallback: string): GatewayErrorEntry[] {
  const out: GatewayErrorEntry[] = [];
  for (const item of Array.isArray(list) ? (list as unknown[]) : []) {
    const { code, message } = (item ?? {}) as { code?: unknown; message?: unknown };
    const parsed = typeof code === 'string' && /^\s*\d{1,6}\s*$/.test(code) ? Number(code) : code;
    if (Number.isInteger(parsed)) out.push({ code: parsed as number, message: typeof message === 'string' && message !== '' ? message : fallback });
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
  let envelope: { success?: unknown; error?: unknown; errors?: unknown; message?: unknown };
  try {
    // An object: the body starts with `{`.
    envelope = JSON.parse(body) as typeof envelope;
  } catch {
    return undefined;
  }
  if (envelope.success !== false) return undefined;
  const fallback = typeof envelope.message === 'string' ? envelope.message : '';
  const found = entries(envelope.error, fallback);
  const list = found.length > 0 ? found : entries(envelope.errors, fallback);
  return list.length > 0 ? list : undefined;
}
