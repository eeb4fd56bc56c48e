import type { GatewayTransport, ProviderRoute, ResolvedGatewayOptions } from '@aigw/core';

/**
 * What a batch interface needs from its gateway instance: the transport every request goes
 * through, the instance's gateway options and extra routes, and where Workers AI ids send from.
 * Kept apart from the model wrappers' context so that batches depend on nothing else of theirs.
 */
export interface BatchContext {
  readonly transport: GatewayTransport;
  /** The instance's gateway options, resolved (checked, with their `cf-aig-*` headers). */
  readonly options: ResolvedGatewayOptions;
  readonly routes?: readonly ProviderRoute[];
  /** The account of Workers AI run URLs (the gateway maps them to its `workers-ai` provider). */
  readonly accountId: string;
  /** The Cloudflare API token a Workers AI batch sends over HTTP; undefined through the binding. */
  readonly cloudflareApiToken: string | undefined;
  /** True when a Workers AI batch cannot be sent without a token (the HTTP transport). */
  readonly tokenRequired: boolean;
}
