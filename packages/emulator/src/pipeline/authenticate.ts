import type { EmulatorGatewaySettings } from '../emulator-types.js';
import { GatewayError, type ExchangeContext } from './exchange-context.js';
import type { GatewayAddress } from './route.js';

/**
 * Finds the gateway the request names and checks its token: 10000 for a REST API request without
 * the token in `authorization`, 2001 for an unknown account or gateway, 2009 for a missing or wrong
 * token on an authenticated gateway.
 */
export function authenticate(options: { ctx: ExchangeContext; address: GatewayAddress }): void {
  const { ctx, address } = options;
  // The REST API checks its bearer token before anything else, whatever the gateway's settings.
  if (address.api === true && ctx.headers.authorization !== `Bearer ${ctx.state.token}`) throw new GatewayError({ code: 10000 });
  const settings = resolveGateway({ ctx, account: address.account, gateway: address.gateway });
  if (settings === undefined) throw new GatewayError({ code: 2001 });
  ctx.settings = settings;
  if (settings.authentication === true && !hasValidToken(ctx)) throw new GatewayError({ code: 2009 });
}

function resolveGateway(options: { ctx: ExchangeContext; account: string; gateway: string }): EmulatorGatewaySettings | undefined {
  const { ctx, gateway } = options;
  const state = ctx.state;
  if (options.account !== state.accountId) return undefined;
  const found = state.gateways.get(gateway);
  if (found !== undefined) return found;
  // The real service creates a `default` gateway on the first request with a valid token.
  if (gateway === 'default' && hasValidToken(ctx)) {
    const created: EmulatorGatewaySettings = { authentication: true, collectLog: true, cacheTtl: 0 };
    state.gateways.set(gateway, created);
    state.autoCreated.add(gateway);
    return created;
  }
  return undefined;
}

/** The REST API (the log API, model calls on `/client/v4/accounts/{account}/ai/...`) also takes the token as a plain `authorization` header. */
function hasValidToken(ctx: ExchangeContext): boolean {
  const expected = `Bearer ${ctx.state.token}`;
  return ctx.headers['cf-aig-authorization'] === expected || ((ctx.call.kind === 'logs' || ctx.restApi) && ctx.headers.authorization === expected);
}
