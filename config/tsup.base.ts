// The build every published package shares: each tsup.config.ts states only its entries and what else
// differs (plugins, defines, externals, its dist/ layout).
import { defineConfig, type Options } from 'tsup';

/**
 * How the shipped code is written, for every package in one place (a change to minification, the
 * target or the formats is made here): ES modules for ES2022, with declarations and source maps.
 */
export const output = {
  format: ['esm'],
  target: 'es2022',
  dts: true,
  sourcemap: true,
  // Minified (whitespace, identifiers, syntax): the code an app loads as shipped. Error names are
  // strings set by each class, never a class's own name. The source maps carry their sources, so
  // `node --enable-source-maps` (and a debugger) name the `src/*.ts` line of a stack frame.
  minify: true,
} satisfies Options;

/** A package's builds (one, or several with their own entries): the shared output into a cleaned dist/, then what each build sets. */
export const defineBuild = (...builds: Options[]) => defineConfig(builds.map((build) => ({ ...output, clean: true, ...build })));
