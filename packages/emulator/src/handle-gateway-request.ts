import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerLogApi } from './pipeline/answer-log-api.js';
import { answerResume, isResumePath } from './pipeline/answer-resume.js';
import { authenticate } from './pipeline/authenticate.js';
import { createExchangeContext, type ExchangeContext, type GatewayState } from './pipeline/exchange-context.js';
import { FaultHeaderError, parseFault, readBody } from './pipeline/exchange-helpers.js';
import { createUuidV7 } from './create-uuidv7.js';
import { rateLimit } from './pipeline/rate-limit.js';
import { matchRoute, planSteps } from './pipeline/route.js';
import { runSteps } from './pipeline/run-steps.js';
import { sendError, sendNotFound } from './pipeline/send-answer.js';

export type { AllStepsFailedPolicy, GatewayState } from './pipeline/exchange-context.js';

/**
 * Answers one HTTP request to the emulator. A model call passes the stages in order:
 * authentication, rate limit, routing (the steps to try), then fallback and retries, where each
 * attempt consults the cache before calling the upstream; the answer is sent and the call
 * recorded in the log. A stage refuses by throwing a `GatewayError`, answered as the gateway's
 * error envelope.
 */
export async function handleGatewayRequest(options: { state: GatewayState; req: IncomingMessage; res: ServerResponse }): Promise<void> {
  const ctx = createExchangeContext(options);
  try {
    await answer(ctx);
  } catch (error) {
    try {
      sendError({ ctx, error });
    } catch {
      options.res.destroy();
    }
  }
}

async function answer(ctx: ExchangeContext): Promise<void> {
  if (isResumePath(ctx.call.path)) return answerResume(ctx);
  const address = matchRoute(new URL(ctx.call.path, 'http://emulator.invalid'), ctx.headers);
  if (address === undefined) return sendNotFound(ctx);
  ctx.call.gateway = address.gateway;
  if (ctx.controlError !== undefined) throw new FaultHeaderError(ctx.controlError);
  if (address.logs) ctx.call.kind = 'logs';
  ctx.restApi = address.rest !== undefined;
  authenticate({ ctx, address });
  if (address.logs) return answerLogApi({ ctx, address });
  rateLimit({ ctx, gateway: address.gateway });
  ctx.outerFault = parseFault(ctx.headers['x-emulator-fault']);
  ctx.requestBody = await readBody(ctx.req);
  ctx.steps = planSteps({ ctx, address });
  if (ctx.steps.length === 0) return sendNotFound(ctx);
  // One id for the log, event and request ids holds for a single step; a chain's request id is its own.
  if (ctx.steps.length > 1 && ctx.controls.ids === 'uuidv7') ctx.call.requestId = createUuidV7({ now: ctx.state.now() });
  await runSteps(ctx);
}
