// The manifests npm users receive: packed with `pnpm pack` (which turns `workspace:^` into a range),
// then read from the tarball.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changelogProblems, changesetProblems } from '../../../scripts/changelog-problems.mjs';
import { packedManifestProblems } from '../../../scripts/packed-manifest-problems.mjs';
import { versionCollisions } from '../../../scripts/registry-versions.mjs';
import { pack as packInto, publicPackages as workspacePublicPackages, readTarball, root, workspaceFolders } from '../../../scripts/workspace.mjs';

const out = mkdtempSync(join(tmpdir(), 'aigw-manifests-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const publicPackages = workspacePublicPackages().map(({ folder }) => folder);

/** The tarball of packages/<dir>, read back: its manifest and files. */
const pack = (dir: string) => readTarball(packInto(join(root, 'packages', dir), mkdtempSync(join(out, `${dir}-`))));

describe('published manifests', () => {
  it('finds every public package', () => {
    expect(publicPackages).toEqual(expect.arrayContaining(['ai-gateway-provider', 'core', 'errors', 'transport-http', 'transport-binding', 'emulator']));
  });

  it.each(publicPackages)('%s: homepage, bugs, every listed file present, internal ranges that admit later patches', (dir) => {
    const packed = pack(dir);
    expect(packedManifestProblems(packed)).toEqual([]);
    expect(packed.files).toContain('CHANGELOG.md');
    const internal = Object.entries((packed.manifest.dependencies ?? {}) as Record<string, string>).filter(([name]) => name.startsWith('@aigw/'));
    for (const [, range] of internal) expect(range).toMatch(/^\^(?:[1-9]\d*\.\d+|0\.[1-9]\d*)\.\d+$/);
  });

  it('the check flags what Cloudflare’s 4.0.1 manifests had: no homepage or bugs, a listed CHANGELOG.md that is missing, ^0.0.0', () => {
    const problems = packedManifestProblems({
      manifest: { name: 'ai-gateway-provider', files: ['dist', 'README.md', 'CHANGELOG.md'], dependencies: { '@aigw/core': '^0.0.0', '@aigw/errors': 'workspace:^' } },
      files: ['package.json', 'README.md', 'dist/index.js'],
    });
    expect(problems).toEqual([
      'has no https homepage',
      'has no bugs.url',
      'lists "CHANGELOG.md" in files, but the tarball has no such file',
      'dependencies.@aigw/core is "^0.0.0", which admits 0.0.0 only',
      'dependencies.@aigw/errors is still "workspace:^"',
    ]);
  });

  it.each(publicPackages)('%s: every peer dependency is optional', (dir) => {
    const manifest = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) as { peerDependencies?: Record<string, string>; peerDependenciesMeta?: Record<string, { optional?: boolean }> };
    for (const name of Object.keys(manifest.peerDependencies ?? {})) expect(manifest.peerDependenciesMeta?.[name]?.optional, name).toBe(true);
  });

  it('peer ranges admit each AI SDK generation’s providers (e.g. @ai-sdk/xai 2 to 5, @openrouter/ai-sdk-provider 1 to 3)', () => {
    const { manifest } = pack('ai-gateway-provider');
    const peers = manifest.peerDependencies as Record<string, string>;
    const majors = (range: string) => range.split('||').map((r) => Number(/\^(\d+)\./.exec(r.trim())![1]));
    expect(majors(peers['@ai-sdk/xai']!)).toEqual([2, 3, 4, 5]);
    expect(majors(peers['@openrouter/ai-sdk-provider']!)).toEqual([1, 2, 3]);
    expect(majors(peers['@ai-sdk/openai']!)).toEqual([2, 3, 4]);
    expect(majors(peers['@ai-sdk/provider']!)).toEqual([2, 3, 4]);
    // Optional, @ai-sdk/provider included: npm would otherwise install the newest major a range
    // admits (AI SDK 7's) at the top of an AI SDK 5 or 6 app, over the app's own (see packed-install.test.ts).
    for (const name of Object.keys(peers)) expect((manifest.peerDependenciesMeta as Record<string, { optional?: boolean }>)[name]?.optional, name).toBe(true);
  });
});

describe('versions and changelogs', () => {
  it('the version check flags a current or next version the registry holds (ai-gateway-provider 4.0.1 was Cloudflare’s)', () => {
    const cloudflare = ['0.0.11', '2.0.0', '3.2.0', '4.0.0', '4.0.1'];
    expect(versionCollisions([{ name: 'ai-gateway-provider', version: '4.0.1', nextVersion: '4.1.0' }], { 'ai-gateway-provider': cloudflare })).toEqual([
      'ai-gateway-provider@4.0.1 (package.json) is already on the registry',
    ]);
    expect(versionCollisions([{ name: 'ai-gateway-provider', version: '3.9.9', nextVersion: '4.0.0' }], { 'ai-gateway-provider': cloudflare })).toEqual([
      'ai-gateway-provider@4.0.0 (the next release, from the pending changesets) is already on the registry',
    ]);
    expect(versionCollisions([{ name: 'ai-gateway-provider', version: '5.0.0-next.0', nextVersion: '5.0.0' }], { 'ai-gateway-provider': cloudflare })).toEqual([]);
    // A registry that could not be asked is not a collision (pack:check says so instead).
    expect(versionCollisions([{ name: '@aigw/core', version: '0.1.0', nextVersion: '0.2.0' }], {})).toEqual([]);
  });

  it('the facade’s version is past Cloudflare’s 4.0.1, and its next release is a new major', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'packages', 'ai-gateway-provider', 'package.json'), 'utf8')) as { version: string };
    expect(Number(version.split('.')[0])).toBeGreaterThanOrEqual(5);
  });

  it('the changelog check flags an entry that is a title', () => {
    expect(changesetProblems('---\n"@aigw/core": patch\n---\n\nFix bug\n')).toEqual(['has 2 word(s), fewer than 12: say what changed for a user']);
    expect(changesetProblems('---\n\n---\n\nA long enough entry that still names no package at all, which is wrong.\n')).toEqual(['names no package and bump']);
    expect(changelogProblems('# x\n\n## 1.0.0\n\n### Minor Changes\n\n- abc1234: Add option\n')).toEqual(['1.0.0: "abc1234: Add option" has 2 word(s), fewer than 12: say what changed for a user']);
  });

  it('every pending changeset says what changed for a user', () => {
    const dir = join(root, '.changeset');
    const files = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md');
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(changesetProblems(readFileSync(join(dir, file), 'utf8')), file).toEqual([]);
  });

  it('the CHANGELOG.md files the next `changeset version` writes hold real entries, newest first', () => {
    // A copy of what changesets reads (the workspace's manifests, changelogs and changesets), versioned there.
    const copy = mkdtempSync(join(out, 'version-'));
    for (const file of ['package.json', 'pnpm-workspace.yaml']) copyFileSync(join(root, file), join(copy, file));
    cpSync(join(root, '.changeset'), join(copy, '.changeset'), { recursive: true });
    cpSync(join(root, 'scripts'), join(copy, 'scripts'), { recursive: true });
    for (const from of workspaceFolders()) {
      const to = join(copy, relative(root, from));
      mkdirSync(to, { recursive: true });
      for (const file of ['package.json', 'CHANGELOG.md']) if (existsSync(join(from, file))) copyFileSync(join(from, file), join(to, file));
    }
    execFileSync(process.execPath, [join(root, 'node_modules', '@changesets', 'cli', 'bin.js'), 'version'], { cwd: copy, stdio: ['ignore', 'ignore', 'inherit'] });
    for (const dir of publicPackages) {
      const changelog = readFileSync(join(copy, 'packages', dir, 'CHANGELOG.md'), 'utf8');
      const { version } = JSON.parse(readFileSync(join(copy, 'packages', dir, 'package.json'), 'utf8')) as { version: string };
      expect(changelog.split('\n').find((line) => line.startsWith('## ')), dir).toBe(`## ${version}`);
      expect(changelogProblems(changelog), dir).toEqual([]);
    }
    const facade = readFileSync(join(copy, 'packages', 'ai-gateway-provider', 'CHANGELOG.md'), 'utf8');
    expect(facade.indexOf('## 5.0.0\n')).toBeGreaterThan(0);
    expect(facade.indexOf('## 4.0.1 and earlier')).toBeGreaterThan(facade.indexOf('## 5.0.0\n'));
  });
});
