import { setTimeout as sleep } from 'node:timers/promises';
import type { EmulatorFault } from '../fault-controls.js';
import { redactHeaders, redactUrl } from '../redact-headers.js';
import { cachedAnswer, cacheSlot } from './cache.js';
import { checksResponse, faultRefusal, guardResponse, settingsRefusal } from './control.js';
import { callUpstream, useStoredKey } from './call-upstream.js';
import { GatewayError, type Answer, type ExchangeContext, type Step, type StepOutcome, type Target } from './exchange-context.js';
import { discard, toNumber } from './exchange-helpers.js';
import { modelOf, recordLog } from './record-log.js';
import { sendAnswer } from './send-answer.js';
import { pinDecision } from '../auto-router.js';

const MAX_ATTEMPTS = 5;
const MAX_RETRY_DELAY_MS = 5000;

/**
 * Tries the planned steps in order (server-side fallback) and sends the first answer. When every
 * step failed: a timeout is a 504, otherwise the last response (or a 502 under the
 * `gateway-error` policy with more than one step).
 */
export async function runSteps(ctx: ExchangeContext): Promise<void> {
  let last: StepOutcome | undefined;
  for (const step of ctx.steps) {
    ctx.call.stepsTried.push(step.index);
    let outcome: StepOutcome;
    try {
      outcome = await runStep({ ctx, step });
    } catch (error) {
      // A refusal by the gateway (a request past the emulator's bounds) names the step it came from.
      if (error instanceof GatewayError) ctx.call.step = step.index;
      throw error;
    }
    if (outcome.kind === 'gateway-error') {
      ctx.call.step = step.index;
      throw new GatewayError(outcome.spec);
    }
    if (outcome.kind === 'reset') {
      ctx.call.step = step.index;
      ctx.call.fault = 'reset';
      recordLog({ ctx });
      ctx.req.socket.destroy();
      return;
    }
    if (outcome.kind === 'answer') {
      await sendAnswer({ ctx, answer: outcome.answer });
      return;
    }
    if (last?.kind === 'failed' && last.answer !== undefined) discard(last.answer.body);
    last = outcome;
  }
  const lastIndex = ctx.steps.length - 1;
  if (last?.kind !== 'failed') return;
  ctx.call.step = lastIndex;
  if (last.timedOut || last.answer === undefined) {
    throw new GatewayError({ code: 2005, status: 504, message: 'Failed to get response from provider: request timed out' });
  }
  if (ctx.state.onAllStepsFailed === 'gateway-error' && ctx.steps.length > 1) {
    discard(last.answer.body);
    throw new GatewayError({ code: 2005, status: 502 });
  }
  await sendAnswer({ ctx, answer: last.answer });
}

/** Tries a step's targets in order; the fault for each is the programmatic rule < request header < step header. */
async function runStep(options: { ctx: ExchangeContext; step: Step }): Promise<StepOutcome> {
  const { ctx, step } = options;
  let failed: StepOutcome = { kind: 'failed', answer: undefined, timedOut: false };
  for (const target of step.targets) {
    if (failed.kind === 'failed' && failed.answer !== undefined) discard(failed.answer.body);
    const fault: EmulatorFault = {
      ...ctx.state.faults.match({ rules: ctx.rules, step: step.index, provider: target.keyProvider, used: ctx.usedRules }),
      ...ctx.outerFault,
      ...step.fault,
    };
    noteFault({ ctx, step: step.index, fault });
    if (fault.gatewayError !== undefined) {
      ctx.call.step = step.index;
      const spec = typeof fault.gatewayError === 'number' ? { code: fault.gatewayError } : fault.gatewayError;
      return { kind: 'gateway-error', spec: fault.retryAfter !== undefined ? { retryAfter: fault.retryAfter, ...spec } : spec };
    }
    const refusal = faultRefusal({ fault, target });
    if (refusal !== undefined) {
      ctx.call.step = step.index;
      return { kind: 'gateway-error', spec: refusal };
    }
    if (fault.reset === true) return { kind: 'reset' };
    const outcome = await runTarget({ ctx, step, target, fault });
    if (outcome.kind !== 'failed') return outcome;
    failed = outcome;
  }
  return failed;
}

/** One target: a cache hit, or up to `cf-aig-max-attempts` upstream attempts (retrying 429 and 5xx). */
async function runTarget(options: { ctx: ExchangeContext; step: Step; target: Target; fault: EmulatorFault }): Promise<StepOutcome> {
  const { ctx, step, target, fault } = options;
  const cf = step.cf;
  // The Auto Router's decision counts once its step is tried: recorded, and kept for the session's turn.
  if (target.autoRoute !== undefined) {
    const { pin: _pin, ...decision } = target.autoRoute;
    (ctx.call.routing ??= []).push({ step: step.index, ...decision });
    pinDecision(ctx.state.sessionPins, target.autoRoute);
  }
  const byok = useStoredKey({ ctx, target, alias: cf['cf-aig-byok-alias'] });
  if (byok.error !== undefined) return { kind: 'gateway-error', spec: byok.error };
  const headers = byok.headers;
  let usesStoredKey = byok.byok;

  const slot = cacheSlot({ ctx, step, target, headers });
  const base = { step: step.index, provider: target.provider, endpoint: redactUrl(target.endpoint), model: modelOf(target), byok: byok.byok, headers: redactHeaders(headers) };
  const hit = cachedAnswer({ ctx, slot });
  if (hit !== undefined) {
    ctx.call.attempts.push({ ...base, attempt: 1, outcome: 'cache-hit', status: hit.status, at: Math.round(performance.now() - ctx.started), ms: 0 });
    return {
      kind: 'answer',
      answer: { step: step.index, status: hit.status, headers: hit.headers, body: hit.body, cacheStatus: 'HIT', target, fault },
    };
  }

  // Policies, Guardrails and credentials: a cached answer skips them, every other request meets them first.
  const refused = settingsRefusal({ ctx, step, target, credentials: byok.credentials });
  if (refused.spec !== undefined) return { kind: 'gateway-error', spec: refused.spec };
  // Unified Billing pays with Cloudflare's key: the upstream sees a key it did not get from the request.
  if (refused.unifiedBilling === true) usesStoredKey = true;
  const maxAttempts = clamp(toNumber(cf['cf-aig-max-attempts']) ?? 1, 1, MAX_ATTEMPTS);
  const retryDelay = clamp(toNumber(cf['cf-aig-retry-delay']) ?? 0, 0, MAX_RETRY_DELAY_MS);
  const backoff = cf['cf-aig-backoff'] ?? 'constant';
  const timeoutMs = toNumber(cf['cf-aig-request-timeout']);
  let failure: StepOutcome = { kind: 'failed', answer: undefined, timedOut: false };
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const started = performance.now();
    const result = await callUpstream({ ctx, target, headers, byok: usesStoredKey, fault, attempt, timeoutMs });
    const ms = Math.round(performance.now() - started);
    const at = Math.round(started - ctx.started);
    const cacheStatus = slot !== undefined ? 'MISS' : null;
    if (result === 'timeout') {
      ctx.call.attempts.push({ ...base, attempt, outcome: 'timeout', at, ms });
      failure = { kind: 'failed', answer: undefined, timedOut: true };
    } else {
      ctx.call.attempts.push({ ...base, attempt, outcome: 'response', status: result.status, at, ms });
      const answer: Answer = { step: step.index, status: result.status, headers: result.headers, body: result.body, cacheStatus, target, fault };
      if (result.status >= 200 && result.status < 300) {
        // An answer shaped by a fault is not what the upstream said: never cache it.
        const faulted = Object.keys(fault).length > 0;
        if (checksResponse({ ctx, fault })) {
          const blocked = await guardResponse({ ctx, target, answer });
          if (blocked !== undefined) return { kind: 'gateway-error', spec: blocked };
        }
        if (slot !== undefined && !faulted) answer.store = slot;
        return { kind: 'answer', answer };
      }
      failure = { kind: 'failed', answer, timedOut: false };
      if (!(result.status === 429 || result.status >= 500)) return failure;
    }
    if (attempt < maxAttempts) {
      if (failure.kind === 'failed' && failure.answer !== undefined) discard(failure.answer.body);
      const delay = retryDelayFor({ base: retryDelay, backoff, attempt });
      const record = ctx.call.attempts.at(-1);
      if (record !== undefined) record.retryDelayMs = delay;
      await sleep(delay, undefined, { signal: ctx.signal });
    }
  }
  return failure;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.floor(value)));
}

/** Delay before retry number `attempt` (1 = after the first failed attempt). */
function retryDelayFor(options: { base: number; backoff: string; attempt: number }): number {
  if (options.backoff === 'linear') return options.base * options.attempt;
  if (options.backoff === 'exponential') return options.base * 2 ** (options.attempt - 1);
  return options.base;
}

/** Records the faults that apply to a step, for `call.faults` and the log viewer. */
function noteFault(options: { ctx: ExchangeContext; step: number; fault: EmulatorFault }): void {
  const fields = Object.entries(options.fault).map(([name, value]) => `${name}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  if (fields.length === 0) return;
  const line = `step ${options.step}: ${fields.join(' ')}`;
  const faults = (options.ctx.call.faults ??= []);
  if (!faults.includes(line)) faults.push(line);
}
