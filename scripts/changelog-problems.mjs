// Changelog entries that are titles rather than what changed for a user. Shared by pack-check.mjs
// and the packaging tests (tests/compat/test/manifests.test.ts). `changeset version` copies each
// changeset's text into the CHANGELOG.md of its packages, so both are checked.

/** Fewer words than this, or no full sentence, reads as a title ("Fix bug", "Add option X"). */
const MIN_WORDS = 12;

/**
 * @param {string} text one entry: a changeset's text (after its front matter) or a CHANGELOG item
 * @returns {string | undefined} why it reads as a title; undefined when it is a real entry
 */
export function titleLikeEntry(text) {
  const prose = text.replace(/```[\s\S]*?```/g, ' ').trim();
  const words = prose.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  if (words < MIN_WORDS) return `has ${words} word(s), fewer than ${MIN_WORDS}: say what changed for a user`;
  if (!/[.!?:)`]\s|[.!?:)`]$/.test(prose)) return 'has no full sentence';
  return undefined;
}

/**
 * @param {string} file the text of a changeset file (`---` front matter, then the entry)
 * @returns {string[]} its problems: no package, or an entry that reads as a title
 */
export function changesetProblems(file) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(file);
  if (!match) return ['has no front matter'];
  const problems = [];
  if (!/^\s*['"]?[@\w][^:]*['"]?\s*:\s*(major|minor|patch)\s*$/m.test(match[1])) problems.push('names no package and bump');
  const why = titleLikeEntry(match[2]);
  if (why) problems.push(why);
  return problems;
}

/**
 * @param {string} changelog the text of a CHANGELOG.md written by changesets (`## 1.2.0`,
 *   `### Minor Changes`, `- entry`)
 * @returns {string[]} one sentence per entry that reads as a title
 */
export function changelogProblems(changelog) {
  const problems = [];
  let version = '';
  let entry;
  const flush = () => {
    const why = entry === undefined ? undefined : titleLikeEntry(entry.replace(/^[0-9a-f]{7,40}:\s*/, ''));
    if (why) problems.push(`${version}: "${entry.split('\n')[0].slice(0, 60)}" ${why}`);
    entry = undefined;
  };
  for (const line of changelog.split('\n')) {
    if (/^## /.test(line)) {
      flush();
      version = line.slice(3).trim();
    } else if (/^### /.test(line)) flush();
    else if (/^- /.test(line)) {
      flush();
      entry = line.slice(2);
    } else if (entry !== undefined && /^\s+\S/.test(line)) entry += `\n${line.trim()}`;
    else if (entry !== undefined && line.trim() !== '') flush();
  }
  flush();
  return problems;
}
