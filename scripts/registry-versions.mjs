// Which public package versions the npm registry already holds. Shared by pack-check.mjs and the
// packaging tests (tests/compat/test/manifests.test.ts).
import { execFileSync } from 'node:child_process';

/**
 * The problems of a release plan against what the registry holds: a package must not carry (now) or
 * get (at the next `changeset version`) a version already published under its name, since a user's
 * cache or lockfile could then mix two different tarballs of one name and version.
 *
 * @param {{ name: string, version: string, nextVersion: string }[]} packages each public package
 * @param {Record<string, readonly string[] | undefined>} published the registry's versions by name
 *   (an empty list for a name it does not know; undefined when it could not be asked)
 * @returns {string[]} one sentence per collision; empty when none
 */
export function versionCollisions(packages, published) {
  const problems = [];
  for (const { name, version, nextVersion } of packages) {
    const taken = published[name];
    if (taken === undefined) continue;
    if (taken.includes(version)) problems.push(`${name}@${version} (package.json) is already on the registry`);
    if (nextVersion !== version && taken.includes(nextVersion)) problems.push(`${name}@${nextVersion} (the next release, from the pending changesets) is already on the registry`);
  }
  return problems;
}

/**
 * The versions the registry holds for `name` (`npm view <name> versions`): an empty list when it has
 * no such package (E404), undefined when the registry could not be reached.
 *
 * @param {string} name
 * @returns {string[] | undefined}
 */
export function registryVersions(name) {
  try {
    const out = execFileSync('npm', ['view', name, 'versions', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    const versions = JSON.parse(out);
    return Array.isArray(versions) ? versions : [versions];
  } catch (error) {
    const text = `${error.stdout ?? ''}${error.stderr ?? ''}`;
    if (/\bE404\b/.test(text)) return [];
    return undefined;
  }
}
