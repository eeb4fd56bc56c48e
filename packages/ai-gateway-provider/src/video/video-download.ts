import { callSecrets, resolveRoute, sendProviderRequest, type CapturedRequest, type ProviderRoute } from '@aigw/core';
import { AiGatewayOperationError, AiGatewayResponseError } from '@aigw/errors';
import type { AiGatewayMetadata, GatewayModelContext, ModelIdentity } from '../model-types';

/** True for a result URL on a provider the gateway proxies (Google's files need the API key); a public asset (replicate.delivery) is false. */
export function isGatewayAsset(url: string, routes: readonly ProviderRoute[] | undefined): boolean {
  return resolveRoute(url, { routes }) !== undefined;
}

/**
 * Downloads a finished video from its provider through the gateway's provider-native path. An API
 * key the provider SDK put into the URL's query (Google's `key=`) travels as the provider's key
 * header instead, so it is never part of a URL the gateway logs; a placeholder key is dropped and
 * the gateway's stored key is used.
 */
export async function downloadThroughGateway(args: {
  url: string;
  context: GatewayModelContext;
  model: ModelIdentity;
  signal: AbortSignal | undefined;
  operation: unknown;
}): Promise<{ data: Uint8Array; mediaType: string | undefined; metadata: Omit<AiGatewayMetadata, 'step' | 'steps'> }> {
  const { context, model, signal } = args;
  const { url, headers } = keyToHeader(args.url, context.routes);
  const request: CapturedRequest = { method: 'GET', url, headers, body: null };
  // The provider table maps the URL (and core's path check refuses one that would move the request).
  const decoded = await sendProviderRequest(request, { transport: context.transport, routes: context.routes, headers: context.options.headers, signal, model });
  const response = decoded.response;
  if (response.status === 404 || response.status === 410) {
    await response.body?.cancel();
    throw new AiGatewayOperationError({ reason: 'expired', provider: model.provider, modelId: model.modelId, operation: args.operation, detail: 'its video file is gone', statusCode: response.status, logId: decoded.metadata.logId });
  }
  if (!response.ok) {
    const body = await response.text();
    throw new AiGatewayResponseError({
      statusCode: response.status,
      code: null,
      responseBody: body,
      responseHeaders: response.headers,
      request: { url: decoded.request.steps[0]!.endpoint, headers },
      // The request's own credential (the key moved into its header) among them.
      secrets: callSecrets(decoded.request, context.transport.secrets?.()),
      message: `Downloading the video of ${model.provider} model ${JSON.stringify(model.modelId)} through AI Gateway failed with HTTP ${response.status}.`,
    });
  }
  const data = new Uint8Array(await response.arrayBuffer());
  const mediaType = response.headers.get('content-type')?.split(';')[0]?.trim() || undefined;
  return { data, mediaType, metadata: { ...decoded.metadata, modelId: model.modelId, modelProvider: model.provider } };
}

/** Moves a `key` query parameter into the provider's key header (`x-goog-api-key`), where the provider takes one. */
function keyToHeader(url: string, routes: readonly ProviderRoute[] | undefined): { url: string; headers: Record<string, string> } {
  const queryStart = url.indexOf('?');
  if (queryStart === -1) return { url, headers: {} };
  const route = resolveRoute(url, { routes });
  if (route === undefined || !route.authHeaders.includes('x-goog-api-key')) return { url, headers: {} };
  const params = new URLSearchParams(url.slice(queryStart + 1));
  const key = params.get('key');
  if (key === null) return { url, headers: {} };
  params.delete('key');
  const query = params.toString();
  return { url: url.slice(0, queryStart) + (query === '' ? '' : `?${query}`), headers: key === '' ? {} : { 'x-goog-api-key': key } };
}
