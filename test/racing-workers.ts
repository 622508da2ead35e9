/**
 * Worker processes that race on one data folder, as two VanThu processes would: each bundled
 * from a TypeScript entry, forked with this repository's node_modules (better-sqlite3), told one
 * start instant so that they really run at once, and awaited for their one answer. The worker
 * sends 'ready', waits for the start time (a number of ms since epoch), then sends its answer.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';

function message<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once('message', (value) => resolve(value as T));
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before answering`)));
  });
}

/** Runs one worker per argument list of `entry` (a file in test/) at once; their answers in that order. */
export async function raceWorkers<T>(dir: string, entry: string, argumentLists: readonly string[][]): Promise<T[]> {
  const worker = path.join(dir, `${path.basename(entry, '.ts')}.cjs`);
  await build({ entryPoints: [path.join(import.meta.dirname, entry)], outfile: worker, bundle: true, platform: 'node', format: 'cjs', external: ['better-sqlite3'], logLevel: 'warning' });
  const children = argumentLists.map((args) => fork(worker, args, { cwd: process.cwd(), env: { ...process.env, NODE_PATH: path.join(process.cwd(), 'node_modules') } }));
  await Promise.all(children.map((child) => message<string>(child)));
  const answers = children.map((child) => message<T>(child));
  const startAt = Date.now() + 300;
  for (const child of children) child.send(startAt);
  return Promise.all(answers);
}
