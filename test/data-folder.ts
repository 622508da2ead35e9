/** Data folders for tests of backup and recovery, filled through the real store. */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { BLOBS_DIR, DATABASE_FILE } from '../electron/core/config/data-dir.js';
import { verifyAuditChain } from '../electron/core/store/audit-log.js';
import { BlobStore } from '../electron/core/store/blob-store.js';
import { openDatabase, type Db } from '../electron/core/store/database.js';
import { addAttachment, createDraft } from '../electron/core/store/documents.js';

/** A data folder as the core leaves it: migrated database, blob store ready. */
export async function makeDataFolder(dir: string): Promise<{ dir: string; db: Db; blobs: BlobStore }> {
  const db = openDatabase(path.join(dir, DATABASE_FILE));
  const blobs = new BlobStore(path.join(dir, BLOBS_DIR));
  await blobs.init();
  return { dir, db, blobs };
}

/** A draft with one attachment of random bytes, through the real store functions. */
export async function addDocument(db: Db, blobs: BlobStore, subject: string, bytes: Uint8Array = randomBytes(4096)): Promise<number> {
  const id = createDraft(db, { subject, summary: '' }, 'user:test');
  addAttachment(db, { documentId: id, name: `${subject}.pdf`, contentType: 'application/pdf', ...(await blobs.putBytes(bytes)) }, 'user:test');
  return id;
}

/** What a clerk sees of a data folder: documents, their attachments' bytes and the audit log. */
export async function contentsOf(dir: string): Promise<unknown> {
  const db = openDatabase(path.join(dir, DATABASE_FILE));
  const blobs = new BlobStore(path.join(dir, BLOBS_DIR));
  try {
    const documents = db.prepare('SELECT id, subject FROM documents ORDER BY id').all();
    const attachments = db.prepare('SELECT document_id, name, sha256 FROM attachments ORDER BY id').all() as { sha256: string }[];
    const bytes = await Promise.all(attachments.map(async (row) => Buffer.from(await blobs.read(row.sha256)).toString('base64')));
    const audit = db.prepare('SELECT seq, action, hash FROM audit_log ORDER BY seq').all();
    return { documents, attachments, bytes, audit, chain: verifyAuditChain(db).ok };
  } finally {
    db.close();
  }
}
