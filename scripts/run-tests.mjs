// `pnpm test`: builds and tests every workspace package with turbo (continuing past failures), then
// prints the summed line "N passed, N failed, N skipped". Exits non-zero when a task or a test failed,
// or when no test ran. Old reports are removed first, so a package that crashes cannot count twice.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { root, workspaceFolders } from './workspace.mjs';

for (const folder of workspaceFolders()) rmSync(join(folder, '.vitest-report.json'), { force: true });

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', TURBO_NO_UPDATE_NOTIFIER: '1' };
const turbo = spawnSync('turbo', ['run', 'build', 'test', '--continue=always', ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
const summary = spawnSync(process.execPath, [join(root, 'scripts', 'test-summary.mjs')], { cwd: root, stdio: 'inherit' });
process.exit(turbo.status !== 0 ? turbo.status || 1 : summary.status ?? 1);
