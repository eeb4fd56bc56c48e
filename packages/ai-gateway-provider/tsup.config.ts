import { readdirSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

const providers = readdirSync('src/providers')
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !['gateway-defaults.ts', 'import-peer.ts'].includes(f))
  .map((f) => `src/providers/${f}`);

const shared: Options = {
  format: ['esm'],
  dts: true,
  sourcemap: true,
  target: 'es2022',
  // Whitespace and syntax only (names kept: error classes are reported by name): less to parse at import.
  esbuildOptions(options) {
    options.minifyWhitespace = true;
    options.minifySyntax = true;
  },
};

// Two builds: the main entry shares no chunk with the provider entries, so its import loads one file
// of ours (a shared chunk is one more module to resolve, load and link at every app's start).
export default defineConfig([
  { ...shared, entry: ['src/index.ts'], outDir: 'dist', clean: ['!providers/**'] },
  { ...shared, entry: providers, outDir: 'dist/providers', clean: true },
]);
