/**
 * What desk commands write to documents and attachments (hub/commands/): drafts made and changed
 * at a desk, and a new revision of an attachment signed at a desk. Each row a command changes is
 * locked first, so two commands on one document, from any hub instance, run one after the other
 * and the second sees what the first did.
 */
import type pg from 'pg';
import { DRAFT_FIELD_SPECS, DRAFT_FIELDS } from '../../shared/api/draft-fields.js';
import type { DraftChanges } from '../../shared/api/draft-field-schema.js';

export interface LockedDocument {
  id: number;
  direction: 'incoming' | 'outgoing' | 'draft';
  signingState: string;
  createdBy: number | null;
}

const LOCKED_COLUMNS = 'id, direction, signing_state AS "signingState", created_by AS "createdBy"';

export async function lockDocument(client: pg.PoolClient, id: number): Promise<LockedDocument | null> {
  return (await client.query<LockedDocument>(`SELECT ${LOCKED_COLUMNS} FROM documents WHERE id = $1 FOR UPDATE`, [id])).rows[0] ?? null;
}

export async function lockDraftByClientKey(client: pg.PoolClient, clientKey: string): Promise<LockedDocument | null> {
  return (await client.query<LockedDocument>(`SELECT ${LOCKED_COLUMNS} FROM documents WHERE client_key = $1 FOR UPDATE`, [clientKey])).rows[0] ?? null;
}

/** The fields given, as [column, value] (lines as their JSON array); column names from the field table, never from input. */
function draftColumns(fields: DraftChanges): [string, unknown][] {
  return DRAFT_FIELDS.filter((name) => fields[name] !== undefined).map((name) => {
    const value = fields[name];
    return [DRAFT_FIELD_SPECS[name].column, Array.isArray(value) ? JSON.stringify(value) : value];
  });
}

/**
 * A new draft named by the desk's `clientKey`, or null when a draft of that key exists already
 * (committed by a transaction this one waited for): the caller then finds it by the key.
 */
export async function insertDraft(client: pg.PoolClient, draft: { clientKey: string; createdBy: number; fields: DraftChanges & { subject: string }; at: Date }): Promise<number | null> {
  const columns = draftColumns(draft.fields);
  const values = [...columns.map(([, value]) => value), draft.createdBy, draft.clientKey, draft.at];
  const n = columns.length;
  // The maker is given the draft (document_grants), so the one access rule lets him see it.
  const { rows } = await client.query<{ id: number }>(
    `WITH made AS (
       INSERT INTO documents (${columns.map(([column]) => column).join(', ')}, direction, state, created_by, client_key, created_at, updated_at)
       VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}, 'draft', 'editing', $${n + 1}, $${n + 2}, $${n + 3}, $${n + 3})
       ON CONFLICT (client_key) DO NOTHING RETURNING id),
     given AS (INSERT INTO document_grants (document_id, user_id, granted_by, granted_at) SELECT id, $${n + 1}, $${n + 1}, $${n + 3} FROM made)
     SELECT id FROM made`,
    values,
  );
  return rows[0]?.id ?? null;
}

export async function updateDraftFields(client: pg.PoolClient, id: number, fields: DraftChanges, at: Date): Promise<void> {
  const columns = draftColumns(fields);
  const sets = columns.map(([column], i) => `${column} = $${i + 1}`);
  await client.query(`UPDATE documents SET ${[...sets, `updated_at = $${columns.length + 1}`].join(', ')} WHERE id = $${columns.length + 2}`, [
    ...columns.map(([, value]) => value),
    at,
    id,
  ]);
}

export interface AttachmentFile {
  id: number;
  documentId: number;
  name: string;
  sha256: string;
  size: number;
}

const ATTACHMENT_FILE_COLUMNS = 'id, document_id AS "documentId", name, sha256, size::float8 AS size';

export async function attachmentFile(db: pg.Pool | pg.PoolClient, documentId: number, attachmentId: number): Promise<AttachmentFile | null> {
  return (await db.query<AttachmentFile>(`SELECT ${ATTACHMENT_FILE_COLUMNS} FROM attachments WHERE id = $1 AND document_id = $2`, [attachmentId, documentId])).rows[0] ?? null;
}

export async function lockAttachmentFile(client: pg.PoolClient, documentId: number, attachmentId: number): Promise<AttachmentFile | null> {
  return (await client.query<AttachmentFile>(`SELECT ${ATTACHMENT_FILE_COLUMNS} FROM attachments WHERE id = $1 AND document_id = $2 FOR UPDATE`, [attachmentId, documentId])).rows[0] ?? null;
}

/**
 * Points an attachment at a new version of its file; the earlier versions stay listed in
 * attachment_versions (the desktop's rule, electron/core/store/documents.ts). Returns its version number.
 */
export async function addAttachmentVersion(client: pg.PoolClient, attachmentId: number, blob: { sha256: string; size: number }, step: string, at: Date): Promise<number> {
  const { rows } = await client.query<{ version: number }>(
    `INSERT INTO attachment_versions (attachment_id, version, sha256, size, step, created_at)
     SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5 FROM attachment_versions WHERE attachment_id = $1 RETURNING version`,
    [attachmentId, blob.sha256, blob.size, step, at],
  );
  await client.query('UPDATE attachments SET sha256 = $2, size = $3 WHERE id = $1', [attachmentId, blob.sha256, blob.size]);
  await client.query('UPDATE documents SET updated_at = $2 WHERE id = (SELECT document_id FROM attachments WHERE id = $1)', [attachmentId, at]);
  return rows[0]!.version;
}
