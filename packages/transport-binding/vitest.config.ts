import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// One vitest run, two projects, so the JSON report counts every test:
// - node: unit tests and the conformance suite against the emulator's binding double;
// - workerd: the conformance suite inside the Workers runtime, the emulator running in Node (globalSetup),
//   and the unit tests again (they use web-standard APIs only).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/workers/**'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins: [
          cloudflareTest({
            miniflare: {
              compatibilityDate: '2026-11-01',
              compatibilityFlags: ['nodejs_compat'],
            },
          }),
        ],
        test: {
          name: 'workerd',
          include: ['test/workers/**/*.workers.test.ts', 'test/create-binding-transport.test.ts'],
          globalSetup: ['test/workers/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
