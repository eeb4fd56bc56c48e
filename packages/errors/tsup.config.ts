import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // Minified but for the identifiers: Node prints an error as `AiGatewayRateLimitError [AI_...]`, by
  // its class's own name, so the names stay (esbuild's keepNames would add a call per function, in
  // every app's bundle too). The source maps carry their sources, so `node --enable-source-maps`
  // (and a debugger) name the `src/*.ts` line of a stack frame.
  minifyWhitespace: true,
  minifySyntax: true,
});
