import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { buildSync } from 'esbuild';
import { defineTestConfig } from '../../config/vitest.base.ts';

// The Worker is tested as wrangler deploys it: one module bundled by esbuild. Loading the sources
// module by module through Vite's transform costs workerd some ten seconds of start-up on an idle
// machine and minutes on a loaded one; one bundle loads in well under a second.
const main = '.test-build/worker.mjs';
const bundle = (entry: string, outfile: string) =>
  buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2024',
    conditions: ['workerd', 'worker', 'browser', 'import'],
    mainFields: ['browser', 'module', 'main'],
    external: ['cloudflare:*', 'node:*'],
    sourcemap: 'linked',
    logLevel: 'warning',
  });
bundle('src/index.ts', main);
// The packages test/workers-ai.test.ts uses, as one module too.
bundle('test/workers-ai-deps.ts', '.test-build/workers-ai-deps.mjs');

// The tests run inside workerd with the bundled Worker; the gateway emulator runs in Node
// (test/global-setup.ts) and the Worker reaches it through the emulator's binding double.
export default defineTestConfig({
  plugins: [
    cloudflareTest(({ inject }) => ({
      main,
      miniflare: {
        compatibilityDate: '2026-11-01',
        compatibilityFlags: ['nodejs_compat'],
        bindings: {
          AIGW_EMULATOR_URL: inject('emulatorURL'),
          // Test only (test/video.test.ts): to reach the emulator over HTTP as well as through the binding double.
          AIGW_EMULATOR_ACCOUNT: inject('emulatorAccountId'),
          AIGW_EMULATOR_TOKEN: inject('emulatorToken'),
        },
      },
    })),
  ],
  test: { globalSetup: ['test/global-setup.ts'] },
});
