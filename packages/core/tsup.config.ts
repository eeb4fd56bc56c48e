import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // Minified (whitespace, identifiers, syntax): the code an app loads as shipped. Error names are
  // strings set by each class, never a class's own name. The source maps carry their sources, so
  // `node --enable-source-maps` (and a debugger) name the `src/*.ts` line of a stack frame.
  minify: true,
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
