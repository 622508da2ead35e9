/**
 * A lock file holding its owner's pid: one process per data folder. A lock left by a process that
 * no longer exists (power cut, kill -9) is taken over. Used by the desktop's data folder and the
 * hub's.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

export interface PidLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live process other than this one that holds `file`, if any. */
export function pidLockOwner(file: string): number | null {
  let owner: number;
  try {
    owner = Number.parseInt(readFileSync(file, 'utf8'), 10);
  } catch {
    return null;
  }
  return Number.isInteger(owner) && owner !== process.pid && isAlive(owner) ? owner : null;
}

/** Takes `file`, or calls `inUse` with the live owner's pid and throws what it returns. */
export function acquirePidLock(file: string, inUse: (ownerPid: number) => Error): PidLock {
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
      const owner = pidLockOwner(file);
      if (owner !== null) throw inUse(owner);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Cannot take the lock ${file}: another process keeps re-creating it.`);
}
