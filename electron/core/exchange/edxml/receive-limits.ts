/**
 * How much disk a received package may take while it is read, so that a small package cannot
 * fill the disk (a zip bomb in the attachments) and a large one cannot take the last free space
 * the database needs. Counted while the bytes stream, stopped at the cap, never checked after.
 * The figures and why they were chosen: docs/reliability.md#receive-limits.
 */
import { statfs } from 'node:fs/promises';

const MiB = 1024 * 1024;

/** A package download larger than this is refused (the reference axis takes uploads up to 200 MB). */
export const MAX_PACKAGE_BYTES = 256 * MiB;
/** Receiving pauses rather than leave less free space than this on the data folder's disk. */
export const KEEP_FREE_BYTES = 256 * MiB;
/** Whatever the package's size, its attachments may take this much decoded and unzipped. */
const MIN_PACKAGE_BUDGET = 64 * MiB;
/** Above that, up to this many times the package's own size. */
const PACKAGE_BUDGET_RATIO = 10;
/** One zip-wrapped attachment may unzip to this much whatever its zipped size… */
const MIN_ATTACHMENT_CAP = 16 * MiB;
/** …then to this many times its zipped size… */
const ATTACHMENT_RATIO = 50;
/** …and never to more than this. */
const MAX_ATTACHMENT_BYTES = 200 * MiB;

const mb = (bytes: number) => `${(bytes / MiB).toFixed(1)} MB`;

/** The package's attachments unzip to more than a package of its size can honestly carry. */
export class UnzippedTooLargeError extends Error {
  readonly reason = 'unzipped_too_large';

  constructor(message: string) {
    super(message);
    this.name = 'UnzippedTooLargeError';
  }
}

/**
 * Not enough free space on the data folder's disk to receive now: not the package's fault.
 * Carries ENOSPC's code so that whoever classifies disk errors (store/storage-errors.ts) treats it
 * as the disk being full.
 */
export class DiskFullError extends Error {
  readonly code = 'ENOSPC';

  constructor(message: string) {
    super(message);
    this.name = 'DiskFullError';
  }
}

/** A receive creates a few files (download, attachments, shard folders): with fewer free inodes than this it would surely fail. */
const MIN_FREE_FILES = 16;

/**
 * The room a receive may use on the disk holding `dir`: free space less what must stay free.
 * Throws DiskFullError when there is none, or when the disk has bytes but no inodes left (ENOSPC
 * all the same; filesystems without an inode count report none).
 */
export async function roomToReceive(dir: string, keepFree: number): Promise<number> {
  const stats = await statfs(dir);
  const free = stats.bavail * stats.bsize;
  if (free <= keepFree) {
    throw new DiskFullError(`Only ${mb(free)} are free on the disk of the data folder; receiving waits until more than ${mb(keepFree)} are free.`);
  }
  if (stats.files > 0 && stats.ffree < MIN_FREE_FILES) {
    throw new DiskFullError(`The disk of the data folder has no room for new files (${stats.ffree} inodes free); receiving waits until files are deleted.`);
  }
  return free - keepFree;
}

/**
 * What a package's reading may write into the blob temp folder (decoded attachments and the
 * files unzipped from them), counted as it is written.
 */
export class WriteBudget {
  private used = 0;
  private readonly ratioLimit: number;

  constructor(
    readonly packageBytes: number,
    /** The room left on the disk (roomToReceive). */
    private readonly room: number,
  ) {
    this.ratioLimit = Math.max(MIN_PACKAGE_BUDGET, PACKAGE_BUDGET_RATIO * packageBytes);
  }

  /** Counts `bytes` more; throws once the total passes the package's cap or the disk's room. */
  take(bytes: number): void {
    this.used += bytes;
    this.check(this.used);
  }

  /** Throws now if `bytes` more would not fit: for a size declared before anything is read. */
  expect(bytes: number): void {
    this.check(this.used + bytes);
  }

  private check(total: number): void {
    if (total > this.room) {
      throw new DiskFullError(`The disk of the data folder has no room for this package's attachments: they need more than ${mb(this.room)} (the free space less what must stay free).`);
    }
    if (total > this.ratioLimit) {
      throw new UnzippedTooLargeError(
        `the attachments of a ${mb(this.packageBytes)} package unzip to more than ${mb(this.ratioLimit)} (at most ${PACKAGE_BUDGET_RATIO} times the package, or ${mb(MIN_PACKAGE_BUDGET)}): a zip bomb, refused`,
      );
    }
  }
}

/** The most one zip-wrapped attachment of `zippedBytes` may unzip to. */
export function attachmentCap(zippedBytes: number): number {
  return Math.min(MAX_ATTACHMENT_BYTES, Math.max(MIN_ATTACHMENT_CAP, ATTACHMENT_RATIO * zippedBytes));
}

export function attachmentTooLarge(zippedBytes: number, cap: number): UnzippedTooLargeError {
  return new UnzippedTooLargeError(`a zipped attachment of ${mb(zippedBytes)} unzips to more than ${mb(cap)} (at most ${ATTACHMENT_RATIO} times its zipped size, ${mb(MIN_ATTACHMENT_CAP)} at least, ${mb(MAX_ATTACHMENT_BYTES)} at most): a zip bomb, refused`);
}
