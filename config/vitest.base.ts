// What the test configs of the workspace's packages share (packages/*, examples/*, tests/*): each
// vitest.config.ts states only what differs (which files, projects, plugins, defines).
import { defineConfig, type TestProjectInlineConfiguration, type ViteUserConfig } from 'vitest/config';

type TestOptions = NonNullable<TestProjectInlineConfiguration['test']>;

/**
 * Two minutes for a test and for a hook: the suites run on small shared machines, where starting an
 * emulator, a Worker or an npm install can take long. Tests wait for events, never for time, so this
 * is only the bound on a test that hangs.
 */
export const timeouts = { testTimeout: 120_000, hookTimeout: 120_000 } as const;

/** Test options (a whole config's, or one project's): the tests under test/ unless `include` says otherwise, the shared timeouts, and `test`. */
export const tests = (test?: TestOptions): TestOptions => ({ include: ['test/**/*.test.ts'], ...timeouts, ...test });

/** A config without projects: `tests(test)` and the rest of the config (plugins, define) as given. */
export const defineTestConfig = ({ test, ...config }: Omit<ViteUserConfig, 'test'> & { test?: TestOptions } = {}) => defineConfig({ ...config, test: tests(test) });
