import type { EmulatorCall } from './emulator-types.js';
import { redactUrl } from './redact-headers.js';

/**
 * One log line per request, as the CLI prints it:
 * `POST /v1/acct/gw tried=0,1 step=1 status=200 cache=MISS 12ms` (`-` for an empty field,
 * then ` error=<code>`, ` refusal=<kind>` or ` fault=<reset|dropped>` when they apply). Credentials in
 * the path's query (`?key=`) read `[REDACTED]`.
 */
export function formatCallLine(options: { call: EmulatorCall }): string {
  const { call } = options;
  const tried = call.stepsTried.length > 0 ? call.stepsTried.join(',') : '-';
  let line = `${call.method} ${redactUrl(call.path)} tried=${tried} step=${call.step ?? '-'} status=${call.status} cache=${call.cacheStatus ?? '-'} ${call.ms}ms`;
  if (call.gatewayError !== undefined) line += ` error=${call.gatewayError}`;
  if (call.refusal !== undefined) line += ` refusal=${call.refusal}`;
  if (call.fault !== undefined) line += ` fault=${call.fault}`;
  return line;
}
