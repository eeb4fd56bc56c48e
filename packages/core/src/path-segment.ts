import { PROVIDER_ID_PATTERN } from './provider-table';
import { invalidOption } from './transport-kit';

/**
 * The characters a value may hold to become a URL path segment as it is: RFC 3986's `pchar`
 * without `%` (letters, digits, `-._~`, `!$&'()*+,;=`, `:` and `@`). Nothing in it is decoded,
 * resolved or split by a server, so a checked segment lands where it was put.
 */
const SEGMENT = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]+$/;
const DOT_SEGMENT = /^\.{1,2}$/;

/** How a value that becomes part of a URL path is checked: see `pathSegment`. */
export interface PathSegmentOptions {
  /** The option's dotted name, for the error: `accountId`, `models[0]`, `logId`, ... */
  readonly option: string;
  /** What a valid value looks like, for the error: `a gateway id of 1 to 64 letters, digits, "-" or "_"`. */
  readonly allowed: string;
  /** A stricter shape the value must also have (a gateway id, a provider id). */
  readonly pattern?: RegExp;
  /** The value may be several segments joined by `/` (`@cf/meta/llama-3.1-8b-instruct`, `openai/gpt-5-mini`), each checked. */
  readonly slashes?: boolean;
}

/**
 * The one place where a value given to the library (a model id of any kind, a catalog or dynamic
 * route name, a custom provider slug, a log id, a route's provider id, an account or gateway id)
 * becomes part of a request path. It returns the value unchanged when it is safe there, and
 * otherwise throws `AiGatewayInvalidOptionsError` naming the option and the value, before anything
 * is sent: an empty segment, a dot segment (`.`, `..`), a `%` (so no encoded dot segment, slash or
 * backslash), `\`, `?`, `#`, a space, a control or non-ASCII character. With `slashes`, the value
 * may hold `/` between non-empty segments.
 */
export function pathSegment(value: unknown, options: PathSegmentOptions): string {
  const problem = segmentProblem(value, options);
  if (problem !== undefined) {
    throw invalidOption(options.option, problem, options.allowed, value);
  }
  return value as string;
}

function segmentProblem(value: unknown, options: PathSegmentOptions): string | undefined {
  if (typeof value !== 'string') return 'is not a string';
  const segments = options.slashes === true ? value.split('/') : [value];
  for (const segment of segments) {
    if (segment === '') return value === '' ? 'is empty' : 'has an empty path segment';
    if (DOT_SEGMENT.test(segment)) return `has the dot segment "${segment}", which would move the request to another path`;
    if (!SEGMENT.test(segment)) {
      const bad = [...segment].find((c) => !SEGMENT.test(c))!;
      return `has ${describeCharacter(bad)}, which cannot be part of a URL path as it is`;
    }
  }
  if (options.pattern !== undefined && !options.pattern.test(value)) return 'does not have the expected shape';
  return undefined;
}

function describeCharacter(c: string): string {
  if (c === '/') return 'a "/"';
  if (c === '%') return 'a "%" (an encoded character)';
  if (c === '\\' || c === '?' || c === '#') return `a "${c}"`;
  if (c === ' ') return 'a space';
  const code = c.codePointAt(0)!;
  if (code < 0x20 || code === 0x7f) return `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `the character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A quick test for an endpoint with nothing to look at closely: no dot segment (ended by `/`, `?` or the end), `%`, `\`, `#`, space or control character. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const PLAIN_ENDPOINT = /^(?![\s\S]*(?:^|\/)\.\.?(?:[/?]|$))[^%\\#\s\x00-\x1f\x7f]*$/;

/**
 * Checks the endpoint of a gateway step (the provider path after `{provider}/`, query string
 * included), which a provider SDK built from its model id and a transport puts into a URL (or the
 * gateway puts into the provider's). Refused with `AiGatewayInvalidOptionsError`: a dot segment, raw
 * or percent-encoded (`..`, `%2e%2e`, `.%2E`, `..%2f..`, even encoded twice), a `\` (raw or
 * `%5c`), a `#`, a space or a control character (raw or encoded). Percent-encoded characters that
 * move nothing (a Bedrock ARN's `%3A` and `%2F` inside one segment) and empty segments are kept.
 * Returns the endpoint unchanged.
 */
export function checkEndpoint(endpoint: unknown, option: string): string {
  if (typeof endpoint !== 'string') {
    throw invalidOption(option, 'is not a string', 'a provider path such as v1/chat/completions', endpoint);
  }
  if (PLAIN_ENDPOINT.test(endpoint)) return endpoint;
  const queryStart = endpoint.indexOf('?');
  const path = queryStart === -1 ? endpoint : endpoint.slice(0, queryStart);
  const query = queryStart === -1 ? '' : endpoint.slice(queryStart);
  let problem: string | undefined;
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  if (/[#\s\x00-\x1f\x7f]/.test(query)) problem = 'has a "#", a space or a control character in its query';
  for (const segment of path.split('/')) {
    problem ??= endpointSegmentProblem(segment);
    if (problem !== undefined) break;
  }
  if (problem !== undefined) {
    throw invalidOption(option, problem, 'a provider path without dot segments (raw or encoded), "\\", "#", spaces or control characters', endpoint);
  }
  return endpoint;
}

function endpointSegmentProblem(segment: string): string | undefined {
  let text = segment;
  // Decoded until nothing changes (a server may decode more than once): `%252e` is `%2e` is `.`.
  for (let round = 0; round < 4; round++) {
    if (DOT_SEGMENT.test(text) || text.split(/[/\\]/).some((part) => DOT_SEGMENT.test(part))) return `has the dot segment "${segment}", which would move the request to another path`;
    // eslint-disable-next-line no-control-regex -- control characters are what it looks for
    if (/[\\#\s\x00-\x1f\x7f]/.test(text)) return `has the path segment "${segment}" with a "\\", "#", space or control character`;
    if (!text.includes('%')) return undefined;
    let decoded: string;
    try {
      decoded = decodeURIComponent(text);
    } catch {
      return `has the path segment "${segment}" with a malformed percent-encoding`;
    }
    if (decoded === text) return undefined;
    text = decoded;
  }
  return `has the path segment "${segment}", encoded more times than a provider path ever is`;
}

/** What a step's path check calls its two parts in an error: the option names of its provider and endpoint. */
export interface StepPathNames {
  readonly provider: string;
  readonly endpoint: string;
}

/**
 * Checks the two parts of a gateway step that become its request path, its provider id and its
 * endpoint (see `pathSegment` and `checkEndpoint`), for `encodeStep` and every transport. The
 * usual step passes on two regular-expression tests; the names of a refused part are built only
 * then: `names()`, or for a transport the step's index in the request (`request.steps[i].provider`).
 */
export function checkStepPath(step: { readonly provider: unknown; readonly endpoint: unknown }, names: number | (() => StepPathNames)): void {
  const { provider, endpoint } = step;
  if (typeof provider === 'string' && PROVIDER_ID_PATTERN.test(provider) && typeof endpoint === 'string' && PLAIN_ENDPOINT.test(endpoint)) return;
  const { provider: providerOption, endpoint: endpointOption } =
    typeof names === 'number' ? { provider: `request.steps[${names}].provider`, endpoint: `request.steps[${names}].endpoint` } : names();
  pathSegment(provider, { option: providerOption, allowed: 'a gateway provider id such as "openai" or "custom-my-llm"', pattern: PROVIDER_ID_PATTERN });
  checkEndpoint(endpoint, endpointOption);
}
