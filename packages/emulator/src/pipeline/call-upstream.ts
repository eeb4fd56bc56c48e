import { setTimeout as sleep } from 'node:timers/promises';
import { rejectsIfBusy, workersAiBusyAnswer } from '../control-plane.js';
import type { EmulatorFault } from '../fault-controls.js';
import type { GatewayErrorSpec } from '../gateway-error.js';
import { UpstreamLimitError, type UpstreamResponse } from '../upstreams/index.js';
import { GatewayError, type ExchangeContext, type Target } from './exchange-context.js';
import { customBaseURL, forwardToCustom } from './custom-provider.js';
import { discard, PROVIDER_AUTH_HEADERS } from './exchange-helpers.js';

/**
 * One upstream attempt, with the fault's delay, failure or truncation applied; `'timeout'` when
 * no header arrived within `timeoutMs`. A thrown upstream error becomes a 502 answer, except an
 * `UpstreamLimitError` (a request past the emulator's bounds), thrown on as a 400/413 `GatewayError`.
 */
export async function callUpstream(options: {
  ctx: ExchangeContext;
  target: Target;
  headers: Record<string, string>;
  byok: boolean;
  fault: EmulatorFault;
  attempt: number;
  timeoutMs: number | undefined;
}): Promise<UpstreamResponse | 'timeout'> {
  const { ctx, target, fault } = options;
  const signal = ctx.signal;
  const controller = new AbortController();
  // A resumable stream is read to its end even when the client drops; the emulator's close still stops it.
  const abort = () => {
    if (ctx.keepUpstream && !ctx.state.closing.aborted) ctx.state.closing.addEventListener('abort', () => controller.abort(), { once: true });
    else controller.abort();
  };
  signal.addEventListener('abort', abort, { once: true });
  const work = (async (): Promise<UpstreamResponse> => {
    if (fault.firstByteDelayMs !== undefined && fault.firstByteDelayMs > 0) {
      await sleep(fault.firstByteDelayMs, undefined, { signal: controller.signal });
    }
    const failing = fault.failAttempts !== undefined ? options.attempt <= fault.failAttempts : fault.status !== undefined;
    if (failing) return emulatedFailure(fault.status ?? 503);
    const busy = fault.workersAiBusy === true ? {} : ctx.settings?.workersAiBusy;
    if (busy !== undefined && busy !== false && target.keyProvider === 'workers-ai' && rejectsIfBusy(target.body)) {
      ctx.call.refusal = 'workers-ai-busy';
      return workersAiBusyAnswer(fault.retryAfter ?? (busy === true ? undefined : busy.retryAfter));
    }
    if (fault.malformed === true) {
      return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":"emulated","object":"chat.completion","choices":[{"message":{"content":"trunc' };
    }
    try {
      const baseURL = customBaseURL(ctx, target);
      if (baseURL !== undefined) return await forwardToCustom({ baseURL, target, headers: options.headers, signal: controller.signal });
      return await ctx.state.upstreams.handle({
        provider: target.provider,
        endpoint: target.endpoint,
        method: target.method,
        headers: options.headers,
        body: target.body,
        byok: options.byok,
        signal: controller.signal,
      });
    } catch (error) {
      if (controller.signal.aborted) throw error;
      // Work past the emulator's bounds is refused by the gateway itself, with its envelope.
      if (error instanceof UpstreamLimitError) throw new GatewayError({ code: 2005, status: error.status, message: error.message });
      return emulatedFailure(502, `emulated upstream error: ${error instanceof Error ? error.message : String(error)}`);
    }
  })();
  if (options.timeoutMs === undefined || options.timeoutMs <= 0) {
    try {
      return await work;
    } finally {
      if (signal.aborted) controller.abort();
    }
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), options.timeoutMs);
  });
  try {
    const result = await Promise.race([work, timeout]);
    if (result === 'timeout') {
      controller.abort();
      work.then((late) => discard(late.body)).catch(() => undefined);
      if (signal.aborted) throw new Error('request aborted');
    }
    return result;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The headers for the upstream and whether the gateway's stored key (BYOK) is used: it is when
 * the request carries no provider key and the gateway has one for the target's provider (the
 * alias from `cf-aig-byok-alias`, else `default`). An unknown alias is a 2040 error.
 */
export function useStoredKey(options: {
  ctx: ExchangeContext;
  target: Target;
  alias: string | undefined;
}): { headers: Record<string, string>; byok: boolean; credentials: boolean; error?: GatewayErrorSpec } {
  const { ctx, target, alias } = options;
  const headers = { ...target.headers };
  const cfToken = `Bearer ${ctx.state.token}`;
  // A Cloudflare token in the provider's key slot is not a provider key [inferred, docs/protocol.md#authentication-and-credentials].
  for (const name of PROVIDER_AUTH_HEADERS) {
    if (headers[name] === cfToken || headers[name] === ctx.state.token) delete headers[name];
  }
  const hasKey = PROVIDER_AUTH_HEADERS.some((name) => headers[name] !== undefined) || Object.keys(headers).some((name) => name.startsWith('x-amz-'));
  if (hasKey) return { headers: target.headers, byok: false, credentials: true };
  // Through the binding, or on the REST API with its Cloudflare API token, Workers AI runs on the account: no key needed.
  if ((ctx.binding || ctx.restApi) && target.provider === 'workers-ai') return { headers, byok: true, credentials: true };
  const stored = ctx.settings?.byok?.[target.keyProvider];
  const aliases: Record<string, string> = typeof stored === 'string' ? { default: stored } : (stored ?? {});
  if (alias !== undefined && aliases[alias] === undefined) {
    const names = Object.keys(aliases);
    return {
      headers,
      byok: false,
      credentials: false,
      error: {
        code: 2040,
        message: `Provider '${target.keyProvider}' has no BYOK credential named '${alias}'. Configured aliases: ${names.length > 0 ? names.join(', ') : 'none'}`,
      },
    };
  }
  const useStored = aliases[alias ?? 'default'] !== undefined;
  return { headers: useStored ? headers : target.headers, byok: useStored, credentials: useStored };
}

function emulatedFailure(status: number, message = 'emulated upstream failure'): UpstreamResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ error: { message, type: 'server_error' } }),
  };
}
