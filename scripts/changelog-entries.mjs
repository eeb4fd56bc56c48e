// How `changeset version` writes CHANGELOG.md entries (.changeset/config.json, "changelog"): each
// changeset's text as one entry, as @changesets/changelog-git writes it, and a package's updated
// internal dependencies as one sentence instead of an "Updated dependencies" line per changeset.

/** One entry: the changeset's text, its first line after the commit that added it. */
export async function getReleaseLine(changeset) {
  const [first, ...rest] = changeset.summary.split('\n').map((line) => line.trimEnd());
  const commit = changeset.commit ? `${changeset.commit.slice(0, 7)}: ` : '';
  return [`- ${commit}${first}`, ...rest.map((line) => `  ${line}`)].join('\n');
}

/** One entry for every internal dependency this release moves to. */
export async function getDependencyReleaseLine(_changesets, dependenciesUpdated) {
  if (dependenciesUpdated.length === 0) return '';
  const list = dependenciesUpdated.map((d) => `\`${d.name}@${d.newVersion}\``).join(', ');
  const one = dependenciesUpdated.length === 1;
  return `- Depends on ${list}: what changed in ${one ? 'it' : 'them'} is in ${one ? 'its' : 'their'} own CHANGELOG.md, and what changes for you here is listed above.`;
}

export default { getReleaseLine, getDependencyReleaseLine };
