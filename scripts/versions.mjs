// Prints every workspace package's name and version (used by `pnpm run demo` until the quickstart exists).
import { readFileSync, readdirSync } from 'node:fs';
const root = new URL('../packages/', import.meta.url);
for (const dir of readdirSync(root)) {
  const pkg = JSON.parse(readFileSync(new URL(`${dir}/package.json`, root), 'utf8'));
  const mod = await import(pkg.name);
  console.log(`${pkg.name}@${pkg.version}  (${Object.keys(mod).length} exports)`);
}
