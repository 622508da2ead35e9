/**
 * One VanThu per data folder: two cores writing one database and one blob folder would each
 * believe they own the outbox. The lock file holds the owner's pid; a lock left by a process
 * that no longer exists (power cut, kill -9) is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'vanthu.lock';

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string, readonly ownerPid: number) {
    super(`VanThu is already running with the data folder ${dataDir} (process ${ownerPid}). Use that window, or choose another folder with --data-dir.`);
    this.name = 'DataDirInUseError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireInstanceLock(dataDir: string): { release(): void } {
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { release: () => rmSync(file, { force: true }) };
    } catch (error) {
      // Nobody can write a read-only folder, so there is nothing to guard; the core then says
      // the folder is read-only on its recovery screen instead of the host dying here.
      if ((error as NodeJS.ErrnoException).code === 'EROFS') return { release: () => {} };
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) throw new DataDirInUseError(dataDir, owner);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Cannot take the lock ${file}: another process keeps re-creating it.`);
}
