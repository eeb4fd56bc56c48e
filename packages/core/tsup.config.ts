import { defineBuild } from '../../config/tsup.base.ts';

export default defineBuild({
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
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
