import type { UpstreamResponse } from '../upstreams/index.js';
import type { ExchangeContext, Target } from './exchange-context.js';
import { HOP_BY_HOP } from './exchange-helpers.js';

/** The base URL a target is forwarded to, when it is a configured custom provider with one. */
export function customBaseURL(ctx: ExchangeContext, target: Target): string | undefined {
  const provider = target.provider === 'compat' ? target.keyProvider : target.provider;
  if (!provider.startsWith('custom-')) return undefined;
  const custom = ctx.state.customProviders?.[provider.slice('custom-'.length)];
  return custom?.baseURL;
}

/** One request to a custom provider's own server; its answer is streamed through as it arrives. */
export async function forwardToCustom(options: { baseURL: string; target: Target; headers: Record<string, string>; signal: AbortSignal }): Promise<UpstreamResponse> {
  const { baseURL, target } = options;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers)) {
    if (!HOP_BY_HOP.has(name) && name !== 'x-emulator-compat-provider') headers[name] = value;
  }
  const method = target.method.toUpperCase();
  const init: RequestInit = { method, headers, signal: options.signal, redirect: 'manual' };
  if (method !== 'GET' && method !== 'HEAD') init.body = new Uint8Array(target.body);
  const response = await fetch(`${baseURL.replace(/\/+$/, '')}/${target.endpoint.replace(/^\/+/, '')}`, init);
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name) && name !== 'content-encoding') out[name] = value;
  });
  const body = response.body;
  return { status: response.status, headers: out, body: body === null ? new Uint8Array() : (body) };
}
