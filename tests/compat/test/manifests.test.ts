// The manifests npm users receive: packed with `pnpm pack` (which turns `workspace:^` into a range),
// then read from the tarball.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packedManifestProblems } from '../../../scripts/packed-manifest-problems.mjs';

const root = new URL('../../../', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'aigw-manifests-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const publicPackages = readdirSync(join(root, 'packages')).filter((dir) => {
  const pkg = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) as { private?: boolean };
  return !pkg.private;
});

function pack(dir: string) {
  const destination = mkdtempSync(join(out, `${dir}-`));
  execFileSync('pnpm', ['pack', '--pack-destination', destination], { cwd: join(root, 'packages', dir), stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = join(destination, readdirSync(destination)[0]!);
  const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ''));
  return { manifest, files };
}

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

  it('peer ranges admit each AI SDK generation’s providers (e.g. @ai-sdk/xai 2 to 5, @openrouter/ai-sdk-provider 1 to 3)', () => {
    const { manifest } = pack('ai-gateway-provider');
    const peers = manifest.peerDependencies as Record<string, string>;
    const majors = (range: string) => range.split('||').map((r) => Number(/\^(\d+)\./.exec(r.trim())![1]));
    expect(majors(peers['@ai-sdk/xai']!)).toEqual([2, 3, 4, 5]);
    expect(majors(peers['@openrouter/ai-sdk-provider']!)).toEqual([1, 2, 3]);
    expect(majors(peers['@ai-sdk/openai']!)).toEqual([2, 3, 4]);
    expect(majors(peers['@ai-sdk/provider']!)).toEqual([2, 3, 4]);
    for (const name of Object.keys(peers)) {
      if (name !== '@ai-sdk/provider') expect((manifest.peerDependenciesMeta as Record<string, { optional?: boolean }>)[name]?.optional).toBe(true);
    }
  });
});
