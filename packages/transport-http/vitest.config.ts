import { readFileSync } from 'node:fs';
import { defineTestConfig } from '../../config/vitest.base.ts';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineTestConfig({
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
  test: { include: ['test/**/*.test.ts', 'src/**/*.test.ts'] },
});
