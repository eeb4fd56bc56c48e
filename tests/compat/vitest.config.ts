import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);
/** The folder of an installed package (an npm alias such as `@ai-sdk/openai-v2`). */
const dir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/**
 * Inside one generation's tests, the facade's own imports of a vendor package (its `providers/*`
 * sub-paths) and of `@ai-sdk/provider` (its errors) resolve to that generation's major, as they would
 * in an application that installed only that generation.
 */
const generation = (name: string, majors: { openai: string; anthropic: string; provider: string }, more: string[] = []) => ({
  test: {
    name,
    include: [`test/${name}.test.ts`, ...more],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
  resolve: {
    alias: [
      { find: /^@ai-sdk\/openai$/, replacement: dir(`@ai-sdk/openai-${majors.openai}`) },
      { find: /^@ai-sdk\/anthropic$/, replacement: dir(`@ai-sdk/anthropic-${majors.anthropic}`) },
      { find: /^@ai-sdk\/provider$/, replacement: dir(`@ai-sdk/provider-${majors.provider}`) },
    ],
  },
});

export default defineConfig({
  test: {
    projects: [
      generation('ai5', { openai: 'v2', anthropic: 'v2', provider: 'v2' }),
      generation('ai6', { openai: 'v3', anthropic: 'v3', provider: 'v3' }),
      // Cloudflare's ai-gateway-provider 4.x was AI SDK 7 only: its programs run with ai@7.
      generation('ai7', { openai: 'v4', anthropic: 'v4', provider: 'v4' }, ['test/mixed-generations.test.ts', 'test/cloudflare-4x.test.ts']),
      { test: { name: 'packaging', include: ['test/manifests.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 } },
      // The packed tarballs installed by npm into apps outside the workspace (npm installs take minutes on a busy machine).
      { test: { name: 'packed', include: ['test/packed-install.test.ts'], testTimeout: 300_000, hookTimeout: 600_000 } },
    ],
  },
});
