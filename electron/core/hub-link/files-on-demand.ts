/**
 * Attachments of hub documents at the desk: the replica holds their names, sizes and SHA-256s,
 * and the bytes are fetched from the hub when a file is opened, checked against the SHA-256 while
 * they stream, and kept in the desk's blob store, from where the viewer reads them as it reads any
 * attachment. Documents the user pins have all their files fetched in the background and never
 * evicted; other files are evicted least recently used first beyond the cache limit, and at once
 * when no document of the replica names them any more. docs/architecture.md, "Files on demand at
 * the desk".
 */
import { rm } from 'node:fs/promises';
import { Readable, Transform, pipeline } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { ApiError } from '../../../shared/api/errors.js';
import type { AttachmentInfo } from '../../../shared/api/documents.js';
import type { HubDocumentFiles, HubFileProblem, HubFileState } from '../../../shared/api/hub-link.js';
import { retryDelayMs } from '../process/backoff.js';
import type { BlobStore } from '../store/blob-store.js';
import type { Db } from '../store/database.js';
import { cachedFiles, evictableFiles, forgetCachedFile, isDocumentPinned, missingPinnedFiles, recordFileUse, replicaAttachments, setDocumentPinned } from '../store/hub-files.js';
import { referencedBlobs } from '../store/referenced-blobs.js';
import { storageError } from '../store/storage-errors.js';
import type { LinkBackoff } from './feed-follower.js';
import { HubRefusedError, HubSessionEndedError, HubUnreachableError, type HubClient } from './hub-client.js';
import { Wakeup } from './wakeup.js';

/** Files held for documents that are not pinned: beyond this, the least recently opened go. */
export const DEFAULT_CACHE_LIMIT_BYTES = 2 * 1024 ** 3;
/** An opened file is served by a link that lives 30 idle minutes: it is not evicted meanwhile. */
const IN_USE_MS = 30 * 60_000;
/** No byte for this long: the download is dead (a half-open connection), not slow. */
const STALL_MS = 30_000;
/** A pinned file the hub refuses or sends damaged is tried again, doubling up to an hour. */
const FILE_RETRY: LinkBackoff = { baseMs: 60_000, maxMs: 60 * 60_000 };

/** The hub sent bytes that are not the file's (another SHA-256, or more bytes than its size). */
export class HubFileMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HubFileMismatchError';
  }
}

export interface FilesOnDemandOptions {
  db: Db;
  blobs: BlobStore;
  /** The signed-in session's client, or null when signed out. */
  client(): HubClient | null;
  /** A file of `documentId` changed state (fetched, failed, evicted) or its pin changed. */
  changed(documentId: number): void;
  log(message: string): void;
  cacheLimitBytes?: number;
  /** How long an opened file is spared from eviction (its link's idle lifetime). */
  inUseMs?: number;
  backoff?: LinkBackoff;
  stallMs?: number;
}

interface FileFailure {
  detail: string;
  /** A pinned file is not tried again before this (0: with the next try of them all). */
  retryAt: number;
  count: number;
}

export class FilesOnDemand {
  private readonly fetching = new Map<string, Promise<void>>();
  private readonly failures = new Map<string, FileFailure>();
  private readonly wakeup = new Wakeup();
  private running: { abort: AbortController; done: Promise<void> } | null = null;
  private evicting: Promise<number> = Promise.resolve(0);

  constructor(private readonly options: FilesOnDemandOptions) {}

  /** Starts fetching pinned documents' files in the background; removes what is no longer named. */
  start(): void {
    if (this.running) return;
    const abort = new AbortController();
    this.running = { abort, done: this.fetchPinned(abort.signal) };
    void this.evict();
  }

  async close(): Promise<void> {
    const running = this.running;
    this.running = null;
    running?.abort.abort();
    await running?.done;
    await Promise.allSettled([...this.fetching.values(), this.evicting]);
  }

  /** Something may be new: the hub answers again, a pinned document changed, a user signed in. */
  wake(): void {
    this.wakeup.wake();
  }

  /**
   * The attachment `sha256` of replica document `documentId`, in the blob store: held already, or
   * fetched now. Refused when the replica does not hold it (the user may not see it); a clear
   * `unavailable` when it cannot be had (offline, signed out, damaged bytes: `fields.file`).
   */
  async open(documentId: number, sha256: string): Promise<AttachmentInfo> {
    const attachment = replicaAttachments(this.options.db, documentId)?.find((file) => file.sha256 === sha256);
    if (!attachment) throw new ApiError('not_found', `Document ${documentId} on this desk has no file ${sha256}.`);
    if (cachedFiles(this.options.db, [sha256]).has(sha256) && (await this.options.blobs.has(sha256))) {
      recordFileUse(this.options.db, sha256, attachment.size, new Date());
      return attachment;
    }
    try {
      await this.fetch(documentId, attachment);
    } catch (error) {
      throw openError(error);
    }
    void this.evict();
    return attachment;
  }

  /**
   * The file `attachment` of document `documentId` in the blob store, fetched now if it is not
   * here: signing's way to the current revision, which the hub may know before the replica does,
   * so the caller names the file. The hub's errors come as they are (the signing view words them).
   */
  async bring(documentId: number, attachment: AttachmentInfo): Promise<void> {
    const { db, blobs } = this.options;
    if (await blobs.has(attachment.sha256)) {
      if (cachedFiles(db, [attachment.sha256]).has(attachment.sha256)) recordFileUse(db, attachment.sha256, attachment.size, new Date());
      return;
    }
    await this.fetch(documentId, attachment);
  }

  /** The pin and each file's state, for the document's detail view. */
  files(documentId: number): HubDocumentFiles {
    const attachments = replicaAttachments(this.options.db, documentId);
    if (!attachments) throw new ApiError('not_found', `This desk holds no document ${documentId}.`);
    const pinned = isDocumentPinned(this.options.db, documentId);
    const held = cachedFiles(
      this.options.db,
      attachments.map((file) => file.sha256),
    );
    return {
      documentId,
      pinned,
      files: attachments.map((file) => {
        const failure = this.failures.get(file.sha256);
        const state: HubFileState = held.has(file.sha256) ? (pinned ? 'kept' : 'held') : this.fetching.has(file.sha256) ? 'fetching' : !pinned ? 'not_here' : failure ? 'failed' : 'fetching';
        return { sha256: file.sha256, name: file.name, size: file.size, state, detail: state === 'failed' ? failure!.detail : null };
      }),
    };
  }

  /** Pins (its files are fetched in the background and kept) or unpins (they may be evicted). */
  async setPinned(documentId: number, pinned: boolean): Promise<HubDocumentFiles> {
    if (!replicaAttachments(this.options.db, documentId)) throw new ApiError('not_found', `This desk holds no document ${documentId}.`);
    setDocumentPinned(this.options.db, documentId, pinned, new Date());
    if (pinned) this.wake();
    else await this.evict();
    return this.files(documentId);
  }

  /**
   * Removes held files no document of the replica names, then the least recently used files of
   * documents that are not pinned while they exceed the limit, except those opened within the last
   * 30 minutes. A file a standalone table also names keeps its bytes (only the cache row goes).
   */
  evict(): Promise<number> {
    this.evicting = this.evicting.then(
      () => this.evictNow(),
      () => this.evictNow(),
    );
    return this.evicting;
  }

  private async evictNow(): Promise<number> {
    const { db, blobs } = this.options;
    const rows = evictableFiles(db);
    const limit = this.options.cacheLimitBytes ?? DEFAULT_CACHE_LIMIT_BYTES;
    const inUseSince = new Date(Date.now() - (this.options.inUseMs ?? IN_USE_MS)).toISOString();
    let total = rows.reduce((sum, row) => sum + row.size, 0);
    let kept: Set<string> | null = null;
    let removed = 0;
    for (const row of rows) {
      if (this.fetching.has(row.sha256)) continue;
      if (!row.orphan && (total <= limit || row.lastUsedAt >= inUseSince)) continue;
      kept ??= new Set(referencedBlobs(db));
      try {
        // The file first: a row left without its file is fetched again, a file left without a row would be lost space.
        if (!kept.has(row.sha256)) await rm(blobs.pathOf(row.sha256), { force: true });
      } catch (error) {
        // Windows keeps a file open by the viewer: it goes at the next pass.
        this.options.log(`[hub] could not remove the held file ${row.sha256} yet: ${String(error)}`);
        continue;
      }
      forgetCachedFile(db, row.sha256);
      total -= row.size;
      removed++;
    }
    if (removed > 0) this.options.log(`[hub] removed ${removed} held file(s) of the agency server from this computer (${total} bytes held for documents not kept offline)`);
    return removed;
  }

  /** One download of a file at a time, whoever asks (the viewer, the background fetcher). */
  private fetch(documentId: number, attachment: AttachmentInfo): Promise<void> {
    const running = this.fetching.get(attachment.sha256);
    if (running) return running;
    const fetching = this.download(documentId, attachment).finally(() => {
      this.fetching.delete(attachment.sha256);
      this.options.changed(documentId);
    });
    this.fetching.set(attachment.sha256, fetching);
    this.options.changed(documentId);
    return fetching;
  }

  private async download(documentId: number, attachment: AttachmentInfo): Promise<void> {
    const { blobs } = this.options;
    const client = this.options.client();
    if (!client) throw new HubSessionEndedError('Not signed in at the agency server.');
    const stall = new AbortController();
    const stallMs = this.options.stallMs ?? STALL_MS;
    const timer = setTimeout(() => stall.abort(new Error(`no bytes from the agency server for ${stallMs / 1000} s`)), stallMs);
    let received = 0;
    const guard = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        if (received > attachment.size) return callback(new HubFileMismatchError(`The agency server sent more than the ${attachment.size} bytes of ${attachment.sha256}.`));
        timer.refresh();
        callback(null, chunk);
      },
    });
    let tempPath: string | null = null;
    try {
      const body = await client.attachment(documentId, attachment.sha256, stall.signal);
      pipeline(Readable.fromWeb(body as NodeWebStream<Uint8Array>), guard, () => undefined);
      const staged = await blobs.stageStream(guard);
      tempPath = staged.tempPath;
      if (staged.sha256 !== attachment.sha256) {
        throw new HubFileMismatchError(`The agency server sent ${staged.size} bytes hashing to ${staged.sha256} for the file ${attachment.sha256} (${attachment.size} bytes): refused, nothing kept.`);
      }
      await blobs.adoptFile(staged.tempPath, staged);
      tempPath = null;
      recordFileUse(this.options.db, attachment.sha256, staged.size, new Date());
      this.failures.delete(attachment.sha256);
    } catch (error) {
      if (stall.signal.aborted) throw new HubUnreachableError(String(stall.signal.reason));
      throw error;
    } finally {
      clearTimeout(timer);
      if (tempPath) await rm(tempPath, { force: true });
    }
  }

  /** The pinned documents' files not held yet, one at a time; offline, all wait with back-off. */
  private async fetchPinned(signal: AbortSignal): Promise<void> {
    const backoff = this.options.backoff ?? { baseMs: 1_000, maxMs: 60_000 };
    let offlineFailures = 0;
    while (!signal.aborted) {
      const now = Date.now();
      const missing = missingPinnedFiles(this.options.db);
      const next = missing.find(({ attachment }) => (this.failures.get(attachment.sha256)?.retryAt ?? 0) <= now);
      if (!next || !this.options.client()) {
        const soonest = Math.min(...missing.map(({ attachment }) => this.failures.get(attachment.sha256)?.retryAt ?? Infinity));
        await this.wakeup.sleep(this.options.client() ? soonest - now : Infinity, signal);
        continue;
      }
      const { documentId, attachment } = next;
      try {
        await this.fetch(documentId, attachment);
        offlineFailures = 0;
      } catch (error) {
        if (signal.aborted) return;
        const problem = openError(error);
        const reason = (problem.fields?.file as HubFileProblem | undefined) ?? 'refused';
        const count = (this.failures.get(attachment.sha256)?.count ?? 0) + 1;
        const perFile = reason === 'damaged' || reason === 'refused';
        this.options.log(`[hub] a pinned file of document ${documentId} was not fetched: ${problem.message}`);
        if (perFile) {
          this.failures.set(attachment.sha256, { detail: problem.message, count, retryAt: now + retryDelayMs(count, backoff.random, FILE_RETRY.baseMs, FILE_RETRY.maxMs) });
          this.options.changed(documentId);
          continue;
        }
        // The server cannot be reached: every pinned file still to fetch waits for it, and says so.
        for (const waiting of missing) {
          if (this.failures.get(waiting.attachment.sha256)?.retryAt) continue;
          this.failures.set(waiting.attachment.sha256, { detail: problem.message, count: 0, retryAt: 0 });
        }
        for (const id of new Set(missing.map((waiting) => waiting.documentId))) this.options.changed(id);
        await this.wakeup.sleep(retryDelayMs(++offlineFailures, backoff.random, backoff.baseMs, backoff.maxMs), signal);
      }
    }
  }
}

/** What the user is told when a file cannot be had, by what they can do about it. */
function openError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  const unavailable = (file: HubFileProblem, message: string) => new ApiError('unavailable', `${message} ${detail}`, { file });
  if (error instanceof HubFileMismatchError) return unavailable('damaged', 'The file the agency server sent is not this document’s file (its SHA-256 differs): it was refused and not kept.');
  if (error instanceof HubSessionEndedError) return unavailable('signed_out', 'This file is not on this computer, and the agency server needs a sign-in to send it.');
  if (error instanceof HubRefusedError) {
    return new ApiError(error.status === 404 ? 'not_found' : 'forbidden', `The agency server refused this file: ${detail}`);
  }
  // Disk full or read-only: the core's words for it.
  const storage = storageError(error);
  if (storage) return storage;
  return unavailable('offline', 'This file is not on this computer and the agency server cannot be reached now: it opens once the connection is back.');
}
