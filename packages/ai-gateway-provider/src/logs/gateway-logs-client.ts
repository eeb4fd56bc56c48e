import { pathSegment } from '@aigw/core';
import { AiGatewayInvalidOptionsError, AiGatewayLogNotFoundError } from '@aigw/errors';
import type { AiGatewayBinding } from '@aigw/transport-binding';
import { toGatewayLog, type AiGatewayLogFeedback, type AiGatewayLogs, type GatewayLogsSettings } from './gateway-log';
import { bindingLogBackend, restLogBackend, type LogBackend } from './log-backends';

/**
 * The working part of `aigateway.logs`, loaded on its first use; its settings were checked by `createGatewayLogs`.
 * `readEnv` and `checkToken` come from the caller: importing them here would put them in a chunk of their own
 * that every app loads at import, one more module to resolve and link.
 */
export function gatewayLogsClient(options: {
  settings: GatewayLogsSettings;
  apiBase: string;
  lookups: number;
  retryDelayMs: number;
  readEnv: (name: string) => string | undefined;
  checkToken: (value: unknown, option: string) => string;
}): AiGatewayLogs {
  const { settings, apiBase, lookups, retryDelayMs } = options;
  let backend: LogBackend | undefined;
  const resolve = (): LogBackend => (backend ??= chooseBackend({ settings, apiBase, readEnv: options.readEnv, checkToken: options.checkToken }));

  /** Runs a log request, asking again while the log is not there yet. */
  async function withLookups<T>(logId: string, signal: AbortSignal | undefined, run: (b: LogBackend) => Promise<T | 'not-found'>): Promise<T> {
    // The id is a path segment of the log URL (REST API and binding alike): `..` would reach the gateway itself.
    pathSegment(logId, { option: 'logId', allowed: 'the cf-aig-log-id of a call (providerMetadata.aigateway.logId): letters, digits, "-" or "_"', pattern: LOG_ID });
    const chosen = resolve();
    for (let lookup = 1; ; lookup++) {
      signal?.throwIfAborted();
      const result = await run(chosen);
      if (result !== 'not-found') return result;
      if (lookup >= lookups) throw new AiGatewayLogNotFoundError({ logId, lookups: lookup });
      await delay(retryDelayMs * 2 ** (lookup - 1), signal);
    }
  }

  return {
    get: (logId, options = {}) => withLookups(logId, options.signal, async (b) => {
      const raw = await b.get(logId, options.signal);
      return raw === 'not-found' ? raw : toGatewayLog(raw);
    }),
    feedback: async (logId, feedback, options = {}) => {
      const body = checkFeedback(feedback);
      await withLookups(logId, options.signal, (b) => b.patch(logId, body, options.signal));
    },
  };
}

/** Log ids are ULIDs; any id of letters, digits, `-` and `_` is taken (an emulator's, a future format). */
const LOG_ID = /^[A-Za-z0-9_-]{1,128}$/;
const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const GATEWAY_ID = /^[A-Za-z0-9_-]{1,64}$/;

function chooseBackend(options: {
  settings: GatewayLogsSettings;
  apiBase: string;
  readEnv: (name: string) => string | undefined;
  checkToken: (value: unknown, option: string) => string;
}): LogBackend {
  const { settings, readEnv, checkToken } = options;
  const binding = settings.binding;
  if (binding !== undefined) {
    if (typeof binding.getLog !== 'function' || typeof binding.patchLog !== 'function') {
      throw new AiGatewayInvalidOptionsError({ option: 'binding', value: binding, problem: 'has no getLog and patchLog methods', allowed: "the Workers binding env.AI.gateway('my-gateway'), which has them" });
    }
    return bindingLogBackend({ binding: binding as Required<AiGatewayBinding> });
  }
  const token = settings.cloudflareApiToken ?? readEnv('CLOUDFLARE_API_TOKEN');
  if (token !== undefined && settings.cloudflareApiToken === undefined) checkToken(token, 'CLOUDFLARE_API_TOKEN');
  if (token === undefined) {
    throw new AiGatewayInvalidOptionsError({
      option: 'cloudflareApiToken',
      value: undefined,
      problem: 'is missing',
      allowed: 'a Cloudflare API token with AI Gateway Read (and Edit, for feedback) permission, in the settings or CLOUDFLARE_API_TOKEN; or a binding',
    });
  }
  const accountId = settings.accountId ?? readEnv('CLOUDFLARE_ACCOUNT_ID');
  const gateway = settings.gateway ?? readEnv('CLOUDFLARE_AI_GATEWAY_ID');
  if (accountId === undefined || gateway === undefined) {
    throw new AiGatewayInvalidOptionsError({
      option: accountId === undefined ? 'accountId' : 'gateway',
      value: undefined,
      problem: 'is missing, and the log API needs it',
      allowed: 'accountId and gateway in the settings (or CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_AI_GATEWAY_ID); a gatewayURL alone does not name them',
    });
  }
  const account = pathSegment(accountId, { option: 'accountId', allowed: 'your Cloudflare account id (letters, digits, "-" or "_")', pattern: ACCOUNT_ID });
  const gatewayId = pathSegment(gateway, { option: 'gateway', allowed: 'a gateway id of 1 to 64 letters, digits, "-" or "_"', pattern: GATEWAY_ID });
  return restLogBackend({ url: `${options.apiBase}/accounts/${account}/ai-gateway/gateways/${gatewayId}/logs`, token, fetch: settings.fetch });
}

function checkFeedback(feedback: AiGatewayLogFeedback): AiGatewayLogFeedback {
  if (typeof feedback !== 'object' || feedback === null || Array.isArray(feedback)) {
    throw new AiGatewayInvalidOptionsError({ option: 'feedback', value: feedback, problem: 'is not an object', allowed: '{ score?, feedback?, metadata? }' });
  }
  const { score, feedback: thumbs, metadata, ...rest } = feedback;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) throw new AiGatewayInvalidOptionsError({ option: `feedback.${unknown}`, value: undefined, problem: 'is not a feedback field', allowed: 'score, feedback or metadata' });
  if (score === undefined && thumbs === undefined && metadata === undefined) {
    throw new AiGatewayInvalidOptionsError({ option: 'feedback', value: feedback, problem: 'is empty', allowed: 'at least one of score, feedback or metadata' });
  }
  if (score !== undefined && score !== null && !(typeof score === 'number' && Number.isFinite(score) && score >= 0 && score <= 100)) {
    throw new AiGatewayInvalidOptionsError({ option: 'feedback.score', value: score, problem: 'is out of range', allowed: 'a number from 0 to 100, or null' });
  }
  if (thumbs !== undefined && thumbs !== null && thumbs !== 1 && thumbs !== -1) {
    throw new AiGatewayInvalidOptionsError({ option: 'feedback.feedback', value: thumbs, problem: 'is not -1, 1 or null', allowed: '1 (thumbs up), -1 (thumbs down) or null' });
  }
  if (metadata !== undefined && metadata !== null) {
    const entries = typeof metadata === 'object' && !Array.isArray(metadata) ? Object.entries(metadata) : undefined;
    if (entries === undefined || entries.length > 5 || entries.some(([, v]) => !['string', 'number', 'boolean'].includes(typeof v))) {
      throw new AiGatewayInvalidOptionsError({ option: 'feedback.metadata', value: metadata, problem: 'is not valid log metadata', allowed: 'an object of at most 5 string, number or boolean values, or null' });
    }
  }
  return feedback;
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', aborted);
      resolve();
    }
    function aborted() {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    }
    signal?.addEventListener('abort', aborted, { once: true });
  });
}
