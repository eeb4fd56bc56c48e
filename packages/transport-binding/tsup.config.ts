import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
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
});
