/**
 * The log file in `<data dir>/logs/`: `vanthu.log`, rotated by size to `vanthu.1.log` … `vanthu.<keep>.log`
 * (the oldest is dropped).
 *
 * Several processes (host or core, sync) append to the same file. Design decision: one shared
 * file, each entry written by ONE append call on a file opened with O_APPEND (appendFileSync),
 * rather than one file per process. The kernel moves to the end and writes in one step for
 * every O_APPEND write on a local file (Linux holds the inode lock for the whole write; Windows'
 * FILE_APPEND_DATA is the same), so entries of different processes never interleave inside a
 * line, and the helpdesk reads one file in time order. Entries are capped at MAX_ENTRY_BYTES so
 * that a huge message is still one small write. Rotation is guarded by a lock file created
 * exclusively: only one process renames at a time, and it checks the size again once it holds
 * the lock, so two processes that both saw a full file do not rotate twice.
 */
import { appendFileSync, closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export const LOG_DIR = 'logs';
export const LOG_FILE = 'vanthu.log';
const MAX_LOG_BYTES = 5 * 1024 * 1024;
const KEPT_LOG_FILES = 5;
const MAX_ENTRY_BYTES = 16 * 1024;
/** A lock older than this was left by a process that died while rotating. */
const STALE_LOCK_MS = 10_000;

export interface LogFileOptions {
  dir: string;
  maxBytes?: number;
  /** Rotated files kept besides vanthu.log. */
  keep?: number;
}

function rotatedLogName(index: number): string {
  return index === 0 ? LOG_FILE : `vanthu.${index}.log`;
}

export class RotatingLogFile {
  readonly file: string;
  private readonly maxBytes: number;
  private readonly keep: number;

  constructor(private readonly options: LogFileOptions) {
    this.file = path.join(options.dir, LOG_FILE);
    this.maxBytes = options.maxBytes ?? MAX_LOG_BYTES;
    this.keep = options.keep ?? KEPT_LOG_FILES;
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  }

  /** Appends one entry (a line without its newline); the file is rotated first if it is full. */
  append(line: string): void {
    const entry = capEntry(line);
    if (this.size() + entry.length > this.maxBytes) this.rotate(entry.length);
    appendFileSync(this.file, entry, { mode: 0o600 });
  }

  private size(): number {
    try {
      return statSync(this.file).size;
    } catch {
      return 0;
    }
  }

  private rotate(incoming: number): void {
    const lock = `${this.file}.lock`;
    if (!this.lock(lock)) return;
    try {
      // Another process may have rotated between our size check and the lock.
      if (this.size() + incoming <= this.maxBytes) return;
      rmSync(path.join(this.options.dir, rotatedLogName(this.keep)), { force: true });
      for (let index = this.keep - 1; index >= 0; index--) {
        try {
          renameSync(path.join(this.options.dir, rotatedLogName(index)), path.join(this.options.dir, rotatedLogName(index + 1)));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
      }
    } finally {
      rmSync(lock, { force: true });
    }
  }

  private lock(lock: string): boolean {
    try {
      closeSync(openSync(lock, 'wx'));
      return true;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { force: true });
      } catch {
        // Removed by its owner meanwhile.
      }
      return false;
    }
  }
}

function capEntry(line: string): Buffer {
  const bytes = Buffer.from(`${line}\n`, 'utf8');
  if (bytes.length <= MAX_ENTRY_BYTES) return bytes;
  // Cut on a character boundary (a cut UTF-8 sequence would decode as U+FFFD) and say so.
  const cut = Buffer.from(bytes.subarray(0, MAX_ENTRY_BYTES - 32).toString('utf8').replace(/\uFFFD$/, ''), 'utf8');
  return Buffer.concat([cut, Buffer.from(' …[cut]\n', 'utf8')]);
}

/** The last `count` lines of the log, newest last, reading back into rotated files when needed. */
export function readLastLogLines(dir: string, count: number, keep = KEPT_LOG_FILES): string[] {
  const lines: string[] = [];
  for (let index = 0; index <= keep && lines.length < count; index++) {
    let text: string;
    try {
      text = readFileSync(path.join(dir, rotatedLogName(index)), 'utf8');
    } catch {
      continue;
    }
    const fileLines = text.split('\n').filter((line) => line !== '');
    lines.unshift(...fileLines.slice(-(count - lines.length)));
  }
  return lines;
}
