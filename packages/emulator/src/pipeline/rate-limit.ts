import { GatewayError, type ExchangeContext } from './exchange-context.js';

/** Refuses the request with 429/2003 when the gateway's fixed-window limit is used up. */
export function rateLimit(options: { ctx: ExchangeContext; gateway: string }): void {
  const { ctx } = options;
  const limit = ctx.settings?.rateLimit;
  if (limit !== undefined && !ctx.state.rateLimiter.allow({ gateway: options.gateway, limit: limit.limit, intervalMs: limit.intervalMs })) {
    throw new GatewayError({ code: 2003 });
  }
}
