import { headerEntries } from './header-entries';
import { gatewayIdFromUrl } from './gateway-id-from-url';
import type { RedactableRequest } from './redact-request';

const MAX_QUOTED = 500;

/** `AI Gateway "my-gw"` when the gateway id is known (given, or read from the request), else `AI Gateway`. */
export function gatewayLabel(options: { gatewayId?: string | undefined; request?: RedactableRequest | undefined }): string {
  const id =
    options.gatewayId ??
    gatewayIdFromUrl(options.request?.url) ??
    headerEntries(options.request?.headers).find(([name]) => name === 'cf-aig-gateway-id')?.[1];
  return id === undefined || id === '' ? 'AI Gateway' : `AI Gateway ${JSON.stringify(id.slice(0, 64))}`;
}

/**
 * `: "message"` for a non-empty gateway message (shortened), else an empty string. A long message is
 * cut before its last partial word, so a secret is never cut in half (half a secret would escape the
 * scrubbing that follows).
 */
export function quoted(message: string | undefined): string {
  if (message === undefined || message.trim() === '') return '';
  const text = message.length > MAX_QUOTED ? `${message.slice(0, MAX_QUOTED).replace(/\S*$/, '').trimEnd()}…` : message;
  return `: ${JSON.stringify(text)}`;
}
