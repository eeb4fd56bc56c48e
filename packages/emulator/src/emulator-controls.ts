/**
 * The emulator's choices where the gateway's behaviour changed or is not documented, set for every
 * request with `startEmulator` options and per request with an `x-emulator-*` header.
 */

/** The id format of `cf-aig-log-id`, `cf-aig-event-id` and `cf-aig-request-id`. */
export type EmulatorIdFormat = 'uuidv7' | 'ulid';

/**
 * What a cache TTL outside 60 s to one month does: raised or lowered to the bound (`'clamp'`), a
 * 400/2005 answer (`'reject'`), or nothing (`'off'`: any positive TTL is used as given).
 */
export type CacheTtlBounds = 'clamp' | 'reject' | 'off';

/** The per-request control headers; none is forwarded upstream. */
export const CONTROL_HEADERS = {
  ids: 'x-emulator-ids',
  ssePadding: 'x-emulator-sse-padding',
  cacheTtlBounds: 'x-emulator-cache-ttl-bounds',
  otelSpans: 'x-emulator-otel-spans',
  autoRouter: 'x-emulator-auto-router',
} as const;

const CONTROL_NAMES: ReadonlySet<string> = new Set(Object.values(CONTROL_HEADERS));

/** True for a control header of the emulator (never sent upstream). */
export function isControlHeader(name: string): boolean {
  return CONTROL_NAMES.has(name);
}

/** The controls of one request: the header when it is set, the emulator's option otherwise. */
export interface RequestControls {
  ids: EmulatorIdFormat;
  /** Characters of `"p"` padding added to each SSE event's JSON; 0 = none. */
  ssePadding: number;
  cacheTtlBounds: CacheTtlBounds;
  otelSpans: boolean;
}

/** The longest `"p"` padding a request may ask for. */
export const MAX_SSE_PADDING = 4096;

/**
 * Reads the control headers over the defaults. A bad value is reported in `error` (the request is
 * then answered 400 naming the header) and the default is used meanwhile.
 */
export function readControls(headers: Record<string, string>, defaults: RequestControls): { controls: RequestControls; error?: string } {
  const controls = { ...defaults };
  let error: string | undefined;
  const ids = headers[CONTROL_HEADERS.ids];
  if (ids !== undefined) {
    if (ids === 'uuidv7' || ids === 'ulid') controls.ids = ids;
    else error = `${CONTROL_HEADERS.ids} must be 'uuidv7' or 'ulid'`;
  }
  const padding = headers[CONTROL_HEADERS.ssePadding];
  if (padding !== undefined) {
    const n = Number(padding);
    if (/^\d+$/.test(padding) && n <= MAX_SSE_PADDING) controls.ssePadding = n;
    else error = `${CONTROL_HEADERS.ssePadding} must be an integer from 0 to ${MAX_SSE_PADDING}`;
  }
  const bounds = headers[CONTROL_HEADERS.cacheTtlBounds];
  if (bounds !== undefined) {
    if (bounds === 'clamp' || bounds === 'reject' || bounds === 'off') controls.cacheTtlBounds = bounds;
    else error = `${CONTROL_HEADERS.cacheTtlBounds} must be 'clamp', 'reject' or 'off'`;
  }
  const spans = headers[CONTROL_HEADERS.otelSpans];
  if (spans !== undefined) {
    if (spans === 'true' || spans === 'false') controls.otelSpans = spans === 'true';
    else error = `${CONTROL_HEADERS.otelSpans} must be 'true' or 'false'`;
  }
  return error === undefined ? { controls } : { controls, error };
}
