import type { GatewayErrorSpec } from './gateway-error.js';
import type { MetadataValue } from './parse-metadata.js';

// The gateway's 2026 control-plane refusals (policies, spend caps, required credentials, Unified
// Billing's rate limit, Guardrails) as the emulator answers them.

/** A policy's block: 403, `error` an object without a code, no `cf-aig-step`. */
export const policyDenied = (): GatewayErrorSpec => ({ status: 403, message: 'Access denied by policy', refusal: 'policy-denied' });

/** A policy's spend cap: 429 with the bucket, its spend and its cap. */
export const spendCapReached = (fields: { bucket?: string; spent?: number; limit?: number }): GatewayErrorSpec => ({
  status: 429,
  message: 'Spending limit exceeded',
  fields: { bucket: fields.bucket ?? 'gateway', spent: fields.spent ?? 1, limit: fields.limit ?? 1 },
  refusal: 'spend-cap',
});

/** Unified Billing's request limit (the body shape is undocumented [inferred]: a policy-like object). */
export const unifiedBillingRateLimited = (retryAfter: number | undefined): GatewayErrorSpec => ({
  status: 429,
  message: 'Unified Billing rate limit exceeded: 200 requests per 60 seconds',
  refusal: 'unified-billing-rate-limit',
  ...(retryAfter !== undefined ? { retryAfter } : {}),
});

/** `byok_only` or `cf-aig-no-wholesale: true` and no credentials apply: 400 (body undocumented [inferred]). */
export const noCredentials = (provider: string): GatewayErrorSpec => ({
  status: 400,
  message: `Provider credentials required: the request has no key for '${provider}' and the gateway may not use Unified Billing`,
  refusal: 'no-credentials',
});

/** What a Guardrails outcome answers; `runPath` (a Workers AI run-form model) blocks a response with 422. */
export function guardrailRefusal(kind: 'prompt' | 'response' | 'no-credits' | 'unavailable', runPath: boolean): GatewayErrorSpec {
  switch (kind) {
    case 'prompt':
      return { code: 2016, refusal: 'guardrail-prompt' };
    case 'response':
      return { code: 2017, status: runPath ? 422 : 424, refusal: 'guardrail-response' };
    case 'no-credits':
      return { code: 2021, message: 'Insufficient credits for Guardrails', refusal: 'guardrail-no-credits' };
    case 'unavailable':
      return { code: 7013, refusal: 'guardrail-unavailable' };
  }
}

/** Workers AI's own answer when a `rejectIfBusy` request finds no capacity (Cloudflare's v4 envelope). */
export function workersAiBusyAnswer(retryAfter: number | undefined): { status: number; headers: Record<string, string>; body: string } {
  return {
    status: 429,
    headers: { 'content-type': 'application/json', ...(retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {}) },
    body: JSON.stringify({ result: null, success: false, errors: [{ code: 3040, message: 'Capacity temporarily exceeded, please try again.' }], messages: [] }),
  };
}

/** Whether a JSON request body asks Workers AI not to queue: `options.rejectIfBusy: true` at its top level. */
export function rejectsIfBusy(body: Uint8Array): boolean {
  try {
    const parsed = JSON.parse(new TextDecoder().decode(body)) as { options?: { rejectIfBusy?: unknown } } | null;
    return parsed?.options?.rejectIfBusy === true;
  } catch {
    return false;
  }
}

/** Providers Unified Billing pays for (by gateway provider id). */
export const UNIFIED_BILLING_PROVIDERS = new Set(['openai', 'anthropic', 'google-ai-studio', 'google-vertex-ai', 'grok', 'groq', 'deepseek']);

/** True when `metadata` has every entry of `match`. */
export function metadataMatches(metadata: Record<string, MetadataValue> | null | undefined, match: Record<string, MetadataValue>): boolean {
  return Object.entries(match).every(([key, value]) => metadata?.[key] === value);
}

/** The bucket a spend cap counts a request in: `key:value`, or `gateway` without a key; undefined when the request has no such metadata. */
export function bucketOf(metadataKey: string | undefined, metadata: Record<string, MetadataValue> | null | undefined): string | undefined {
  if (metadataKey === undefined) return 'gateway';
  const value = metadata?.[metadataKey];
  return value === undefined ? undefined : `${metadataKey}:${String(value)}`;
}

/** Spend per gateway and bucket, in USD. */
export class SpendStore {
  readonly #spent = new Map<string, number>();

  spent(gateway: string, bucket: string): number {
    return this.#spent.get(`${gateway}\n${bucket}`) ?? 0;
  }

  add(gateway: string, bucket: string, cost: number): void {
    if (cost > 0) this.#spent.set(`${gateway}\n${bucket}`, this.spent(gateway, bucket) + cost);
  }

  clear(): void {
    this.#spent.clear();
  }
}
