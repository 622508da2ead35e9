/**
 * The desk's files on demand in agency mode (migration 230): which hub attachments are held in
 * the blob store, when each was last opened, and which documents the user pinned so that their
 * files are kept. A file is named by its SHA-256 and may belong to several documents; it is kept
 * (never evicted) while any pinned document of the replica names it.
 * docs/architecture.md, "Files on demand at the desk".
 */
import type { AttachmentInfo } from '../../../shared/api/documents.js';
import { writeTransaction, type Db } from './database.js';

/** The attachments of one replica document as the hub sent them; null when the replica does not hold it. */
export function replicaAttachments(db: Db, documentId: number): AttachmentInfo[] | null {
  const json = db.prepare("SELECT json_extract(document, '$.attachments') FROM hub_documents WHERE id = ?").pluck().get(documentId) as string | null | undefined;
  if (json === undefined) return null;
  return json === null ? [] : (JSON.parse(json) as AttachmentInfo[]);
}

export function cachedFiles(db: Db, sha256s: readonly string[]): Set<string> {
  if (sha256s.length === 0) return new Set();
  const rows = db.prepare(`SELECT sha256 FROM hub_file_cache WHERE sha256 IN (${sha256s.map(() => '?').join(',')})`).pluck().all(...sha256s) as string[];
  return new Set(rows);
}

/** A file now in the blob store, or opened again: it becomes the most recently used. */
export function recordFileUse(db: Db, sha256: string, size: number, at: Date): void {
  writeTransaction(db, () =>
    db
      .prepare('INSERT INTO hub_file_cache (sha256, size, fetched_at, last_used_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET last_used_at = excluded.last_used_at')
      .run(sha256, size, at.toISOString(), at.toISOString()),
  );
}

export function forgetCachedFile(db: Db, sha256: string): void {
  writeTransaction(db, () => db.prepare('DELETE FROM hub_file_cache WHERE sha256 = ?').run(sha256));
}

export function setDocumentPinned(db: Db, documentId: number, pinned: boolean, at: Date): void {
  writeTransaction(db, () => {
    if (pinned) db.prepare('INSERT INTO hub_pinned_documents (document_id, pinned_at) VALUES (?, ?) ON CONFLICT (document_id) DO NOTHING').run(documentId, at.toISOString());
    else db.prepare('DELETE FROM hub_pinned_documents WHERE document_id = ?').run(documentId);
  });
}

export function isDocumentPinned(db: Db, documentId: number): boolean {
  return db.prepare('SELECT 1 FROM hub_pinned_documents WHERE document_id = ?').pluck().get(documentId) !== undefined;
}

/** Every file of a pinned document, as (document, attachment): the pinned files' names. */
const PINNED_FILES = `
  SELECT p.document_id AS document_id, f.value AS attachment, json_extract(f.value, '$.sha256') AS sha256
  FROM hub_pinned_documents p JOIN hub_documents d ON d.id = p.document_id, json_each(d.document, '$.attachments') f`;

/** Files of pinned documents not held yet, oldest pin first (one row per file). */
export function missingPinnedFiles(db: Db): { documentId: number; attachment: AttachmentInfo }[] {
  const rows = db
    .prepare(`SELECT document_id, attachment FROM (${PINNED_FILES}) WHERE sha256 NOT IN (SELECT sha256 FROM hub_file_cache) GROUP BY sha256 ORDER BY min(document_id)`)
    .all() as { document_id: number; attachment: string }[];
  return rows.map((row) => ({ documentId: row.document_id, attachment: JSON.parse(row.attachment) as AttachmentInfo }));
}

export interface CachedFileRow {
  sha256: string;
  size: number;
  lastUsedAt: string;
  /** No document of the replica names it any more (withdrawn, replaced by a new version, another user's). */
  orphan: boolean;
}

/** Held files that no pinned document names, least recently used first: what may be evicted. */
export function evictableFiles(db: Db): CachedFileRow[] {
  const rows = db
    .prepare(
      `SELECT c.sha256, c.size, c.last_used_at,
              c.sha256 NOT IN (SELECT json_extract(f.value, '$.sha256') FROM hub_documents d, json_each(d.document, '$.attachments') f) AS orphan
       FROM hub_file_cache c
       WHERE c.sha256 NOT IN (SELECT sha256 FROM (${PINNED_FILES}))
       ORDER BY c.last_used_at, c.sha256`,
    )
    .all() as { sha256: string; size: number; last_used_at: string; orphan: number }[];
  return rows.map((row) => ({ sha256: row.sha256, size: row.size, lastUsedAt: row.last_used_at, orphan: row.orphan === 1 }));
}

/** Bytes held for pinned documents and for the rest (the part the cache limit applies to). */
export function cacheUsage(db: Db): { pinnedBytes: number; otherBytes: number } {
  const row = db
    .prepare(
      `SELECT coalesce(sum(size) FILTER (WHERE sha256 IN (SELECT sha256 FROM (${PINNED_FILES}))), 0) AS pinned,
              coalesce(sum(size) FILTER (WHERE sha256 NOT IN (SELECT sha256 FROM (${PINNED_FILES}))), 0) AS other
       FROM hub_file_cache`,
    )
    .get() as { pinned: number; other: number };
  return { pinnedBytes: row.pinned, otherBytes: row.other };
}
