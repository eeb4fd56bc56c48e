type UrlPatterns = Record<string, RegExp[]>;

const covers = (key: string, mediaType: string) => {
  const k = key.toLowerCase();
  if (k === '*' || k === '*/*') return true;
  if (k.endsWith('/*')) return mediaType === k || mediaType.startsWith(k.slice(0, -1));
  return mediaType === k;
};

const matches = (pattern: RegExp, url: string) => {
  if (!pattern.global && !pattern.sticky) return pattern.test(url);
  const saved = pattern.lastIndex;
  pattern.lastIndex = 0;
  try {
    return pattern.test(url);
  } finally {
    pattern.lastIndex = saved;
  }
};

/** A pattern that matches a URL only when every fallback leg supports it for the media type. */
class EveryLegPattern extends RegExp {
  constructor(
    private readonly mediaType: string,
    private readonly legs: readonly UrlPatterns[],
  ) {
    super('(?:)');
  }

  override test(url: string): boolean {
    return this.legs.every((leg) => Object.entries(leg).some(([key, patterns]) => covers(key, this.mediaType) && patterns.some((p) => matches(p, url))));
  }
}

/**
 * The URLs a fallback list of models can fetch themselves: a URL counts as supported only when every model supports it, since any of them may be the
 * one that answers; anything else is downloaded and inlined by the AI SDK as usual. Synchronous when
 * every model states its patterns as a plain record (the usual case), so a call awaits no promise.
 */
export function combineSupportedUrls(models: readonly { supportedUrls?: PromiseLike<UrlPatterns> | UrlPatterns }[]): UrlPatterns | Promise<UrlPatterns> {
  const own = models.map((m) => m.supportedUrls);
  if (own.some(isThenable)) return Promise.all(own.map(async (leg) => (await leg) ?? {})).then(everyLeg);
  return everyLeg(own.map((leg) => (leg as UrlPatterns | undefined) ?? {}));
}

const isThenable = (value: unknown): value is PromiseLike<unknown> => typeof (value as { then?: unknown } | undefined)?.then === 'function';

function everyLeg(legs: readonly UrlPatterns[]): UrlPatterns {
  const keys = new Set(legs.flatMap((leg) => Object.keys(leg).map((k) => k.toLowerCase())));
  const out: UrlPatterns = {};
  for (const key of keys) out[key] = [new EveryLegPattern(key === '*' ? '*/*' : key, legs)];
  return out;
}
