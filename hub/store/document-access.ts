/**
 * Which documents a user may see, always asked of readable_documents() (migration 070), the one
 * place the rule is written (docs/architecture.md, "Agency hub"): the by-id check, the list, the
 * snapshot, an attachment download and the audience of a document's feed changes all ask it, so
 * none of them can disagree with another.
 */
import type pg from 'pg';
import type { CommandRefusal } from '../../shared/hub/commands.js';
import { DOCUMENT_CHANGE, DOCUMENT_WITHDRAWN, type DocumentWithdrawn, type HubDocument } from '../../shared/hub/documents.js';
import { appendAudit } from './audit.js';
import { recordChange } from './changes.js';
import { withGenericPlans, type Queryable } from './database.js';
import { readHubDocuments } from './hub-documents.js';

export async function mayReadDocument(db: Queryable, userId: number, documentId: number): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM readable_documents($1) WHERE document_id = $2', [userId, documentId]);
  return rowCount === 1;
}

/**
 * A page of the documents of one who is neither clerk nor leader: he sees few of many, so the
 * page starts from where his documents can be (given to him, to his unit or, a unit leader, to a
 * unit below it, in a register he is named a reader of, or a draft answering an arrival whose
 * lead or co-operating work he or his unit holds) instead of every document. Each place
 * is walked by its index in id order and every document met is still asked of readable_documents
 * before it counts towards the page: a place too many costs time, never access, and one missing
 * would drop documents from his list (the rule's tests compare it with the by-id check). Each
 * place stops at a page of documents he may see, so a page costs the same at any depth and any
 * size of agency, where one set of every candidate read and sorted them all
 * (`npm run bench -- hub`, docs/architecture.md "Document access").
 *
 * Parameters: $1 the user, $2 the id bound, $3 the page's size, $4 his units (readerScope);
 * `condition` may narrow each document further (content search's words) with parameters from $5.
 */
export const narrowReadablePage = (comparison: '<' | '>', order: 'ASC' | 'DESC', condition = 'true'): string => {
  const walk = (from: string, where: string) =>
    `SELECT p.document_id FROM ${from} p WHERE ${where} AND p.document_id ${comparison} $2 AND ${condition}
       AND EXISTS (SELECT 1 FROM readable_documents($1) r WHERE r.document_id = p.document_id)
     ORDER BY p.document_id ${order} LIMIT $3`;
  return `WITH candidates AS (
      (${walk('document_grants', 'p.user_id = $1')})
      UNION ALL
      SELECT given.document_id FROM unnest($4::integer[]) AS place (unit_id) CROSS JOIN LATERAL (${walk('document_grants', 'p.unit_id = place.unit_id')}) AS given
      UNION ALL
      SELECT entered.document_id FROM register_readers rr CROSS JOIN LATERAL (${walk('register_entries', 'p.register_id = rr.register_id')}) AS entered
      WHERE rr.user_id = $1
      UNION ALL
      SELECT answering.document_id FROM (
        -- Two index-only scans of the work answered (migration 280), his and his units': written as an OR, PostgreSQL read each item's row.
        SELECT w.document_id FROM work_items w WHERE w.answered AND w.role IN ('lead', 'cooperate') AND w.user_id = $1
        UNION
        SELECT w.document_id FROM work_items w WHERE w.answered AND w.role IN ('lead', 'cooperate') AND w.unit_id = ANY ($4::integer[])
      ) AS held CROSS JOIN LATERAL (${walk('(SELECT id AS document_id, answers_id FROM documents)', 'p.answers_id = held.document_id')}) AS answering
    )
    SELECT DISTINCT document_id FROM candidates ORDER BY document_id ${order} LIMIT $3`;
};

const NARROW_ASC = narrowReadablePage('>', 'ASC');
const NARROW_DESC = narrowReadablePage('<', 'DESC');

/**
 * Whether the user sees nearly every document (a clerk or leader), and the units whose grants
 * are his: his own and, a unit leader's, the units below it. Asked first and passed as an array,
 * so the planner knows the page query is small: with the tree inside it, PostgreSQL guessed a
 * hundred and sixty units and JIT-compiled the query for a second each page.
 */
const READER_SQL = `WITH RECURSIVE below (id) AS (
    SELECT unit_id FROM users WHERE id = $1
    UNION
    -- Only a unit leader sees what the units below his were given.
    SELECT units.id FROM units JOIN below ON units.parent_id = below.id
    WHERE EXISTS (SELECT 1 FROM user_roles WHERE user_id = $1 AND role = 'unit_leader')
  )
  SELECT EXISTS (SELECT 1 FROM user_roles WHERE user_id = $1 AND role IN ('clerk', 'leader')) AS broad, array(SELECT id FROM below WHERE id IS NOT NULL) AS units`;

export async function readerScope(db: Queryable, userId: number): Promise<{ broad: boolean; units: number[] }> {
  const { rows } = await db.query<{ broad: boolean; units: number[] }>(READER_SQL, [userId]);
  return rows[0]!;
}

/**
 * The ids of documents a user may see: newest first below `before`, or oldest first above `after`.
 * A clerk or leader sees nearly every document, so the documents are walked by id; anyone else
 * sees few of many, so the walk starts from his grants and registers instead of every document.
 */
export async function readableDocumentIds(db: Queryable, userId: number, page: ({ before: number | null } | { after: number }) & { limit: number }): Promise<number[]> {
  const { broad, units } = await readerScope(db, userId);
  const bound = 'after' in page ? page.after : (page.before ?? 2147483647);
  const ascending = 'after' in page;
  // Named statements, each planned once per connection for any reader (withGenericPlans):
  // planning the access rule inlined (four times in the narrow page) took longer than running it.
  const { rows } = await withGenericPlans(db, (client) =>
    broad
      ? client.query<{ document_id: number }>({
        name: ascending ? 'readable-ids-broad-asc' : 'readable-ids-broad-desc',
        text: ascending
          ? 'SELECT document_id FROM readable_documents($1) WHERE document_id > $2 ORDER BY document_id LIMIT $3'
          : 'SELECT document_id FROM readable_documents($1) WHERE document_id < $2 ORDER BY document_id DESC LIMIT $3',
          values: [userId, bound, page.limit],
        })
      : client.query<{ document_id: number }>({
          name: ascending ? 'readable-ids-narrow-asc' : 'readable-ids-narrow-desc',
          text: ascending ? NARROW_ASC : NARROW_DESC,
          values: [userId, bound, page.limit, units],
        }),
  );
  return rows.map((row) => row.document_id);
}

/**
 * The attachment's file as the user may download it: `sha256` must be a file of a document the
 * user may see (a current attachment, any earlier version of one, or a file of a version waiting
 * in a conflict). Null otherwise, whether the document or the file exists or not.
 */
export async function readableFile(db: Queryable, userId: number, documentId: number, sha256: string): Promise<{ name: string; contentType: string } | null> {
  const { rows } = await db.query<{ name: string; content_type: string }>(
    `SELECT name, content_type FROM (
       SELECT a.name, a.content_type, 1 AS rank FROM attachments a WHERE a.document_id = $2 AND a.sha256 = $3
       UNION ALL
       SELECT a.name, a.content_type, 2 FROM attachments a JOIN attachment_versions v ON v.attachment_id = a.id WHERE a.document_id = $2 AND v.sha256 = $3
       UNION ALL
       SELECT f->>'name', f->>'contentType', 3 FROM document_conflicts c CROSS JOIN jsonb_array_elements(c.content->'attachments') f
       WHERE c.document_id = $2 AND f->>'sha256' = $3
     ) AS file
     WHERE EXISTS (SELECT 1 FROM readable_documents($1) WHERE document_id = $2)
     ORDER BY rank LIMIT 1`,
    [userId, documentId, sha256],
  );
  return rows[0] ? { name: rows[0].name, contentType: rows[0].content_type } : null;
}

/** Every user who may see the document now: the audience of its next feed change. */
export async function documentReaders(db: Queryable, documentId: number): Promise<number[]> {
  return (await readersOfDocuments(db, [documentId])).get(documentId) ?? [];
}

/** documentReaders of several documents in one query (a group commit changes dozens). */
async function readersOfDocuments(db: Queryable, documentIds: readonly number[]): Promise<Map<number, number[]>> {
  const { rows } = await db.query<{ document_id: number; user_id: number }>(
    `SELECT r.document_id, u.id AS user_id FROM users u CROSS JOIN LATERAL readable_documents(u.id) r
     WHERE r.document_id = ANY ($1::integer[]) ORDER BY r.document_id, u.id`,
    [documentIds],
  );
  const readers = new Map<number, number[]>();
  for (const row of rows) {
    const list = readers.get(row.document_id);
    if (list) list.push(row.user_id);
    else readers.set(row.document_id, [row.user_id]);
  }
  return readers;
}

/**
 * Records, in the caller's transaction, each document as it now is for everyone who may see it
 * (the whole document: a desk replaces its row), and `document.withdrawn` for those in
 * `readersBefore` who no longer may. A document nobody may see yet (no users, or a restricted
 * register with no readers) records nothing: whoever gains sight of it later is sent it then.
 */
export async function recordDocumentChanges(db: Queryable, ids: Iterable<number>, readersBefore: ReadonlyMap<number, readonly number[]> = new Map()): Promise<void> {
  const list = [...new Set(ids)];
  if (list.length === 0) return;
  const readersOf = await readersOfDocuments(db, list);
  // Only a document someone sees, or saw, has a change to write: the others are not read (an
  // arrival before any user may see it, a document of a restricted register nobody reads).
  const concerned = list.filter((id) => readersOf.has(id) || (readersBefore.get(id) ?? []).length > 0);
  const documents = new Map((await readHubDocuments(db, concerned)).map((document) => [document.id, document]));
  for (const id of list) {
    const readers = readersOf.get(id) ?? [];
    const document: HubDocument | undefined = documents.get(id);
    if (document && readers.length > 0) await recordChange(db, { kind: DOCUMENT_CHANGE, subject: `document:${id}`, payload: document, audience: { users: readers } });
    const lost = (readersBefore.get(id) ?? []).filter((user) => !document || !readers.includes(user));
    if (lost.length > 0) await recordChange(db, { kind: DOCUMENT_WITHDRAWN, subject: `document:${id}`, payload: { id } satisfies DocumentWithdrawn, audience: { users: lost } });
  }
}

export interface DocumentGrant {
  documentId: number;
  units: readonly number[];
  users: readonly number[];
  actorUserId: number;
}

export type GrantOutcome = { state: 'applied'; added: { units: number[]; users: number[] } } | { state: 'refused'; reason: CommandRefusal; message: string };

/**
 * Gives a document to units and people, in the caller's transaction: the grants, an audit record,
 * and the document sent to everyone who may now see it. The actor must see the document (else
 * `not_found`, told apart from nothing). A document of a restricted register is seen by that
 * register's readers only, so giving it would promise what the rule does not do: refused.
 * Units and people already given it are left as they are.
 */
export async function grantDocument(client: pg.PoolClient, grant: DocumentGrant, at: Date = new Date()): Promise<GrantOutcome> {
  const { rows } = await client.query<{ restricted: boolean; actor: string }>(
    `SELECT coalesce(g.restricted, false) AS restricted, (SELECT username FROM users WHERE id = $1) AS actor
     FROM documents d LEFT JOIN register_entries e ON e.document_id = d.id LEFT JOIN registers g ON g.id = e.register_id
     WHERE d.id = $2 AND EXISTS (SELECT 1 FROM readable_documents($1) WHERE document_id = $2)
     FOR UPDATE OF d`,
    [grant.actorUserId, grant.documentId],
  );
  const found = rows[0];
  if (!found) return { state: 'refused', reason: 'not_found', message: `No document ${grant.documentId} that this account may see.` };
  if (found.restricted) return { state: 'refused', reason: 'forbidden', message: 'This document is in a restricted register: only the register’s named readers see it, so it cannot be given to others.' };
  const units = [...new Set(grant.units)];
  const users = [...new Set(grant.users)];
  const known = await client.query<{ units: number; users: number }>(
    'SELECT (SELECT count(*)::int FROM units WHERE id = ANY ($1::integer[])) AS units, (SELECT count(*)::int FROM users WHERE id = ANY ($2::integer[]) AND disabled_at IS NULL) AS users',
    [units, users],
  );
  if (known.rows[0]!.units !== units.length || known.rows[0]!.users !== users.length) {
    return { state: 'refused', reason: 'invalid', message: 'A unit or a person named does not exist or is disabled.' };
  }
  const added = await client.query<{ unit_id: number | null; user_id: number | null }>(
    `INSERT INTO document_grants (document_id, unit_id, user_id, granted_by, granted_at)
     SELECT $1, unit_id, user_id, $4, $5 FROM (
       SELECT unnest($2::integer[]) AS unit_id, NULL::integer AS user_id
       UNION ALL
       SELECT NULL, unnest($3::integer[])
     ) AS wanted
     ON CONFLICT DO NOTHING
     RETURNING unit_id, user_id`,
    [grant.documentId, units, users, grant.actorUserId, at],
  );
  const result = {
    units: added.rows.flatMap((row) => (row.unit_id === null ? [] : [row.unit_id])),
    users: added.rows.flatMap((row) => (row.user_id === null ? [] : [row.user_id])),
  };
  if (added.rows.length === 0) return { state: 'applied', added: result };
  await appendAudit(client, { actor: found.actor, action: 'document.shared', subject: `document:${grant.documentId}`, details: result }, at);
  await recordDocumentChanges(client, [grant.documentId]);
  return { state: 'applied', added: result };
}
