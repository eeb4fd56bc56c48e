import { defineBuild } from '../../config/tsup.base.ts';

export default defineBuild({
  entry: ['src/index.ts'],
  // Minified but for the identifiers: Node prints an error as `AiGatewayRateLimitError [AI_...]`, by
  // its class's own name, so the names stay (esbuild's keepNames would add a call per function, in
  // every app's bundle too).
  minify: false,
  minifyWhitespace: true,
  minifySyntax: true,
});
