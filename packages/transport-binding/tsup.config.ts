import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // Minified (whitespace, identifiers, syntax): the code an app loads as shipped. Error names are
  // strings set by each class, never a class's own name. The source maps carry their sources, so
  // `node --enable-source-maps` (and a debugger) name the `src/*.ts` line of a stack frame.
  minify: true,
});
