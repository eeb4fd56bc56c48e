// Sums the vitest JSON reports of every workspace package into the one plain line CI reads:
// "N passed, N failed, N skipped". Exits 1 when a test failed, a suite failed to load, or no test ran.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceFolders } from './workspace.mjs';

let passed = 0;
let failed = 0;
let skipped = 0;
let failedSuites = 0;
for (const folder of workspaceFolders()) {
  const file = join(folder, '.vitest-report.json');
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  failedSuites += report.numFailedTestSuites ?? 0;
  // A suite that fails to import counts as a failure even though it has no test.
  for (const suite of report.testResults ?? []) {
    if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) failed += 1;
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || passed === 0) process.exit(1);
if (failedSuites > 0) process.exit(1);
