import { redactText, type SecretMatcher } from '@aigw/errors';
import { callSecretMatcher } from './call-secrets';
import type { GatewayRequest } from './gateway-request';

/**
 * What decoding reads from an answer's headers, in one pass over them: its content type, the
 * `cf-aig-*` headers the metadata is made of, and whether a value holds a secret of the call. One
 * object of a fixed shape per answer: a `Headers.get` per name (eleven of them) cost more than
 * walking the usual answer's few headers once, and the walk checks them for secrets anyway.
 */
export interface AnswerHeaders {
  /** True when a value holds a secret of the call (only looked for when a matcher is given). */
  holdsSecret: boolean;
  contentType: string | null;
  step: string | null;
  cacheStatus: string | null;
  logId: string | null;
  eventId: string | null;
  requestId: string | null;
  traceId: string | null;
  runId: string | null;
  model: string | null;
  provider: string | null;
  routedModel: string | null;
  routingReason: string | null;
  routingDecisionId: string | null;
}

/** `c`: the first letter of `content-type` and of every `cf-aig-*` name. */
const LETTER_C = 0x63;

/**
 * Reads `headers` once (see `AnswerHeaders`); each value is checked with `matcher` until one holds
 * a secret. The runtime's iterator gives names in lower case and repeated headers' values joined,
 * as `get` does.
 */
export function readAnswerHeaders(headers: Headers, matcher: SecretMatcher | undefined): AnswerHeaders {
  const out: AnswerHeaders = {
    holdsSecret: false,
    contentType: null,
    step: null,
    cacheStatus: null,
    logId: null,
    eventId: null,
    requestId: null,
    traceId: null,
    runId: null,
    model: null,
    provider: null,
    routedModel: null,
    routingReason: null,
    routingDecisionId: null,
  };
  let check = matcher;
  for (const [name, value] of headers) {
    if (check !== undefined && check.test(value)) {
      out.holdsSecret = true;
      check = undefined;
    }
    if (name.charCodeAt(0) !== LETTER_C) continue;
    switch (name) {
      case 'content-type':
        out.contentType = value;
        break;
      case 'cf-aig-step':
        out.step = value;
        break;
      case 'cf-aig-cache-status':
        out.cacheStatus = value;
        break;
      case 'cf-aig-log-id':
        out.logId = value;
        break;
      case 'cf-aig-event-id':
        out.eventId = value;
        break;
      case 'cf-aig-request-id':
        out.requestId = value;
        break;
      case 'cf-aig-trace-id':
        out.traceId = value;
        break;
      case 'cf-aig-run-id':
        out.runId = value;
        break;
      case 'cf-aig-model':
        out.model = value;
        break;
      case 'cf-aig-provider':
        out.provider = value;
        break;
      case 'cf-aig-routed-model':
        out.routedModel = value;
        break;
      case 'cf-aig-routing-reason':
        out.routingReason = value;
        break;
      case 'cf-aig-routing-decision-id':
        out.routingDecisionId = value;
        break;
    }
  }
  return out;
}

/**
 * The matcher of every secret of the call (`callSecrets`), made once per set of secrets; undefined
 * when there is none to look for. A value shorter than the shortest form of a secret is not looked at.
 */
export function answerSecretMatcher(request: GatewayRequest, transportSecrets: readonly string[] | undefined): SecretMatcher | undefined {
  const matcher = callSecretMatcher(request, transportSecrets);
  return matcher.minLength === Infinity ? undefined : matcher;
}

/**
 * A successful answer's headers with every secret of the call scrubbed from them in every form
 * `redactText` finds (for an answer whose `readAnswerHeaders` found one). A value that holds one is
 * scrubbed as `redactText` does (the known credential shapes included); the others are kept as they
 * came, in order, repeated headers (`set-cookie`) each on its own.
 */
export function scrubHeaders(headers: Headers, matcher: SecretMatcher): Headers {
  const out = new Headers();
  headers.forEach((value, name) => out.append(name, matcher.test(value) ? redactText(value, matcher.secrets) : value));
  return out;
}
