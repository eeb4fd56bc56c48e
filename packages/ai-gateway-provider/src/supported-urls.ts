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
 * one that answers; anything else is downloaded and inlined by the AI SDK as usual.
 */
export async function combineSupportedUrls(models: readonly { supportedUrls?: PromiseLike<UrlPatterns> | UrlPatterns }[]): Promise<UrlPatterns> {
  const legs = await Promise.all(models.map(async (m) => (await m.supportedUrls) ?? {}));
  const keys = new Set(legs.flatMap((leg) => Object.keys(leg).map((k) => k.toLowerCase())));
  const out: UrlPatterns = {};
  for (const key of keys) {
    const pattern = new EveryLegPattern(key === '*' ? '*/*' : key, legs);
    out[key] = [pattern];
  }
  return out;
}
