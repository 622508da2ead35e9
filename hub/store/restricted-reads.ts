/**
 * "Who opened which restricted document": a read of a document in a restricted register (sổ mật)
 * by one of its named readers, by id or a file's download, is audited once per session and
 * document. The first read of a session writes the row; later ones of that session write nothing,
 * and a new sign-in writes again, so the log records who saw what from which desk without a row
 * per click (docs/architecture.md, "Audit log at the hub").
 */
import { RESTRICTED_READ_ACTION } from '../../shared/hub/audit-log.js';
import type pg from 'pg';
import { appendAudit } from './audit.js';
import { inTransaction } from './database.js';

export interface RestrictedRead {
  sessionId: string;
  username: string;
  documentId: number;
  /** How it was read: the document by id, or one of its files (by SHA-256). */
  via: { document: true } | { file: string };
}

/** Audits the read if the document is in a restricted register and this session has not read it yet. */
export async function noteRestrictedRead(pool: pg.Pool, read: RestrictedRead, at: Date = new Date()): Promise<void> {
  await inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ register: string }>(
      `WITH restricted AS (
         SELECT g.code FROM register_entries e JOIN registers g ON g.id = e.register_id
         WHERE e.document_id = $2 AND g.restricted ORDER BY g.id LIMIT 1
       ), noted AS (
         INSERT INTO restricted_reads (session_id, document_id, at) SELECT $1, $2, $3 FROM restricted
         ON CONFLICT DO NOTHING RETURNING document_id
       )
       SELECT (SELECT code FROM restricted) AS register FROM noted`,
      [read.sessionId, read.documentId, at],
    );
    if (rows.length === 0) return;
    const via = 'file' in read.via ? { file: read.via.file } : { document: true };
    await appendAudit(client, { actor: read.username, action: RESTRICTED_READ_ACTION, subject: `document:${read.documentId}`, details: { register: rows[0]!.register, ...via } }, at);
  });
}
