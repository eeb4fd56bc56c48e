import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('@aigw/core package', () => {
  it('runs its tests on Node 22 or newer', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22);
  });

  it('is importable by its package name', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string };
    const mod: Record<string, unknown> = await import(pkg.name);
    expect(Object.keys(mod).length).toBeGreaterThan(0);
  });

  it('exports the request-path checks by name', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string };
    const mod: Record<string, unknown> = await import(pkg.name);
    expect(Object.keys(mod)).toEqual(expect.arrayContaining(['pathSegment', 'checkEndpoint', 'checkStepPath', 'checkStepCount', 'MAX_FALLBACK_STEPS']));
  });

  it('exports the transport kit by name', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string };
    const mod: Record<string, unknown> = await import(pkg.name);
    expect(Object.keys(mod)).toEqual(
      expect.arrayContaining(['normalizeHeaders', 'HOP_BY_HOP_HEADERS', 'invalidOption', 'isAbortError', 'isAbortOrTimeoutError', 'passesThrough', 'providerStep', 'stepBody', 'hasFormDataBody']),
    );
  });

  it('exports the way to send one provider request through the gateway by name', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string };
    const mod: Record<string, unknown> = await import(pkg.name);
    expect(Object.keys(mod)).toEqual(expect.arrayContaining(['readRequest', 'sendProviderRequest']));
  });
});
