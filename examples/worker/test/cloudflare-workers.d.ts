// The pieces of the Workers runtime these tests use (the full types come with
// @cloudflare/workers-types or `wrangler types`, which this example does not need otherwise).
declare module 'cloudflare:workers' {
  /** The bindings of the test Worker (vitest.config.ts). */
  export const env: Record<string, unknown>;
}

// test/workers-ai-deps.ts as vitest.config.ts bundles it (typed where it is imported).
declare module '*/.test-build/workers-ai-deps.mjs';

// The Worker of src/index.ts as vitest.config.ts bundles it.
declare module '*/.test-build/worker.mjs' {
  const handler: { fetch(request: Request, env: Record<string, unknown>): Promise<Response> };
  export default handler;
}
