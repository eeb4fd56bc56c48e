/**
 * The provider table: which gateway provider a provider SDK's request URL belongs to, and the
 * endpoint (path after the provider segment) it becomes. Data, not code paths: one entry per
 * gateway provider id. Users add entries for hosts the table does not know.
 */
export interface ProviderRoute {
  /** Gateway provider id, e.g. `openai`, `aws-bedrock`, `custom-my-llm`. */
  readonly provider: string;
  /** Matched against the request URL without its query string. */
  readonly url: RegExp;
  /**
   * The endpoint for a match, without a leading slash and without the query string (core appends it).
   * Default: what follows the match.
   */
  readonly endpoint?: (match: RegExpExecArray, pathAndRest: string) => string;
  /** Lower-case names of the headers that carry this provider's credentials. Default: `authorization`. */
  readonly authHeaders?: readonly string[];
}

const rest = (match: RegExpExecArray, url: string) => url.slice(match[0].length);

/** Every route the gateway documents (docs/protocol.md#provider-native-endpoints), most specific first. */
export const defaultProviderRoutes: readonly ProviderRoute[] = [
  { provider: 'openai', url: /^https:\/\/api\.openai\.com\/v1\// },
  { provider: 'anthropic', url: /^https:\/\/api\.anthropic\.com\//, authHeaders: ['x-api-key', 'authorization'] },
  { provider: 'google-ai-studio', url: /^https:\/\/generativelanguage\.googleapis\.com\//, authHeaders: ['x-goog-api-key', 'authorization'] },
  {
    provider: 'google-vertex-ai',
    url: /^https:\/\/(?:[a-z0-9-]+-)?aiplatform\.googleapis\.com\//,
    authHeaders: ['authorization', 'x-goog-api-key'],
  },
  {
    provider: 'aws-bedrock',
    url: /^https:\/\/bedrock-runtime\.([a-z0-9-]+)\.amazonaws\.com\//,
    endpoint: (match, url) => `bedrock-runtime/${match[1]!}/${rest(match, url)}`,
    authHeaders: ['authorization', 'x-amz-security-token', 'x-amz-date', 'x-amz-content-sha256'],
  },
  {
    provider: 'azure-openai',
    url: /^https:\/\/([a-z0-9-]+)\.openai\.azure\.com\/openai\/deployments\/([^/]+)\//,
    endpoint: (match, url) => `${match[1]!}/${match[2]!}/${rest(match, url)}`,
    authHeaders: ['api-key', 'authorization'],
  },
  {
    provider: 'azure-openai',
    url: /^https:\/\/([a-z0-9-]+)\.(?:openai|cognitiveservices)\.azure\.com\/openai\/v1\//,
    endpoint: (match, url) => `${match[1]!}/v1/${rest(match, url)}`,
    authHeaders: ['api-key', 'authorization'],
  },
  { provider: 'grok', url: /^https:\/\/api\.x\.ai\// },
  { provider: 'groq', url: /^https:\/\/api\.groq\.com\/openai\/v1\// },
  { provider: 'mistral', url: /^https:\/\/api\.mistral\.ai\// },
  { provider: 'deepseek', url: /^https:\/\/api\.deepseek\.com\// },
  { provider: 'perplexity-ai', url: /^https:\/\/api\.perplexity\.ai\// },
  { provider: 'cerebras', url: /^https:\/\/api\.cerebras\.ai\/v1\// },
  { provider: 'openrouter', url: /^https:\/\/openrouter\.ai\/api\// },
  { provider: 'fireworks', url: /^https:\/\/api\.fireworks\.ai\/inference\/v1\// },
  { provider: 'cohere', url: /^https:\/\/api\.cohere\.(?:com|ai)\// },
  { provider: 'replicate', url: /^https:\/\/api\.replicate\.com\/v1\// },
  { provider: 'huggingface', url: /^https:\/\/(?:api-inference|router)\.huggingface\.co\// },
  { provider: 'deepgram', url: /^https:\/\/api\.deepgram\.com\// },
  { provider: 'elevenlabs', url: /^https:\/\/api\.elevenlabs\.io\//, authHeaders: ['xi-api-key'] },
  { provider: 'cartesia', url: /^https:\/\/api\.cartesia\.ai\//, authHeaders: ['x-api-key', 'authorization'] },
  // fal's synchronous API only: the gateway's `fal/{path}` is `https://fal.run/{path}`. Its queue API
  // (`queue.fal.run`: submit, then status and result by request id) has no documented gateway path,
  // so such a request is refused as unroutable rather than sent to the synchronous API by mistake.
  { provider: 'fal', url: /^https:\/\/fal\.run\// },
  { provider: 'ideogram', url: /^https:\/\/api\.ideogram\.ai\//, authHeaders: ['api-key'] },
  {
    provider: 'workers-ai',
    url: /^https:\/\/api\.cloudflare\.com\/client\/v4\/accounts\/[^/]+\/ai\/(?:run\/)?/,
  },
  { provider: 'compat', url: /^https:\/\/gateway\.ai\.cloudflare\.com\/v1\/compat\// },
];

/** Where a request URL goes in the gateway. */
export interface ResolvedRoute {
  readonly provider: string;
  /** Endpoint with the original query string appended. */
  readonly endpoint: string;
  readonly authHeaders: readonly string[];
}

const DEFAULT_AUTH_HEADERS = ['authorization'] as const;

/**
 * Finds the gateway provider and endpoint of a provider SDK's request URL. `routes` are tried
 * before the default table. `forceProvider` skips host matching: the endpoint is then the URL's
 * path after the first segment that a default route would strip, or the whole path.
 */
export function resolveRoute(
  url: string,
  options: { routes?: readonly ProviderRoute[]; forceProvider?: string } = {},
): ResolvedRoute | undefined {
  // A model sends to the same URL call after call: the default table's answer for it is kept.
  // User routes (whose endpoint functions are theirs) and forced providers are matched each time.
  if (options.forceProvider !== undefined || (options.routes !== undefined && options.routes.length > 0)) return matchRoute(url, options);
  const known = defaultRouteCache.get(url);
  if (known !== undefined) return known;
  const route = matchRoute(url, options);
  if (route !== undefined) {
    if (defaultRouteCache.size >= ROUTE_CACHE_SIZE) defaultRouteCache.clear();
    defaultRouteCache.set(url, route);
  }
  return route;
}

/** Resolved default-table routes by URL; cleared when full, so URLs that vary (a query string per call) cannot grow it. */
const defaultRouteCache = new Map<string, ResolvedRoute>();
const ROUTE_CACHE_SIZE = 256;

function matchRoute(url: string, options: { routes?: readonly ProviderRoute[]; forceProvider?: string }): ResolvedRoute | undefined {
  const queryStart = url.indexOf('?');
  const base = queryStart === -1 ? url : url.slice(0, queryStart);
  const query = queryStart === -1 ? '' : url.slice(queryStart);
  const tables = options.routes && options.routes.length > 0 ? [options.routes, defaultProviderRoutes] : [defaultProviderRoutes];
  for (const table of tables) {
    for (const route of table) {
      const match = route.url.exec(base);
      if (match === null || match.index !== 0) continue;
      const endpoint = (route.endpoint ? route.endpoint(match, base) : rest(match, base)).replace(/^\/+/, '');
      const provider = options.forceProvider ?? route.provider;
      return Object.freeze({ provider, endpoint: endpoint + query, authHeaders: route.authHeaders ?? DEFAULT_AUTH_HEADERS });
    }
  }
  if (options.forceProvider !== undefined) {
    // An unknown host with a forced provider id: the whole path is the endpoint.
    const path = base.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/^\/+/, '');
    return { provider: options.forceProvider, endpoint: path + query, authHeaders: DEFAULT_AUTH_HEADERS };
  }
  return undefined;
}

/** Gateway provider ids are lower-case words joined by dashes; custom providers are `custom-{slug}`. */
export const PROVIDER_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
