import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

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
  // The User-Agent suffix names the published version.
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
});
