import { defineConfig } from 'vitest/config';
import { tests } from '../../config/vitest.base.ts';

const globalSetup = ['test/global-setup.ts'];

// Every facade test runs twice: in Node, and in the edge runtime (web globals only, no `process`),
// as the AI SDK's own providers test themselves. The emulator is a Node server either way.
export default defineConfig({
  test: {
    projects: [
      { test: tests({ globalSetup, name: 'node', exclude: ['test/edge-runtime.test.ts'] }) },
      { test: tests({ globalSetup, name: 'edge', environment: 'edge-runtime', exclude: ['test/package.test.ts', 'test/runtimes.test.ts', 'test/telemetry.test.ts', 'test/log-viewer.test.ts', 'test/log-viewer-dashboard.test.ts', 'test/peers.test.ts', 'test/lazy-loading.test.ts', 'test/model-id-types.test.ts'] }) },
    ],
  },
});
