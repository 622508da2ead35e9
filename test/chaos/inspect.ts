/**
 * What a chaos run checks, read straight from each agency's database (read-only, while the app
 * may still be writing: WAL lets a reader see the last committed state) and blob folder.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BLOBS_DIR, DATABASE_FILE } from '../../electron/core/config/data-dir.js';
import { BlobStore } from '../../electron/core/store/blob-store.js';

export interface IncomingCopy {
  id: number;
  subject: string;
  state: string;
  attachmentSha256s: string[];
  /** Every attachment's blob file hashes to its recorded SHA-256. */
  blobsIntact: boolean;
}

export interface AgencyView {
  code: string;
  incoming: IncomingCopy[];
  /** Incoming documents not answered yet. */
  arrived: { id: number; subject: string }[];
  outgoing: { subject: string; state: string; recipients: Record<string, string> }[];
  /** Attachments per subject on the sender's side (outgoing documents and drafts). */
  attachmentCounts: Record<string, number>;
  quarantined: number;
  /** Outbox rows not sent (queued, sending, waiting for a retry, failed). */
  outboxLeft: number;
  /** Those rows: state, attempts, next try and last error, for whoever reads a failed run. */
  outboxPending: string[];
  integrity: string;
}

export async function inspectAgency(dataDir: string, code: string): Promise<AgencyView> {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    const blobs = new BlobStore(path.join(dataDir, BLOBS_DIR));
    const attachments = new Map<number, string[]>();
    for (const row of db.prepare('SELECT document_id, sha256 FROM attachments ORDER BY document_id, position').all() as { document_id: number; sha256: string }[]) {
      attachments.set(row.document_id, [...(attachments.get(row.document_id) ?? []), row.sha256]);
    }
    const incomingRows = db.prepare("SELECT id, subject, state FROM documents WHERE direction = 'incoming'").all() as { id: number; subject: string; state: string }[];
    const incoming: IncomingCopy[] = [];
    for (const row of incomingRows) {
      const sha256s = attachments.get(row.id) ?? [];
      const actual = await Promise.all(sha256s.map(async (sha) => createHash('sha256').update(await readFile(blobs.pathOf(sha)).catch(() => Buffer.alloc(0))).digest('hex')));
      incoming.push({ ...row, attachmentSha256s: sha256s, blobsIntact: actual.every((sha, index) => sha === sha256s[index]) });
    }
    const recipients = db.prepare("SELECT document_id, recipient_id, state FROM recipient_statuses").all() as { document_id: number; recipient_id: string; state: string }[];
    const outgoing = (db.prepare("SELECT id, subject, state FROM documents WHERE direction = 'outgoing'").all() as { id: number; subject: string; state: string }[]).map((row) => ({
      subject: row.subject,
      state: row.state,
      recipients: Object.fromEntries(recipients.filter((r) => r.document_id === row.id).map((r) => [r.recipient_id, r.state])),
    }));
    const attachmentCounts = Object.fromEntries(
      (db.prepare("SELECT subject, count(a.id) AS n FROM documents d LEFT JOIN attachments a ON a.document_id = d.id WHERE d.direction <> 'incoming' GROUP BY d.id").all() as { subject: string; n: number }[]).map((row) => [row.subject, row.n]),
    );
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      code,
      incoming,
      arrived: incoming.filter((row) => row.state === 'arrived').map(({ id, subject }) => ({ id, subject })),
      outgoing,
      attachmentCounts,
      quarantined: count('SELECT count(*) AS n FROM quarantine'),
      outboxLeft: count("SELECT count(*) AS n FROM outbox WHERE state <> 'sent'"),
      outboxPending: (
        db.prepare("SELECT id, message_type, state, attempts, next_attempt_at, last_error FROM outbox WHERE state <> 'sent' ORDER BY id").all() as {
          id: number;
          message_type: string;
          state: string;
          attempts: number;
          next_attempt_at: string | null;
          last_error: string | null;
        }[]
      ).map((row) => `#${row.id} ${row.message_type} ${row.state}, ${row.attempts} attempt(s), next ${row.next_attempt_at ?? '-'}, last error ${row.last_error ?? '-'}`),
      integrity: db.pragma('integrity_check', { simple: true }) as string,
    };
  } finally {
    db.close();
  }
}

/** `PRAGMA integrity_check` of the axis's database. */
export function inspectAxis(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'axis.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}
