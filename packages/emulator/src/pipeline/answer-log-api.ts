import { handleLogRequest } from '../handle-log-request.js';
import { baseHeaders, type ExchangeContext } from './exchange-context.js';
import { readBody } from './exchange-helpers.js';
import { recordLog } from './record-log.js';
import type { GatewayAddress } from './route.js';

/** Answers the gateway's log API (`logs`, `logs/{id}`): past authentication, not rate limited. */
export async function answerLogApi(options: { ctx: ExchangeContext; address: GatewayAddress }): Promise<void> {
  const { ctx } = options;
  ctx.requestBody = await readBody(ctx.req);
  const answer = handleLogRequest({
    logs: ctx.state.logs,
    method: ctx.call.method,
    id: options.address.tail[1],
    body: ctx.requestBody,
  });
  ctx.call.status = answer.status;
  const headers = { 'content-type': 'application/json', ...baseHeaders({ ctx, step: '0' }) };
  ctx.call.responseHeaders = headers;
  recordLog({ ctx, responseBody: new TextEncoder().encode(answer.body) });
  ctx.res.writeHead(answer.status, headers);
  ctx.res.end(answer.body);
}
