// Packs every public workspace package, checks the packed manifest (homepage, bugs, listed files,
// internal dependency ranges) and runs publint and @arethetypeswrong/cli on the tarball, so a broken
// exports map or missing types fails CI. Run after `pnpm run build`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packedManifestProblems } from './packed-manifest-problems.mjs';

const root = new URL('..', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'aigw-pack-'));
let failures = 0;
for (const name of readdirSync(join(root, 'packages'))) {
  const dir = join(root, 'packages', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (pkg.private) continue;
  const before = new Set(readdirSync(out));
  execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(out).find((f) => !before.has(f));
  const path = join(out, tarball);
  const manifest = JSON.parse(execFileSync('tar', ['-xzOf', path, 'package/package.json'], { encoding: 'utf8' }));
  const files = execFileSync('tar', ['-tzf', path], { encoding: 'utf8' }).split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
  const problems = packedManifestProblems({ manifest, files });
  if (problems.length > 0) {
    failures += 1;
    console.log(`FAIL manifest ${pkg.name}\n${problems.map((p) => `  ${p}`).join('\n')}`);
  } else {
    console.log(`ok   manifest ${pkg.name}`);
  }
  for (const [tool, args] of [
    ['publint', ['publint', 'run', path, '--strict']],
    ['attw', ['attw', path, '--profile', 'esm-only', '--format', 'table-flipped']],
  ]) {
    try {
      execFileSync('pnpm', ['exec', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      console.log(`ok   ${tool} ${pkg.name}`);
    } catch (error) {
      failures += 1;
      console.log(`FAIL ${tool} ${pkg.name}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
  }
}
rmSync(out, { recursive: true, force: true });
if (failures > 0) {
  console.error(`${failures} packaging check(s) failed`);
  process.exit(1);
}
