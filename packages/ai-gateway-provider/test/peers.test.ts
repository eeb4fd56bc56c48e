// One truth for what each providers/* sub-path needs: the loader's table, the manifest's peer ranges
// and the README's table say the same.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PEER_VERSIONS, type PeerPackage } from '../src/providers/import-peer';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const manifest = JSON.parse(read('../package.json')) as { peerDependencies: Record<string, string>; peerDependenciesMeta: Record<string, { optional?: boolean }> };
const readme = read('../README.md');
// Every sub-path, `unified` included (@ai-sdk/openai-compatible), loads an optional peer of the table.
const subPaths = readdirSync(new URL('../src/providers', import.meta.url))
  .filter((f) => !['gateway-defaults.ts', 'import-peer.ts'].includes(f))
  .map((f) => f.replace(/\.ts$/, ''));

describe('providers/* peer packages', () => {
  it('every sub-path loads a package of the table', () => {
    for (const subPath of subPaths) {
      const source = read(`../src/providers/${subPath}.ts`);
      const name = /importPeer\('([^']+)', '([^']+)'/.exec(source);
      expect(name?.[2], subPath).toBe(subPath);
      expect(Object.keys(PEER_VERSIONS), subPath).toContain(name?.[1]);
    }
  });

  it.each(Object.entries(PEER_VERSIONS))('%s: an optional peer admitting the majors of AI SDK 5, 6 and 7', (name, versions) => {
    expect(manifest.peerDependencies[name]).toBe(versions.join(' || '));
    expect(manifest.peerDependenciesMeta[name]?.optional).toBe(true);
  });

  it('the README table names each sub-path’s package and its majors', () => {
    for (const subPath of subPaths) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`providers/${subPath}\` |`));
      expect(row, subPath).toBeDefined();
      const cells = row!.split(/(?<!\\)\|/).map((cell) => cell.trim().replaceAll('\\|', '|'));
      const name = cells[3]!.replaceAll('`', '') as PeerPackage;
      expect(cells.slice(4, 7).map((c) => c.replaceAll('`', ''))).toEqual([...PEER_VERSIONS[name]]);
    }
  });

  it('the README says where stream metadata is in AI SDK 7 (finish-step and result.providerMetadata)', () => {
    expect(readme).toContain('`await result.providerMetadata` and on the `finish-step` part of `fullStream`');
  });
});
