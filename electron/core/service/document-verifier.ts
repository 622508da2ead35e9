/**
 * Verifies the signatures of incoming documents in the core, in the background: after the sync
 * process stored and acknowledged a package (so verification can never delay or fail a receive),
 * for documents not verified yet when the core starts, and on the clerk's demand. One document
 * at a time: the engine hashes whole files, and a backlog must not starve the clerk's calls.
 */
import { stat } from 'node:fs/promises';
import type { ApiEvent } from '../../../shared/api/contract.js';
import type { DocumentVerification, PdfVerification } from '../../../shared/api/verification.js';
import { documentVerdict, senderCheck } from '../../../shared/domain/verification.js';
import { findAgency } from '../store/agencies.js';
import { appendAudit } from '../store/audit-log.js';
import type { BlobStore } from '../store/blob-store.js';
import { writeTransaction, type Db } from '../store/database.js';
import { getDocumentRow, listAttachments } from '../store/documents.js';
import { saveVerification } from '../store/verifications.js';
import { loadTrustAnchors, verifyPdf, type RevocationChecker } from '../verification/index.js';
import { logError } from '../logging/log.js';
import { ChangeBatcher } from './change-batcher.js';

export interface VerifierDeps {
  db: Db;
  blobs: BlobStore;
  trustAnchorsDir: string;
  /** A fresh checker per document: the engine's checker caches CRLs for its lifetime, and a retry must fetch them again. */
  revocation: () => RevocationChecker;
  emit(event: ApiEvent): void;
}

const isPdf = (attachment: { name: string; contentType: string }) => attachment.contentType === 'application/pdf' || /\.pdf$/i.test(attachment.name);

export class DocumentVerifier {
  /** Every verification runs after the one before it. */
  private tail: Promise<unknown> = Promise.resolve();
  private readonly waiting = new Set<number>();
  private closed = false;
  /** The anchors as last read, and the folder's mtime then: the engine caches their parsing by array identity. */
  private anchors: { mtimeMs: number; ders: Uint8Array[] } | null = null;
  /** Background verifications are told in batches; the clerk's own at once. */
  private readonly changes: ChangeBatcher;

  constructor(private readonly deps: VerifierDeps) {
    this.changes = new ChangeBatcher(deps.emit);
  }

  /** Queues documents for a background verification; failures are logged, never thrown. */
  schedule(ids: Iterable<number>): void {
    for (const id of ids) {
      if (this.closed || this.waiting.has(id)) continue;
      this.waiting.add(id);
      this.tail = this.tail.then(async () => {
        this.waiting.delete(id);
        if (this.closed) return;
        try {
          await this.run(id, 'system:verifier');
          this.changes.changed(id);
        } catch (error) {
          // The document stays "not verified yet"; the clerk can still ask again.
          logError(`[verifier] document ${id}:`, error);
        }
      });
    }
  }

  /** Verifies one document now (after what is queued) and returns the stored verification. */
  verify(id: number, actor: string): Promise<DocumentVerification> {
    const result = this.tail.then(async () => {
      const verification = await this.run(id, actor);
      this.changes.changed(id);
      this.changes.flush();
      return verification;
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Verifies one stored file that belongs to no incoming verdict (a file on its way to the archive), after what is queued. */
  verifyFile(file: string, name: string): Promise<PdfVerification> {
    const result = this.tail.then(async () => verifyPdf(file, { name, trustAnchors: await this.trustAnchors(), revocation: this.deps.revocation() }));
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Lets the running verification finish and drops the rest (they run again at the next start). */
  async close(): Promise<void> {
    this.closed = true;
    await this.tail;
    this.changes.flush();
  }

  /**
   * The folder is read again only when an entry was added, removed or renamed (its mtime moved),
   * as the app and IT staff both do; a backlog of arrivals reuses one parsed set.
   */
  async trustAnchors(): Promise<Uint8Array[]> {
    const { mtimeMs } = await stat(this.deps.trustAnchorsDir);
    if (this.anchors?.mtimeMs !== mtimeMs) {
      // Unreadable files are listed in Settings (trustAnchors.list): no warning on every verification.
      this.anchors = { mtimeMs, ders: await loadTrustAnchors(this.deps.trustAnchorsDir, () => undefined) };
    }
    return this.anchors.ders;
  }

  private async run(id: number, actor: string): Promise<DocumentVerification> {
    const { db, blobs } = this.deps;
    const row = getDocumentRow(db, id);
    if (!row || row.direction !== 'incoming') throw new Error(`Document ${id} is not an incoming document.`);
    const trustAnchors = await this.trustAnchors();
    const revocation = this.deps.revocation();
    const files: PdfVerification[] = [];
    for (const attachment of listAttachments(db, id).filter(isPdf)) {
      files.push(await verifyPdf(blobs.pathOf(attachment.sha256), { name: attachment.name, trustAnchors, revocation }));
    }
    const directoryName = row.sender_id ? (findAgency(db, row.sender_id)?.name ?? null) : null;
    // The main document comes first in an edXML package; its last signature is the agency's.
    const sender = senderCheck({ code: row.sender_id ?? '', names: [row.sender_name, directoryName] }, files[0] ?? null);
    const verification: DocumentVerification = { documentId: id, verifiedAt: new Date().toISOString(), ...documentVerdict(files, sender), files, sender };
    writeTransaction(db, () => {
      saveVerification(db, verification);
      appendAudit(db, {
        actor,
        action: 'document.verified',
        subject: `document:${id}`,
        details: { indication: verification.indication, subIndication: verification.subIndication, senderMatches: sender.matches, files: files.map((file) => ({ name: file.name, sha256: file.sha256 })) },
      });
    });
    return verification;
  }
}
