import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { tests } from '../../config/vitest.base.ts';

// One vitest run, two projects, so the JSON report counts every test:
// - node: unit tests and the conformance suite against the emulator's binding double;
// - workerd: the conformance suite inside the Workers runtime, the emulator running in Node (globalSetup),
//   and the unit tests again (they use web-standard APIs only).
export default defineConfig({
  test: {
    projects: [
      { test: tests({ name: 'node', exclude: ['test/workers/**'] }) },
      {
        plugins: [
          cloudflareTest({
            miniflare: {
              compatibilityDate: '2026-11-01',
              compatibilityFlags: ['nodejs_compat'],
            },
          }),
        ],
        test: tests({
          name: 'workerd',
          include: ['test/workers/**/*.workers.test.ts', 'test/create-binding-transport.test.ts'],
          globalSetup: ['test/workers/global-setup.ts'],
        }),
      },
    ],
  },
});
