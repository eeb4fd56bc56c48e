// Checks that every documentation citation in the repository resolves:
// - `docs/<page>.md#<anchor>` cited anywhere (code comments, READMEs, tests) names an existing page and heading;
// - links to https://github.com/aigw/ai-gateway-provider/(blob|tree)/main/<path>#<anchor> name an existing file
//   (a folder: its README.md) and heading, so that the packages' READMEs on npmjs.com lead somewhere;
// - relative links in Markdown files name an existing file, and `#anchor` links an existing heading.
// Run by `pnpm run lint` (and `pnpm run docs:check`); exits non-zero and lists every broken citation.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPO_LINK = /https:\/\/github\.com\/aigw\/ai-gateway-provider\/(?:blob|tree)\/main\/([^\s)#"'`<>\]]*)(?:#([\w%-]+))?/g;
const SCANNED = /\.(md|ts|tsx|mts|cts|js|mjs|cjs)$/;
const SKIPPED = [/^docs\/api\//, /(^|\/)CHANGELOG\.md$/, /(^|\/)node_modules\//, /(^|\/)dist\//];

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens; repeats get -1, -2, ... */
export function headingAnchors(markdown) {
  const anchors = new Set();
  const seen = new Map();
  for (const line of withoutCodeBlocks(markdown).split('\n')) {
    const match = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!match) continue;
    const text = match[1].replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]+>/g, '');
    const base = text.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  for (const match of markdown.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(match[1]);
  return anchors;
}

function withoutCodeBlocks(markdown) {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
}

function listFiles() {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  return out.split('\n').filter((f) => f && SCANNED.test(f) && !SKIPPED.some((re) => re.test(f)) && existsSync(join(root, f)));
}

const anchorCache = new Map();
function anchorsOf(path) {
  if (!anchorCache.has(path)) anchorCache.set(path, headingAnchors(readFileSync(join(root, path), 'utf8')));
  return anchorCache.get(path);
}

/** Why the repository path (with an optional anchor) does not resolve, or undefined when it does. */
function problem(path, anchor) {
  const full = join(root, path);
  if (!existsSync(full)) return 'no such file';
  let page = path;
  if (statSync(full).isDirectory()) {
    page = join(path, 'README.md');
    if (!existsSync(join(root, page))) return anchor ? 'a folder without README.md' : undefined;
    if (!anchor || anchor === 'readme') return undefined; // GitHub's anchor of the README shown below a folder
  }
  if (anchor && !page.endsWith('.md')) return undefined; // a line anchor of a source file (#L10): not checked
  if (anchor && !anchorsOf(page).has(decodeURIComponent(anchor))) return `no heading #${anchor} in ${page}`;
  return undefined;
}

const broken = [];
let checked = 0;
for (const file of listFiles()) {
  let text = readFileSync(join(root, file), 'utf8');
  const report = (target, why) => broken.push(`${file}: ${target}: ${why}`);

  for (const match of text.matchAll(REPO_LINK)) {
    if (match[1].includes('${')) continue; // a template in a script, e.g. scripts/new-package.mjs
    checked++;
    const why = problem(normalize(match[1].replace(/\/$/, '') || '.'), match[2]);
    if (why) report(match[0], why);
  }
  text = text.replace(REPO_LINK, 'https://repository-link');

  for (const match of text.matchAll(/(?<![\w/.-])(docs\/[\w./-]+?\.md)(?:#([\w-]+))?/g)) {
    checked++;
    const why = problem(match[1], match[2]);
    if (why) report(match[0], why);
  }

  if (file.endsWith('.md')) {
    for (const match of withoutCodeBlocks(text).matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1];
      if (/^[a-z]+:/i.test(target)) continue;
      checked++;
      const [path, anchor] = target.split('#');
      const resolved = path ? normalize(relative(root, join(root, dirname(file), path))) : file;
      if (resolved.startsWith('..')) {
        report(target, 'outside the repository');
        continue;
      }
      const why = problem(resolved, anchor);
      if (why) report(target, why);
    }
  }
}

const unique = [...new Set(broken)];
if (unique.length > 0) {
  console.error(`${unique.length} documentation link(s) do not resolve:\n${unique.map((b) => `  ${b}`).join('\n')}`);
  process.exit(1);
}
console.log(`docs:check: ${checked} links and citations resolve`);
