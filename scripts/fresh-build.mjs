// Tests that run the bundles of dist/ (the processes as the app forks them) must never run a
// bundle older than the sources: a stale one could pass after a change that broke the real
// process. Vitest's and Playwright's global set-up call this: it rebuilds when any source the
// bundles are made of is newer than the last build (scripts/build.mjs writes the stamp).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUILD_STAMP = path.join(root, 'dist', '.build-stamp');
const SOURCES = ['electron', 'shared', 'axis', 'hub', 'renderer', 'assets', 'scripts/build.mjs', 'scripts/seed', 'package.json', 'package-lock.json'];

function newestSource(entry) {
  const stat = statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(entry) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const child of readdirSync(entry)) {
    if (child === 'node_modules') continue;
    newest = Math.max(newest, newestSource(path.join(entry, child)));
  }
  return newest;
}

/** Why dist/ must be rebuilt, or null when it is as new as every source. */
export function staleBuild() {
  let built;
  try {
    built = Number(readFileSync(BUILD_STAMP, 'utf8'));
  } catch {
    return 'dist/ was never built';
  }
  const newest = Math.max(...SOURCES.map((source) => newestSource(path.join(root, source))));
  return newest > built ? 'a source changed since the last build' : null;
}

export function ensureFreshBuild() {
  const reason = staleBuild();
  if (!reason) return;
  console.log(`[fresh-build] ${reason}: node scripts/build.mjs --quiet`);
  const { status } = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--quiet'], { cwd: root, stdio: 'inherit' });
  if (status !== 0) throw new Error('The build failed: the tests that run dist/ cannot run.');
}
