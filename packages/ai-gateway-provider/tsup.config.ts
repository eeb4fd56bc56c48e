import { readdirSync } from 'node:fs';
import { defineConfig } from 'tsup';

const providers = readdirSync('src/providers')
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !['gateway-defaults.ts', 'import-peer.ts'].includes(f))
  .map((f) => `src/providers/${f}`);

export default defineConfig({
  entry: ['src/index.ts', ...providers],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // Whitespace and syntax only (names kept: error classes are reported by name): less to parse at import.
  esbuildOptions(options) {
    options.minifyWhitespace = true;
    options.minifySyntax = true;
  },
});
