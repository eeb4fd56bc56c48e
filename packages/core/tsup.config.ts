import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
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
  external: ['vitest'],
  // The testing entry takes core's functions from the package itself, so that they are not split
  // into a chunk shared with the main entry: one module fewer to load at import.
  esbuildPlugins: [
    {
      name: 'testing-imports-core',
      setup(build) {
        build.onResolve({ filter: /^\.\.\/[a-z-]+$/ }, (args) => (args.importer.includes('/src/testing/') ? { path: '@aigw/core', external: true } : undefined));
      },
    },
  ],
});
