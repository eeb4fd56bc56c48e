// The one piece of the Workers runtime types these tests use (the full types come with
// @cloudflare/workers-types or `wrangler types`, which this example does not need otherwise).
declare module 'cloudflare:workers' {
  /** The main Worker's exports; `exports.default.fetch()` calls its fetch handler. */
  export const exports: {
    default: { fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> };
  };
}
