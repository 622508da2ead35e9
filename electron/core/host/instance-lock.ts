/**
 * One VanThu per data folder: two cores writing one database and one blob folder would each
 * believe they own the outbox. The lock file holds the owner's pid (see fs/pid-lock.ts).
 */
import path from 'node:path';
import { acquirePidLock, type PidLock } from '../fs/pid-lock.js';

export const LOCK_FILE = 'vanthu.lock';

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string, readonly ownerPid: number) {
    super(`VanThu is already running with the data folder ${dataDir} (process ${ownerPid}). Use that window, or choose another folder with --data-dir.`);
    this.name = 'DataDirInUseError';
  }
}

export function acquireInstanceLock(dataDir: string): PidLock {
  return acquirePidLock(path.join(dataDir, LOCK_FILE), (owner) => new DataDirInUseError(dataDir, owner));
}
