import {
  bucketOf,
  guardrailRefusal,
  metadataMatches,
  noCredentials,
  policyDenied,
  spendCapReached,
  UNIFIED_BILLING_PROVIDERS,
  unifiedBillingRateLimited,
} from '../control-plane.js';
import type { EmulatorFault } from '../fault-controls.js';
import type { GatewayErrorSpec } from '../gateway-error.js';
import { parseMetadata } from '../parse-metadata.js';
import type { Answer, ExchangeContext, Step, Target } from './exchange-context.js';

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const UNIFIED_BILLING_DEFAULT = { limit: 200, intervalMs: 60_000 };

/** A Workers AI run-form model (`@cf/...`, `run/@cf/...`): Guardrails block its response with 422, not 424. */
const isRunPath = (target: Target) => target.keyProvider === 'workers-ai' && !/^v1\//.test(target.endpoint);

/** The refusal an injected fault asks for, answered when the step is reached (before the cache). */
export function faultRefusal(options: { fault: EmulatorFault; target: Target }): GatewayErrorSpec | undefined {
  const { fault, target } = options;
  if (fault.policy === 'deny') return policyDenied();
  if (fault.spendCap !== undefined) return spendCapReached(fault.spendCap === true ? {} : fault.spendCap);
  if (fault.unifiedBillingRateLimit === true) return unifiedBillingRateLimited(fault.retryAfter);
  if (fault.guardrail !== undefined && fault.guardrail !== 'response') return guardrailRefusal(fault.guardrail, isRunPath(target));
  return undefined;
}

/**
 * The gateway settings' refusals of a request that missed the cache, before its first upstream call:
 * policies (deny, spend caps), Guardrails (scanner, prompt), then credentials (`byok_only` or
 * `cf-aig-no-wholesale`, Unified Billing's rate limit). `byok` becomes true when Unified Billing pays.
 */
export function settingsRefusal(options: { ctx: ExchangeContext; step: Step; target: Target; credentials: boolean }): { spec?: GatewayErrorSpec; unifiedBilling?: true } {
  const { ctx, step, target } = options;
  const settings = ctx.settings ?? {};
  if (!ctx.controlPassed) {
    const metadata = parseMetadata({ header: step.cf['cf-aig-metadata'] });
    if (settings.policies?.deny?.some((match) => metadataMatches(metadata, match)) === true) return { spec: policyDenied() };
    for (const cap of settings.policies?.spendCaps ?? []) {
      const bucket = bucketOf(cap.metadataKey, metadata);
      if (bucket === undefined) continue;
      const spent = ctx.state.spend.spent(ctx.call.gateway ?? '', bucket);
      if (spent >= cap.limit) return { spec: spendCapReached({ bucket, spent, limit: cap.limit }) };
    }
    const guardrails = settings.guardrails;
    if (guardrails?.scanner === 'no-credits' || guardrails?.scanner === 'unavailable') return { spec: guardrailRefusal(guardrails.scanner, isRunPath(target)) };
    if (containsAny(decoder.decode(target.body), guardrails?.blockPrompt)) return { spec: guardrailRefusal('prompt', isRunPath(target)) };
    ctx.controlPassed = true;
  }
  if (options.credentials) return {};
  if (settings.byokOnly === true || step.cf['cf-aig-no-wholesale'] === 'true') return { spec: noCredentials(target.keyProvider) };
  const billing = settings.unifiedBilling;
  if (billing === undefined || !UNIFIED_BILLING_PROVIDERS.has(target.keyProvider)) return {};
  const limit = billing.rateLimit ?? UNIFIED_BILLING_DEFAULT;
  if (!ctx.state.rateLimiter.allow({ gateway: `unified-billing\n${ctx.call.gateway ?? ''}`, limit: limit.limit, intervalMs: limit.intervalMs })) {
    return { spec: unifiedBillingRateLimited(billing.retryAfter) };
  }
  return { unifiedBilling: true };
}

/** Whether Guardrails read a successful answer whole before it is sent. */
export function checksResponse(options: { ctx: ExchangeContext; fault: EmulatorFault }): boolean {
  return options.fault.guardrail === 'response' || (options.ctx.settings?.guardrails?.blockResponse?.length ?? 0) > 0;
}

/**
 * Guardrails on a successful answer: read whole (a stream too, as the real gateway buffers it), then
 * refused with 2017 when blocked, else sent whole.
 */
export async function guardResponse(options: { ctx: ExchangeContext; target: Target; answer: Answer }): Promise<GatewayErrorSpec | undefined> {
  const { ctx, target, answer } = options;
  const bytes = await readWhole(answer.body);
  answer.body = bytes;
  const blocked = answer.fault.guardrail === 'response' || containsAny(decoder.decode(bytes), ctx.settings?.guardrails?.blockResponse);
  return blocked ? guardrailRefusal('response', isRunPath(target)) : undefined;
}

function containsAny(text: string, words: readonly string[] | undefined): boolean {
  return words?.some((word) => word !== '' && text.includes(word)) === true;
}

async function readWhole(body: Answer['body']): Promise<Uint8Array> {
  if (typeof body === 'string') return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
  return Buffer.concat(chunks);
}
