import { defineBuild } from '../../config/tsup.base.ts';

/** The modules the main entry loads lazily (`import('./...')`): a failed call's decoding, a fallback list's failure. */
const LAZY = /\/src\/(?:decode-failure|fallback-error)\.ts$/;

export default defineBuild({
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
  external: ['vitest'],
  // The testing entry and the lazy modules take core's functions from the package itself (every one
  // they use is a public export), so that they are not split into chunks shared with the main entry:
  // the import loads one file of core instead of one per shared module.
  esbuildPlugins: [
    {
      name: 'imports-core',
      setup(build) {
        build.onResolve({ filter: /^\.\.\/[a-z-]+$/ }, (args) => (args.importer.includes('/src/testing/') ? { path: '@aigw/core', external: true } : undefined));
        build.onResolve({ filter: /^\.\/[a-z-]+$/ }, (args) => (LAZY.test(args.importer) ? { path: '@aigw/core', external: true } : undefined));
      },
    },
  ],
});
