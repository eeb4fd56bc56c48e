// Packs every public workspace package, checks the packed manifest (homepage, bugs, listed files,
// internal dependency ranges) and runs publint and @arethetypeswrong/cli on the tarball, so a broken
// exports map or missing types fails CI. Then `pnpm -r publish --dry-run`, the pending changesets
// (each a real CHANGELOG entry, see changelog-problems.mjs), and a check that no
// package's current or next version (from the pending changesets) is already on the npm registry
// (skipped, with a note, when the registry cannot be reached). Run after `pnpm run build`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changesetProblems } from './changelog-problems.mjs';
import { packedManifestProblems } from './packed-manifest-problems.mjs';
import { registryVersions, versionCollisions } from './registry-versions.mjs';
import { pack, publicPackages, readTarball, root } from './workspace.mjs';

const out = mkdtempSync(join(tmpdir(), 'aigw-pack-'));
let failures = 0;
for (const { path: dir, manifest: pkg } of publicPackages()) {
  const path = pack(dir, out);
  const problems = packedManifestProblems(readTarball(path));
  if (problems.length > 0) {
    failures += 1;
    console.log(`FAIL manifest ${pkg.name}\n${problems.map((p) => `  ${p}`).join('\n')}`);
  } else {
    console.log(`ok   manifest ${pkg.name}`);
  }
  for (const [tool, args] of [
    ['publint', ['publint', 'run', path, '--strict']],
    // node16: the CommonJS side too (the providers/* sub-paths' .cjs and .d.cts); an ESM-only entry
    // is required through Node's require(esm), which the packed-install tests run on Node 20.19, 22.12 and 24.
    ['attw', ['attw', path, '--profile', 'node16', '--ignore-rules', 'cjs-resolves-to-esm', '--format', 'table-flipped']],
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

try {
  execFileSync('pnpm', ['-r', 'publish', '--dry-run', '--no-git-checks'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  console.log('ok   pnpm -r publish --dry-run');
} catch (error) {
  failures += 1;
  console.log(`FAIL pnpm -r publish --dry-run\n${error.stdout ?? ''}${error.stderr ?? ''}`);
}

// Every pending changeset becomes a CHANGELOG.md entry as written: what changed for a user, not a title.
const changesetDir = join(root, '.changeset');
const titles = readdirSync(changesetDir)
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .flatMap((f) => changesetProblems(readFileSync(join(changesetDir, f), 'utf8')).map((problem) => `  .changeset/${f} ${problem}`));
if (titles.length > 0) {
  failures += 1;
  console.log(`FAIL changesets\n${titles.join('\n')}`);
} else {
  console.log('ok   changesets (each a real entry)');
}

// The versions each public package has now and gets at the next `changeset version`.
const statusFile = join(out, 'changeset-status.json');
execFileSync('pnpm', ['changeset', 'status', '--output', statusFile], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const next = new Map(JSON.parse(readFileSync(statusFile, 'utf8')).releases.map((r) => [r.name, r.newVersion]));
const planned = publicPackages().map(({ manifest: pkg }) => ({ name: pkg.name, version: pkg.version, nextVersion: next.get(pkg.name) ?? pkg.version }));
const published = Object.fromEntries(planned.map(({ name }) => [name, registryVersions(name)]));
const unreachable = planned.filter(({ name }) => published[name] === undefined).map(({ name }) => name);
if (unreachable.length > 0) console.log(`note the npm registry could not be asked about ${unreachable.join(', ')}: their versions are not checked`);
const collisions = versionCollisions(planned, published);
if (collisions.length > 0) {
  failures += 1;
  console.log(`FAIL versions\n${collisions.map((c) => `  ${c}`).join('\n')}`);
} else {
  console.log(`ok   versions not on the registry: ${planned.map((p) => `${p.name}@${p.version}${p.nextVersion !== p.version ? ` (next ${p.nextVersion})` : ''}`).join(', ')}`);
}

rmSync(out, { recursive: true, force: true });
if (failures > 0) {
  console.error(`${failures} packaging check(s) failed`);
  process.exit(1);
}
