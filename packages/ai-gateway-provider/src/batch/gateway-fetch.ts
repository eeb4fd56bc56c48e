import { readRequest, resolveGatewayOptions, sendProviderRequest, type GatewayResponseMetadata, type ResolvedGatewayOptions } from '@aigw/core';
import type { PROVIDER_OPTIONS_KEY as KEY } from '../model-types';
import type { BatchContext } from './batch-context';

/**
 * `PROVIDER_OPTIONS_KEY`, checked against it by its type: this module loads only through `import()`,
 * and a value imported from the entry's modules would split them into a chunk of their own.
 */
const PROVIDER_OPTIONS_KEY: typeof KEY = 'aigateway';

type FetchFunction = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** The gateway answers of one batch operation, in the order they came (the last one last). */
export type BatchAnswers = GatewayResponseMetadata[];

/**
 * The `fetch` a batch interface sends with: each of its requests (an upload, a create, a status
 * read, a results download, a cancel, a list) goes to the gateway's provider-native path of the
 * provider its URL belongs to, with the instance's (and the operation's) gateway options, through
 * the instance's transport. A URL the provider table does not know is refused
 * (`AiGatewayUnroutableModelError`) rather than sent around the gateway; a path with a dot segment
 * or an encoded one is refused by core's endpoint check. The gateway's answer is decoded as for a
 * model call: a gateway error becomes its typed error, a provider's answer reaches the provider's
 * own parser scrubbed of the call's secrets.
 */
export function gatewayFetch(context: BatchContext, options: ResolvedGatewayOptions, answers?: BatchAnswers): FetchFunction {
  const headers = options.headers;
  return async (input, init) => {
    const request = await readRequest(input, init);
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined) ?? undefined;
    const decoded = await sendProviderRequest(request, { transport: context.transport, routes: context.routes, headers, signal });
    answers?.push(decoded.metadata);
    return decoded.response;
  };
}

/** Never from the cache: a cached status read would never change, a cached create would create nothing. */
const NO_CACHE = Object.freeze({ skipCache: true });

/**
 * The gateway options of one batch operation: the instance's, with `providerOptions.aigateway` of
 * the operation (startBatch, getBatchStatus, ...) over them, checked before anything is sent; and
 * `skipCache` always, whatever the gateway's or the instance's cache settings.
 */
export function operationOptions(context: BatchContext, providerOptions: unknown): ResolvedGatewayOptions {
  const own = typeof providerOptions === 'object' && providerOptions !== null ? (providerOptions as Record<string, unknown>)[PROVIDER_OPTIONS_KEY] : undefined;
  const operation = own === undefined ? context.options : resolveGatewayOptions(own, { path: `providerOptions.${PROVIDER_OPTIONS_KEY}`, below: context.options });
  return resolveGatewayOptions(NO_CACHE, { path: 'batch', below: operation });
}

/** `providerMetadata.aigateway` of a batch operation: what the gateway said about its last request. */
export function gatewayMetadata(answers: BatchAnswers, providerMetadata: unknown): Record<string, Record<string, unknown>> | undefined {
  const last = answers.at(-1);
  const current = (typeof providerMetadata === 'object' && providerMetadata !== null ? providerMetadata : undefined) as Record<string, Record<string, unknown>> | undefined;
  if (last === undefined) return current;
  return { ...current, [PROVIDER_OPTIONS_KEY]: { ...last, gatewayRequests: answers.length } };
}
