// Adds up the vitest JSON reports of every CI step and prints the one line CI reads.
import fs from 'node:fs';
import path from 'node:path';

const [dir, failedStepCount, ...failedSteps] = process.argv.slice(2);
let passed = 0;
let failed = 0;
for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
  if (!file.endsWith('.json')) continue;
  const report = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  console.log(`${file}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
  passed += report.numPassedTests;
  failed += report.numFailedTests;
}
if (Number(failedStepCount) > 0) console.log(`failed steps: ${failedSteps.join('; ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(Number(failedStepCount) > 0 || failed > 0 || passed === 0 ? 1 : 0);
