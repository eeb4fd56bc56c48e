import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // Syntax only: names are kept (error classes are reported by name) and so are line breaks, so a
  // stack trace names a readable line (the source maps, with their sources, map it to src/).
  esbuildOptions(options) {
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
