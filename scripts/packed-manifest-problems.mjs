// What is wrong with a packed package.json, as npm users would receive it. Shared by pack-check.mjs
// and the packaging tests (tests/compat/test/manifests.test.ts).

/**
 * @param {{ manifest: Record<string, any>, files: readonly string[] }} packed the package.json inside
 *   the tarball and the paths of every file in it (relative to the package folder)
 * @returns {string[]} one sentence per problem; empty when the manifest is fine
 */
export function packedManifestProblems({ manifest, files }) {
  const problems = [];
  if (typeof manifest.homepage !== 'string' || !manifest.homepage.startsWith('https://')) problems.push('has no https homepage');
  if (typeof manifest.bugs?.url !== 'string' || !manifest.bugs.url.startsWith('https://')) problems.push('has no bugs.url');
  for (const entry of manifest.files ?? []) {
    if (!files.some((file) => file === entry || file.startsWith(`${entry}/`))) problems.push(`lists "${entry}" in files, but the tarball has no such file`);
  }
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith('workspace:')) problems.push(`${field}.${name} is still "${range}"`);
      // `^0.0.x` admits one version only: every release of the dependency would need a release here.
      else if (/^\^0\.0\.\d+$/.test(String(range))) problems.push(`${field}.${name} is "${range}", which admits ${String(range).slice(1)} only`);
    }
  }
  return problems;
}
