/**
 * Stored signature verifications of incoming documents: the latest one per document replaces the
 * one before (a verification is re-run after a trust anchor is added or when the CRL server was
 * unreachable; the old verdict is then no longer the truth).
 */
import type { DocumentVerification, SubIndication } from '../../../shared/api/verification.js';
import type { Db } from './database.js';

export function saveVerification(db: Db, verification: DocumentVerification): void {
  db.prepare(
    `INSERT INTO document_verifications (document_id, indication, sub_indication, verified_at, report) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (document_id) DO UPDATE SET indication = excluded.indication, sub_indication = excluded.sub_indication,
       verified_at = excluded.verified_at, report = excluded.report`,
  ).run(verification.documentId, verification.indication, verification.subIndication, verification.verifiedAt, JSON.stringify(verification));
}

export function getVerification(db: Db, documentId: number): DocumentVerification | null {
  const row = db.prepare('SELECT report FROM document_verifications WHERE document_id = ?').get(documentId) as { report: string } | undefined;
  return row ? (JSON.parse(row.report) as DocumentVerification) : null;
}

/** Incoming documents never verified (arrived while the core was not running, or before version 50). */
export function unverifiedIncoming(db: Db): number[] {
  return (
    db
      .prepare("SELECT id FROM documents WHERE direction = 'incoming' AND id NOT IN (SELECT document_id FROM document_verifications) ORDER BY id")
      .all() as { id: number }[]
  ).map((row) => row.id);
}

/** Documents whose stored verdict has this sub-indication (e.g. no chain: worth verifying again once an anchor is added). */
export function verifiedWith(db: Db, subIndication: SubIndication): number[] {
  return (db.prepare('SELECT document_id FROM document_verifications WHERE sub_indication = ? ORDER BY document_id').all(subIndication) as { document_id: number }[]).map(
    (row) => row.document_id,
  );
}
