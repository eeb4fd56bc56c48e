import { readFileSync } from 'node:fs';
import { defineBuild } from '../../config/tsup.base.ts';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineBuild({
  entry: ['src/index.ts'],
  // The User-Agent suffix names the published version.
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
});
