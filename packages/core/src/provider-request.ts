import type { CapturedRequest } from './capture';
import { decodeGatewayResponse } from './decode';
import type { DecodedResponse } from './decode-types';
import { encodeGatewayRequest, encodeStep } from './encode';
import type { GatewayRequest } from './gateway-request';
import type { GatewayTransport } from './gateway-transport';
import type { ProviderRoute } from './provider-table';

/** How `sendProviderRequest` sends one provider request. */
export interface SendProviderRequestOptions {
  readonly transport: GatewayTransport;
  /** Extra routes tried before the default table. */
  readonly routes?: readonly ProviderRoute[];
  /** The gateway request's `cf-aig-*` headers (its resolved options). */
  readonly headers: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal | undefined;
  /** Named by the error when the URL has no route: the model's provider and id. */
  readonly model?: { readonly provider: string; readonly modelId: string };
}

/**
 * One request a provider SDK sends outside a model call (a model's follow-up poll or download, a
 * batch's upload, status read or results) sent as it is to the gateway's provider-native path: the
 * provider table maps its URL (an unknown host is refused, `AiGatewayUnroutableModelError`), core's
 * path check guards the endpoint, and the answer is decoded as a model call's is (a gateway error
 * becomes its typed error; the provider's answer comes back scrubbed of the call's secrets). The
 * request sent is returned too: the secrets of an error built from the answer come from it
 * (`callSecrets`).
 */
export async function sendProviderRequest(request: CapturedRequest, options: SendProviderRequestOptions): Promise<DecodedResponse & { readonly request: GatewayRequest }> {
  const { transport, signal } = options;
  const step = encodeStep(request, options.model === undefined ? { routes: options.routes } : { routes: options.routes, model: options.model });
  const gatewayRequest = encodeGatewayRequest([step], options.headers);
  const response = await transport.send(gatewayRequest, signal ? { signal } : {});
  const decoded = await decodeGatewayResponse(response, gatewayRequest, { transport: transport.name, gatewayId: transport.gateway, secrets: transport.secrets?.() });
  return { response: decoded.response, metadata: decoded.metadata, request: gatewayRequest };
}
