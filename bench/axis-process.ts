/**
 * The reference axis in a process of its own, as the national axis is another server: in the
 * bench's own process it shared one thread with the bench's polling and bookkeeping, and the
 * receiver waited on that thread rather than on its own work.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AgencyCredential } from '../axis/directory.js';
import { DEMO_CREDENTIALS_FILE } from '../axis/store/axis-store.js';

/** The reference axis's own bundle (scripts/build.mjs), beside the benches' in dist/. */
const AXIS_BUNDLE = path.resolve(__dirname, '..', 'axis', 'server.cjs');

export interface AxisProcess {
  url: string;
  /** Its process, whose CPU time the benches report beside the receivers'. */
  pid: number | undefined;
  /** The demo agencies, with their secrets. */
  agencies: AgencyCredential[];
  stop(): Promise<void>;
}

/** The reference axis as a child process with the three demo agencies, on a free loopback port. */
export async function startAxisProcess(dataDir: string): Promise<AxisProcess> {
  const child = fork(AXIS_BUNDLE, ['--port', '0', '--data-dir', dataDir, '--demo', '--quiet'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const exited = once(child, 'exit');
  const [message] = (await Promise.race([once(child, 'message'), exited.then(() => Promise.reject(new Error('the reference axis stopped before it listened')))])) as [{ url: string }];
  const agencies = JSON.parse(await readFile(path.join(dataDir, DEMO_CREDENTIALS_FILE), 'utf8')) as AgencyCredential[];
  return {
    url: message.url,
    pid: child.pid,
    agencies,
    stop: async () => {
      if (child.exitCode === null) child.send({ type: 'shutdown' });
      await exited;
    },
  };
}
