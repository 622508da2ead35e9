/**
 * The URLs by which the page reads files (attachments, exports, images): each names one file by
 * an unguessable token, made for one API reply and valid while it is being used, so a viewer can
 * keep asking for ranges while the clerk reads. No cookie and no session header is needed, which
 * lets <img>, <a download> and pdf.js's range requests use the URL as is; the token is the
 * authority, and it only ever lives in the page that asked for it.
 *
 * A file of the blob store is hashed once in the background when its link is made (a ranged read
 * cannot check the whole file): a damaged one loses its link and is logged. Temporary files (an
 * export written for one download) are deleted when their link expires.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FileLink } from '../../../shared/api/file-links.js';
import { sha256OfFile } from '../fs/file-hash.js';
import { logError } from '../logging/log.js';
import type { ServedFile } from './served-file.js';

/** A viewer left open this long without a request must ask again (reopening the document does). */
const IDLE_MS = 30 * 60_000;
/**
 * The hash check waits this long: it reads the whole file, and the viewer's first ranges (page 1)
 * come first. A range of a damaged file is served meanwhile; the link goes as soon as it is found.
 */
const CHECK_DELAY_MS = 2_000;
/** An export is downloaded at once; its file does not wait longer. */
const TEMPORARY_IDLE_MS = 5 * 60_000;
const MAX_LINKS = 256;

interface Link {
  file: ServedFile;
  /** Deleted when the link goes. */
  temporary: boolean;
  lastUsed: number;
  /** Set when the background hash check found the file damaged. */
  damaged: boolean;
}

export interface GrantOptions {
  /** The file's SHA-256 (a blob): checked in the background. */
  sha256?: string;
  /** The file is ours alone (an export in a temp folder): deleted with the link. */
  temporary?: boolean;
}

export class BlobLinks {
  private readonly links = new Map<string, Link>();
  /** A private folder (0700) for files made for one download; made on first use. */
  private tempDir: Promise<string> | null = null;
  /** Background hash checks under way: close() waits for them (they hold the file open). */
  private readonly checks = new Set<Promise<void>>();
  /** Ends the waits of checks not started yet (the store is closing). */
  private readonly wakers = new Set<() => void>();
  private settling = false;

  /** `urlOf`: the shell's URL for a token (browser mode: /api/blob/…; Electron: its custom scheme). */
  constructor(
    private readonly urlOf: (token: string) => string,
    private readonly now: () => number = Date.now,
  ) {}

  grant(file: ServedFile, options: GrantOptions = {}): string {
    this.sweep();
    const token = randomBytes(32).toString('base64url');
    const link: Link = { file, temporary: options.temporary ?? false, lastUsed: this.now(), damaged: false };
    this.links.set(token, link);
    if (this.links.size > MAX_LINKS) this.drop(this.links.keys().next().value!);
    if (options.sha256) {
      const check = this.check(token, link, options.sha256);
      this.checks.add(check);
      void check.finally(() => this.checks.delete(check));
    }
    return this.urlOf(token);
  }

  /** A link to `file`, as an API reply gives it. */
  offer(file: ServedFile, options: GrantOptions = {}): FileLink {
    return { url: this.grant(file, options), fileName: file.fileName, contentType: file.contentType, size: file.size };
  }

  /**
   * Bytes made for one download (an export, a report) as a link: written to a file of the
   * private temp folder (the data folder may be read-only when the recovery screen asks for its
   * report), deleted when the link expires.
   */
  async offerBytes(bytes: Uint8Array, fileName: string, contentType: string): Promise<FileLink> {
    this.tempDir ??= mkdtemp(path.join(os.tmpdir(), 'vanthu-files-'));
    const file = path.join(await this.tempDir, randomUUID());
    await writeFile(file, bytes, { mode: 0o600, flag: 'wx' });
    return this.offer({ path: file, size: bytes.length, fileName, contentType, disposition: 'attachment' }, { temporary: true });
  }

  /** The file a token names, or null (unknown, expired or damaged); a use keeps it alive. */
  resolve(token: string): ServedFile | null {
    this.sweep();
    const link = this.links.get(token);
    if (!link || link.damaged) return null;
    link.lastUsed = this.now();
    return link.file;
  }

  /** Waits for the background hash checks (each holds its file open): before the store closes. */
  async settle(): Promise<void> {
    this.settling = true;
    for (const wake of [...this.wakers]) wake();
    await Promise.all(this.checks);
    this.settling = false;
  }

  /** Deletes the temporary files of every link and forgets the links (the app is closing). */
  async close(): Promise<void> {
    await this.settle();
    await Promise.all([...this.links.keys()].map((token) => this.drop(token)));
    const tempDir = this.tempDir;
    this.tempDir = null;
    if (tempDir) await rm(await tempDir, { recursive: true, force: true });
  }

  private async check(token: string, link: Link, sha256: string): Promise<void> {
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, CHECK_DELAY_MS);
      this.wakers.add(wake);
    });
    if (this.settling || this.links.get(token) !== link) return;
    try {
      const actual = await sha256OfFile(link.file.path);
      if (actual === sha256) return;
      link.damaged = true;
      logError(`[core] stored file ${sha256} is damaged on disk (it hashes to ${actual}); it is not served. Restore it from a backup.`);
    } catch (error) {
      link.damaged = true;
      logError(`[core] stored file ${sha256} cannot be read`, error);
    }
    if (this.links.get(token) === link) void this.drop(token);
  }

  private sweep(): void {
    const now = this.now();
    for (const [token, link] of this.links) {
      if (now - link.lastUsed > (link.temporary ? TEMPORARY_IDLE_MS : IDLE_MS)) void this.drop(token);
    }
  }

  private async drop(token: string): Promise<void> {
    const link = this.links.get(token);
    this.links.delete(token);
    if (link?.temporary) await rm(link.file.path, { force: true }).catch((error: unknown) => logError('[core] a temporary file could not be removed', error));
  }
}
