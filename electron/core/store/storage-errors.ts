/**
 * The one place where a failure of the disk under the data folder becomes an ApiError the clerk
 * can act on, whichever layer hit it: SQLite (SQLITE_FULL, SQLITE_READONLY…, SQLITE_CORRUPT…) or
 * Node's fs (ENOSPC, EDQUOT, EROFS, EFBIG for a file-size limit). SQLite rolls the transaction
 * back on SQLITE_FULL and blobs are written before their rows, so nothing half-saved remains.
 */
import { ApiError } from '../../../shared/api/errors.js';

const FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT', 'EFBIG']);
const READ_ONLY = new Set(['EROFS', 'EACCES']);

export function storageError(error: unknown): ApiError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const message = error instanceof Error ? error.message : code;
  if (FULL.has(code)) return new ApiError('disk_full', `The disk is full (${code}): nothing was saved. Free space on the disk of the data folder, then try again. (${message})`);
  if (code.startsWith('SQLITE_READONLY') || READ_ONLY.has(code)) {
    return new ApiError('read_only', `The data folder cannot be written (${code}): ask IT to allow writing or remount the disk, then reopen VanThu. (${message})`);
  }
  if (isDamagedDatabase(error)) return new ApiError('damaged', `The database is damaged (${code}): restore a backup or start afresh on the recovery screen. (${message})`);
  return null;
}

/** The disk (or the user's quota, or a file-size limit) is full, whichever layer said so. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && FULL.has(code);
}

/** SQLite's own verdicts that the file is not (any more) a sound database. */
export function isDamagedDatabase(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}
