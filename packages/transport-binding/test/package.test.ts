import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('@aigw/transport-binding package', () => {
  it('runs its tests on Node 22 or newer', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22);
  });

  it('is importable by its package name', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string };
    const mod: Record<string, unknown> = await import(pkg.name);
    expect(Object.keys(mod).length).toBeGreaterThan(0);
  });

  it('exports the transport and resumable streams by name', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string };
    const mod: Record<string, unknown> = await import(pkg.name);
    expect(Object.keys(mod).sort()).toEqual(['createBindingTransport', 'withResume']);
  });
});
