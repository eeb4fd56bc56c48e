import { defineConfig } from 'vitest/config';
import { tests } from '../../config/vitest.base.ts';
import { generationPackages, type Generation } from './test/generation-packages.ts';

/**
 * One AI SDK generation's project: the suite (test/ai-sdk.test.ts) and `more`, where `ai`, the
 * `@ai-sdk/*` packages and `#generation` resolve as its tsconfig.<generation>.json maps them (the
 * library's own imports of `@ai-sdk/openai`, `@ai-sdk/anthropic` and `@ai-sdk/provider` included), as
 * in an application that installed only that generation.
 */
const generation = (name: Generation, more: string[] = []) => ({
  test: tests({ name, include: ['test/ai-sdk.test.ts', ...more] }),
  resolve: {
    alias: Object.entries(generationPackages(name)).map(([specifier, path]) => ({ find: new RegExp(`^${specifier.replace(/[/.]/g, '\\$&')}$`), replacement: path })),
  },
});

export default defineConfig({
  test: {
    projects: [
      generation('ai5'),
      generation('ai6', ['test/rerank.test.ts']),
      // Cloudflare's ai-gateway-provider 4.x was AI SDK 7 only: its programs run with ai@7.
      generation('ai7', ['test/rerank.test.ts', 'test/mixed-generations.test.ts', 'test/cloudflare-4x.test.ts']),
      { test: tests({ name: 'packaging', include: ['test/manifests.test.ts'] }) },
      // The packed tarballs installed by npm into apps outside the workspace (npm installs take minutes on a busy machine).
      { test: tests({ name: 'packed', include: ['test/packed-install.test.ts'], testTimeout: 300_000, hookTimeout: 600_000 }) },
    ],
  },
});
