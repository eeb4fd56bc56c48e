// The workspace's package folders and its published packages as npm users receive them (packed):
// shared by the scripts (run-tests.mjs, test-summary.mjs, pack-check.mjs) and the packaging tests
// (tests/compat/test/manifests.test.ts, packed-install.test.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's root folder. */
export const root = new URL('..', import.meta.url).pathname;

/**
 * Every workspace package's folder, as pnpm-workspace.yaml's `packages:` list names them (`packages/*`,
 * `bench`, ...): the folders that hold a package.json.
 * @returns {string[]} absolute paths
 */
export function workspaceFolders() {
  const yaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const list = /^packages:\r?\n((?:[ \t]+-.*\r?\n?)+)/m.exec(yaml);
  if (!list) throw new Error('pnpm-workspace.yaml has no packages: list');
  const globs = [...list[1].matchAll(/-\s*['"]?([^'"\s#]+)/g)].map((m) => m[1]);
  return globs
    .flatMap((glob) => (glob.endsWith('/*') ? readdirSync(join(root, glob.slice(0, -2))).map((dir) => join(root, glob.slice(0, -2), dir)) : [join(root, glob)]))
    .filter((folder) => existsSync(join(folder, 'package.json')));
}

/**
 * The packages under packages/ that are published (not `private`).
 * @returns {{ folder: string; path: string; manifest: Record<string, unknown> }[]} the folder's name, its absolute path and its package.json
 */
export function publicPackages() {
  return readdirSync(join(root, 'packages'))
    .map((folder) => ({ folder, path: join(root, 'packages', folder), manifest: JSON.parse(readFileSync(join(root, 'packages', folder, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private);
}

/**
 * Packs a package with `pnpm pack`, which turns `workspace:^` into a range, as publishing does.
 * @param {string} path the package's folder
 * @param {string} destination the folder the tarball is written to
 * @returns {string} the tarball's path
 */
export function pack(path, destination) {
  const before = new Set(readdirSync(destination));
  execFileSync('pnpm', ['pack', '--pack-destination', destination], { cwd: path, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(destination).find((file) => !before.has(file));
  if (!tarball) throw new Error(`pnpm pack wrote no new tarball into ${destination}`);
  return join(destination, tarball);
}

/**
 * What a tarball holds: its package.json and its files (paths without the `package/` prefix).
 * @param {string} tarball
 * @returns {{ manifest: Record<string, unknown>; files: string[] }}
 */
export function readTarball(tarball) {
  const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((file) => file.replace(/^package\//, ''));
  return { manifest, files };
}
