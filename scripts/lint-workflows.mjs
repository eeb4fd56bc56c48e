// `pnpm run lint:workflows`: checks the GitHub Actions workflows offline. Each file is validated
// against the workflow schema by @action-validator/cli (unknown keys, wrong types, bad `on:` events),
// then for what releasing depends on: CI runs `bash .ci/run`, and the release workflow publishes with
// changesets/action and may request the OIDC token npm provenance needs (`id-token: write`).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('../.github/workflows/', import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
const problems = [];
for (const file of files) {
  const result = spawnSync('action-validator', [join(dir, file)], { encoding: 'utf8' });
  if (result.status !== 0) problems.push(`${file}: not a valid workflow\n${result.stdout}${result.stderr}`);
}
const text = (file) => (files.includes(file) ? readFileSync(join(dir, file), 'utf8') : '');
if (!/^\s+- run: bash \.ci\/run$/m.test(text('ci.yml'))) problems.push('ci.yml: no step runs `bash .ci/run`');
if (!/^\s+pull_request:/m.test(text('ci.yml'))) problems.push('ci.yml: does not run on pull requests');
const release = text('release.yml');
if (!/^\s+id-token: write$/m.test(release)) problems.push('release.yml: lacks `id-token: write`, which npm provenance needs');
if (!/uses: changesets\/action@/.test(release)) problems.push('release.yml: does not publish with changesets/action');
if (!/publish: pnpm run release$/m.test(release)) problems.push('release.yml: does not publish with `pnpm run release`');
for (const problem of problems) console.error(problem);
if (problems.length > 0) process.exit(1);
console.log(`ok   workflows (${files.join(', ')})`);
