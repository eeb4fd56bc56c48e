import type { ExchangeContext } from './exchange-context.js';
import { recordLog } from './record-log.js';
import { dropConnection } from './drop-connection.js';
import { writeEvents } from './send-run.js';

const RESUME_PATH = /^\/ai-gateway\/gateways\/([^/]+)\/run\/([^/]+)\/resume$/;

/** True for the binding's resume endpoint, `/ai-gateway/gateways/{gw}/run/{runId}/resume?from={event}`. */
export function isResumePath(path: string): boolean {
  return RESUME_PATH.test(new URL(path, 'http://emulator.invalid').pathname);
}

/**
 * The resume endpoint of a streamed run (docs/protocol.md#resuming-a-streamed-run): the run's SSE events from `from` on,
 * then the rest as the upstream produces them; 404 `{"error":"Request not found"}` for a run that
 * is unknown or older than about 5.5 minutes. Reached through `env.AI.fetch`, so not authenticated.
 */
export async function answerResume(ctx: ExchangeContext): Promise<void> {
  const url = new URL(ctx.call.path, 'http://emulator.invalid');
  const [, gateway, runId] = RESUME_PATH.exec(url.pathname)!;
  ctx.call.kind = 'resume';
  ctx.call.gateway = decodeURIComponent(gateway!);
  const run = ctx.req.method === 'GET' ? ctx.state.runs.get(ctx.call.gateway, decodeURIComponent(runId!)) : undefined;
  const from = Number(url.searchParams.get('from') ?? '0');
  const res = ctx.res;
  if (run === undefined || !Number.isInteger(from) || from < 0 || from > run.events.length) {
    ctx.call.status = 404;
    recordLog({ ctx });
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"Request not found"}');
    return;
  }
  ctx.call.status = 200;
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'cf-aig-run-id': run.id });
  res.flushHeaders();
  const { dropped } = await writeEvents({ ctx, run, from, dropAfter: run.takeDrop() });
  if (dropped) {
    ctx.call.fault = 'dropped';
    if (run.expireOnDrop) ctx.state.runs.delete(run.id);
  }
  recordLog({ ctx });
  if (dropped) dropConnection(res);
  else res.end();
}
