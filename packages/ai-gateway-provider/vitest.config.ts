import { defineConfig } from 'vitest/config';

const shared = { globalSetup: ['test/global-setup.ts'], testTimeout: 120_000, hookTimeout: 120_000 };

// Every facade test runs twice: in Node, and in the edge runtime (web globals only, no `process`),
// as the AI SDK's own providers test themselves. The emulator is a Node server either way.
export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'node', include: ['test/**/*.test.ts'], exclude: ['test/edge-runtime.test.ts'] } },
      { test: { ...shared, name: 'edge', environment: 'edge-runtime', include: ['test/**/*.test.ts'], exclude: ['test/package.test.ts', 'test/runtimes.test.ts', 'test/telemetry.test.ts', 'test/log-viewer.test.ts', 'test/log-viewer-dashboard.test.ts', 'test/peers.test.ts', 'test/lazy-loading.test.ts', 'test/model-id-types.test.ts'] } },
    ],
  },
});
