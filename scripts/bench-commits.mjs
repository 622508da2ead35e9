// Runs benchmarks on an earlier commit and on this checkout, one after the other on the same
// machine, and prints both sets of GOAL lines: `npm run bench:commits -- <commit> <bench> [options]`
// (e.g. `npm run bench:commits -- main ingest`). The earlier commit is exported with `git archive`
// into a temporary folder (no worktree, nothing in .git changes) and uses this checkout's
// node_modules; each side builds its own dist/ and runs its own bench/. Both runs print their
// whole output as they go; the summary at the end puts the GOAL lines side by side.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [base, ...benchArgs] = process.argv.slice(2);
if (!base || benchArgs.length === 0) {
  console.error('usage: npm run bench:commits -- <commit> <bench> [bench options]');
  process.exit(2);
}

const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
const baseCommit = git('rev-parse', '--verify', `${base}^{commit}`);
const headCommit = git('rev-parse', 'HEAD');
const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';

/** Builds and runs the bench in `dir`, echoing its output; resolves with its GOAL lines. */
function runBench(dir, label) {
  return new Promise((resolve, reject) => {
    console.log(`\n===== ${label} =====`);
    const command = `node scripts/build.mjs --quiet && node bench/run.mjs ${benchArgs.map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(' ')}`;
    const child = spawn('sh', ['-c', command], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('close', () => resolve(output.split('\n').filter((line) => line.startsWith('GOAL '))));
  });
}

const load = () => os.loadavg().map((value) => value.toFixed(2)).join(' ');
const tree = mkdtempSync(path.join(os.tmpdir(), 'vanthu-bench-base-'));
try {
  execFileSync('sh', ['-c', `git archive ${baseCommit} | tar -x -C '${tree}'`], { cwd: root, stdio: 'inherit' });
  symlinkSync(path.join(root, 'node_modules'), path.join(tree, 'node_modules'), 'dir');
  const loadBefore = load();
  const before = await runBench(tree, `before: ${baseCommit.slice(0, 10)} (${base})`);
  const loadBetween = load();
  const after = await runBench(root, `after: ${headCommit.slice(0, 10)}${dirty ? ' + uncommitted changes' : ''} (this checkout)`);
  console.log(`\n===== ${benchArgs.join(' ')}: before ${baseCommit.slice(0, 10)}, after ${headCommit.slice(0, 10)}${dirty ? '+' : ''} =====`);
  console.log(`load average (1, 5, 15 min): ${loadBefore} before, ${loadBetween} between, ${load()} after`);
  for (const line of before) console.log(`before  ${line}`);
  for (const line of after) console.log(`after   ${line}`);
  if (before.length === 0 || after.length === 0) process.exitCode = 1;
} finally {
  rmSync(tree, { recursive: true, force: true });
}
