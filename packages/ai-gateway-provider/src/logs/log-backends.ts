import { AiGatewayNetworkError, AiGatewayResponseError, createGatewayResponseError, gatewayErrorFromBindingError, redactUrl } from '@aigw/errors';
import type { AiGatewayBinding } from '@aigw/transport-binding';
import type { AiGatewayLogFeedback } from './gateway-log';

/** One way to reach the gateway's logs; `'not-found'` when the log is not (yet) there. */
export interface LogBackend {
  get(logId: string, signal: AbortSignal | undefined): Promise<Record<string, unknown> | 'not-found'>;
  patch(logId: string, body: AiGatewayLogFeedback, signal: AbortSignal | undefined): Promise<void | 'not-found'>;
}

/** The Cloudflare REST API: `GET|PATCH {base}/accounts/{acct}/ai-gateway/gateways/{gw}/logs/{id}` with a bearer token. */
export function restLogBackend(options: { url: string; token: string; fetch: typeof globalThis.fetch | undefined }): LogBackend {
  async function request(logId: string, init: { method: string; body?: string }, signal: AbortSignal | undefined): Promise<Record<string, unknown> | 'not-found'> {
    // `logId` was checked as a path segment by the client.
    const url = `${options.url}/${logId}`;
    const headers: Record<string, string> = { authorization: `Bearer ${options.token}`, accept: 'application/json' };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const doFetch = options.fetch ?? globalThis.fetch;
    let response: Response;
    try {
      // Never follow a redirect: it would carry the token (and a PATCH's body) to another address.
      response = await doFetch(url, { ...init, headers, redirect: 'manual', ...(signal !== undefined ? { signal } : {}) });
    } catch (error) {
      if (signal?.aborted === true) throw error;
      throw new AiGatewayNetworkError({ transport: 'cloudflare-api', url, cause: error, secrets: [options.token] });
    }
    if (response.redirected || response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      await response.body?.cancel();
      const location = response.headers.get('location') ?? (response.redirected ? response.url : '');
      throw new AiGatewayResponseError({
        statusCode: response.status,
        responseHeaders: response.headers,
        request: { method: init.method, url, headers },
        secrets: [options.token],
        isRetryable: false,
        message:
          `The Cloudflare API answered a log request with a redirect (HTTP ${response.status || 'opaque'}) to ${location === '' ? 'an unknown location' : JSON.stringify(redactUrl(location))}; ` +
          'redirects are refused so that the API token and the feedback only go to the configured cloudflareApiBaseURL.',
      });
    }
    const text = await response.text();
    if (response.status === 404) return 'not-found';
    let body: { success?: unknown; result?: unknown } | undefined;
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      body = undefined;
    }
    if (response.ok && body?.success === true) return typeof body.result === 'object' && body.result !== null ? (body.result as Record<string, unknown>) : {};
    const redacted = { method: init.method, url, headers };
    throw (
      createGatewayResponseError({ statusCode: response.status, body: text, headers: response.headers, request: redacted, secrets: [options.token] }) ??
      new AiGatewayResponseError({
        statusCode: response.status,
        responseBody: text,
        responseHeaders: response.headers,
        request: redacted,
        secrets: [options.token],
        message: `The Cloudflare API answered a log request with HTTP ${response.status}.`,
      })
    );
  }
  return {
    get: (logId, signal) => request(logId, { method: 'GET' }, signal),
    patch: async (logId, body, signal) => {
      const result = await request(logId, { method: 'PATCH', body: JSON.stringify(body) }, signal);
      return result === 'not-found' ? result : undefined;
    },
  };
}

/** The Workers binding's `getLog`/`patchLog`; it throws `AiGatewayLogNotFound` for a log that is not there. */
export function bindingLogBackend(options: { binding: Required<Pick<AiGatewayBinding, 'getLog' | 'patchLog'>> }): LogBackend {
  const settle = async <T>(run: () => Promise<T>): Promise<T | 'not-found'> => {
    try {
      return await run();
    } catch (error) {
      const { name, message } = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; message?: unknown };
      if (name === 'AiGatewayLogNotFound' || (typeof message === 'string' && /log not found/i.test(message))) return 'not-found';
      throw gatewayErrorFromBindingError(error) ?? error;
    }
  };
  return {
    get: (logId) => settle(async () => {
      const raw = await options.binding.getLog(logId);
      return typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    }),
    patch: (logId, body) => settle(() => options.binding.patchLog(logId, body)),
  };
}
