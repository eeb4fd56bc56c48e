/**
 * Bounds on the work one request can make a simulated provider do: schema-driven answers (tool
 * arguments, structured output) and embeddings. Past a bound the provider throws an
 * {@link UpstreamLimitError}, which the gateway answers with its own error envelope.
 */

/** Bounds on the work of one simulated answer; see {@link DEFAULT_UPSTREAM_LIMITS}. */
export interface UpstreamLimits {
  /** Schema nodes one instance may visit, `$ref` expansions and combinator branches included (413 past it). */
  schemaNodes: number;
  /** `$ref` expansions one instance may follow (413 past it). */
  schemaRefs: number;
  /** Schema nodes nested inside one another at once, combinators included (400 past it). */
  schemaNesting: number;
  /** Length a schema may demand of an array (`minItems`, `prefixItems`) (413 past it). */
  arrayItems: number;
  /** Length a schema may demand of a string (`minLength`) (413 past it). */
  stringLength: number;
  /** Size of one generated instance, in characters of its JSON text (413 past it). */
  generatedChars: number;
  /** Inputs of one embeddings request (413 past it). */
  embeddingInputs: number;
  /** Values of one embeddings request: the dimensions of every vector added up (413 past it). */
  embeddingValues: number;
}

/** The default bounds: far above what a real provider accepts, far below what exhausts a 256 MB heap. */
export const DEFAULT_UPSTREAM_LIMITS: Readonly<UpstreamLimits> = Object.freeze({
  schemaNodes: 100_000,
  schemaRefs: 10_000,
  schemaNesting: 128,
  arrayItems: 10_000,
  stringLength: 1_000_000,
  generatedChars: 8 * 1024 * 1024,
  embeddingInputs: 2048,
  embeddingValues: 2 * 1024 * 1024,
});

/**
 * Thrown by a simulated provider when a request asks for more work than {@link UpstreamLimits}
 * allow. It is not a provider error: the gateway answers it with its error envelope (code 2005),
 * status 413 when the answer would be too large and 400 when the request is malformed (a schema
 * nested too deep or whose `$ref`s form a cycle).
 */
export class UpstreamLimitError extends Error {
  readonly status: 400 | 413;

  constructor(options: { status: 400 | 413; message: string }) {
    super(options.message);
    this.name = 'UpstreamLimitError';
    this.status = options.status;
  }
}

/**
 * The defaults overridden by `limits`; throws a `RangeError` naming the option when a value is
 * not a positive integer.
 */
export function resolveLimits(limits: Partial<UpstreamLimits> = {}): UpstreamLimits {
  const out: UpstreamLimits = { ...DEFAULT_UPSTREAM_LIMITS };
  for (const [name, value] of Object.entries(limits)) {
    if (!(name in DEFAULT_UPSTREAM_LIMITS)) {
      throw new RangeError(`upstreamOptions.limits.${name}: unknown limit; known: ${Object.keys(DEFAULT_UPSTREAM_LIMITS).join(', ')}`);
    }
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`upstreamOptions.limits.${name} must be a positive integer, got ${String(value)}`);
    }
    out[name as keyof UpstreamLimits] = value;
  }
  return out;
}
