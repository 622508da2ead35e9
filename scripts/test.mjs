// `npm test`: everything CI checks, in order, and one totals line at the end. Every step runs
// even when an earlier one failed, so one run shows all that is wrong. Lint, typecheck and the
// build count as one check each; vitest and Playwright count their tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ELECTRON_NOT_RUN } from '../e2e/not-run.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function run(label, command, args, env = {}) {
  console.log(`\n== ${label}`);
  const started = Date.now();
  const outcome = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = outcome.status === 0;
  console.log(`== ${label}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
function check(label, ok) {
  totals[ok ? 'passed' : 'failed']++;
  lines.push(`${label}: ${ok ? 'passed' : 'FAILED'}`);
}
function suite(label, counts) {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  lines.push(`${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}
/** The electron project's tests that e2e/app-under-test.ts skipped for want of an Electron binary. */
function electronNotRun(report) {
  const tests = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) tests.push(...spec.tests);
    for (const child of suite.suites ?? []) walk(child);
  };
  report.suites.forEach(walk);
  const notRun = tests
    .filter((test) => test.projectName === 'electron' && test.status === 'skipped')
    .map((test) => test.annotations.find((annotation) => annotation.type === 'skip' && annotation.description?.includes(ELECTRON_NOT_RUN)))
    .filter(Boolean);
  return { count: notRun.length, reason: notRun[0]?.description ?? '' };
}
function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

if (!run('system packages', 'bash', ['scripts/ensure-system-packages.sh'])) {
  console.error('The system packages the tests need are missing (see above); nothing else was run.');
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}

check('lint', run('lint', bin('eslint'), ['.', '--max-warnings=0']));
check('typecheck', run('typecheck', process.execPath, ['scripts/typecheck.mjs']));
const built = run('build', process.execPath, ['scripts/build.mjs', '--quiet']);
check('build', built);

const vitestJson = path.join(results, 'vitest.json');
const vitestOk = run('unit and integration tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const vitest = readJson(vitestJson);
if (vitest) {
  suite('vitest', { passed: vitest.numPassedTests, failed: vitest.numFailedTests + (vitestOk || vitest.numFailedTests ? 0 : 1), skipped: vitest.numPendingTests + vitest.numTodoTests });
} else check('vitest (no report written)', false);

if (built) {
  const playwrightJson = path.join(results, 'playwright.json');
  const e2eOk = run('end-to-end tests (Playwright: browser mode in Chromium, then the Electron app where a binary exists)', bin('playwright'), ['test']);
  const e2e = readJson(playwrightJson);
  if (e2e) {
    const { expected, unexpected, flaky, skipped } = e2e.stats;
    const notRun = electronNotRun(e2e);
    suite('playwright', { passed: expected + flaky, failed: unexpected + (e2eOk || unexpected ? 0 : 1), skipped: skipped - notRun.count });
    if (notRun.count) {
      // Counted with the skipped, never as passes: these specs did not run against the desktop app.
      totals.skipped += notRun.count;
      lines.push(`playwright (Electron app): ${notRun.count} not run: ${notRun.reason}`);
    }
  } else check('playwright (no report written)', false);
} else check('playwright (not run: the build failed)', false);

const summary = `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`;
writeFileSync(path.join(results, 'totals.txt'), `${summary}\n`);
console.log(`\n${lines.join('\n')}\n${summary}`);
process.exit(totals.failed === 0 ? 0 : 1);
