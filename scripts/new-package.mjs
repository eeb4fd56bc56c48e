// Scaffolds packages/<folder> with the shared shape: node scripts/new-package.mjs <folder> <name> "<description>"
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const [folder, name, description] = process.argv.slice(2);
const dir = join(new URL('..', import.meta.url).pathname, 'packages', folder);
if (existsSync(join(dir, 'package.json'))) throw new Error(`${dir} exists`);
mkdirSync(join(dir, 'src'), { recursive: true });
const pkg = {
  name,
  // Not 0.0.0: a dependent's published `workspace:^` becomes `^0.0.0`, which admits 0.0.0 only.
  version: '0.1.0',
  description,
  license: 'MIT',
  homepage: `https://github.com/aigw/ai-gateway-provider/tree/main/packages/${folder}#readme`,
  bugs: { url: 'https://github.com/aigw/ai-gateway-provider/issues' },
  type: 'module',
  sideEffects: false,
  repository: { type: 'git', url: 'git+https://github.com/aigw/ai-gateway-provider.git', directory: `packages/${folder}` },
  exports: {
    '.': { types: './dist/index.d.ts', import: './dist/index.js', default: './dist/index.js' },
    './package.json': './package.json',
  },
  main: './dist/index.js',
  types: './dist/index.d.ts',
  files: ['dist', 'README.md', 'CHANGELOG.md'],
  engines: { node: '>=22' },
  publishConfig: { access: 'public', provenance: true },
  scripts: {
    build: 'tsup',
    test: 'vitest run --reporter=default --reporter=json --outputFile.json=.vitest-report.json',
    typecheck: 'tsc -p tsconfig.json',
    lint: 'eslint .',
  },
};
writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
writeFileSync(join(dir, 'CHANGELOG.md'), `# ${name}\n`);
writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src', 'test', '*.ts'] }, null, 2) + '\n');
// The shared build and test configs (config/), with this package's entry and test files.
writeFileSync(join(dir, 'tsup.config.ts'), `import { defineBuild } from '../../config/tsup.base.ts';\n\nexport default defineBuild({ entry: ['src/index.ts'] });\n`);
writeFileSync(
  join(dir, 'vitest.config.ts'),
  `import { defineTestConfig } from '../../config/vitest.base.ts';\n\nexport default defineTestConfig({ test: { include: ['test/**/*.test.ts', 'src/**/*.test.ts'] } });\n`,
);
