import { defineBuild } from '../../config/tsup.base.ts';

export default defineBuild({
  entry: ['src/index.ts', 'src/cli.ts', 'src/binding.ts'],
  // A development tool, which no app bundles: shipped as written, without minification.
  minify: false,
});
