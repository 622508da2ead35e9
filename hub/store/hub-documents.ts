/**
 * The HubDocument read model (shared/hub/documents.ts): a document as the desktop's detail shows
 * it, built from the hub's tables (migrations 030, 050, 070, 140) for many documents at once, one
 * query per part. It decides nothing about who may see what: callers pass ids that
 * document-access.ts allowed.
 */
import type { PendingRequest, ReceivedHeaderFields, RecipientState, TimelineEntry } from '../../shared/api/documents.js';
import { sanitizeAttachmentName } from '../../shared/edxml/attachment-name.js';
import type { HubDocument } from '../../shared/hub/documents.js';
import { NO_WORKFLOW } from '../../shared/hub/workflow.js';
import { metadataOf, summaryFieldsOf, type MetadataColumns, type SummaryColumns } from '../../electron/core/store/document-metadata.js';
import type { ReceivedContent } from '../../electron/core/store/received-content.js';
import type { Queryable } from './database.js';
import { readWorkflows } from './workflow.js';

interface DocumentRow extends MetadataColumns, SummaryColumns {
  edxml_document_id: string | null;
  demo: boolean;
  header_fields: string | null;
  signing_state: HubDocument['signingState'];
  leader_comment: string | null;
  revoked_at: Date | null;
  revoke_reason: string | null;
  replaces_id: number | null;
  answers_id: number | null;
  signing_leader_id: number | null;
  created_at: Date;
  updated_at: Date;
  register_code: string | null;
  replaced_by: number | null;
  client_key: string | null;
  internal: boolean;
}

const iso = (at: Date | null): string | null => (at === null ? null : at.toISOString());

/** Groups rows by their document, each group in the order the query gave. */
function byDocument<T extends { document_id: number }>(rows: T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) groups.set(row.document_id, [...(groups.get(row.document_id) ?? []), row]);
  return groups;
}

/** The documents of `ids` that exist, in the order of `ids`. */
export async function readHubDocuments(db: Queryable, ids: readonly number[], now: Date = new Date()): Promise<HubDocument[]> {
  if (ids.length === 0) return [];
  const list = [...ids];
  // One after another: `db` may be a transaction's one connection (the snapshot's).
  const documents = await db.query<DocumentRow>(
    `SELECT d.*, g.code AS register_code, (SELECT min(r.id) FROM documents r WHERE r.replaces_id = d.id) AS replaced_by
     FROM documents d LEFT JOIN register_entries e ON e.document_id = d.id LEFT JOIN registers g ON g.id = e.register_id
     WHERE d.id = ANY ($1::integer[])`,
    [list],
  );
  const attachments = await db.query<{ id: number; document_id: number; position: number; name: string; content_type: string; size: string; sha256: string }>(
    'SELECT id, document_id, position, name, content_type, size, sha256 FROM attachments WHERE document_id = ANY ($1::integer[]) ORDER BY document_id, position',
    [list],
  );
  const recipients = await db.query<{ document_id: number; recipient_id: string; agency_name: string | null; state: RecipientState; status_code: string | null; description: string | null; updated_at: Date }>(
    // An internal document's recipients are units of the agency (internal-documents.ts), named as the directory names them.
    `SELECT r.document_id, r.recipient_id, coalesce(a.name, u.name) AS agency_name, r.state, r.status_code, r.description, r.updated_at
     FROM recipient_statuses r LEFT JOIN agencies a ON a.id = r.recipient_id LEFT JOIN units u ON r.recipient_id = 'unit:' || u.id WHERE r.document_id = ANY ($1::integer[]) ORDER BY r.document_id, r.recipient_id`,
    [list],
  );
  const events = await db.query<{ document_id: number; agency_id: string; agency_name: string | null; direction: 'in' | 'out'; status_code: string; description: string | null; internal_note: string | null; occurred_at: Date }>(
    `SELECT e.document_id, e.agency_id, a.name AS agency_name, e.direction, e.status_code, e.description, e.internal_note, e.occurred_at
     FROM status_events e LEFT JOIN agencies a ON a.id = e.agency_id WHERE e.document_id = ANY ($1::integer[]) ORDER BY e.document_id, e.occurred_at DESC, e.id DESC`,
    [list],
  );
  const requests = await db.query<{ document_id: number; kind: PendingRequest['kind']; reason: string; received_at: Date; replacement_id: number | null }>(
    'SELECT document_id, kind, reason, received_at, replacement_id FROM pending_requests WHERE document_id = ANY ($1::integer[])',
    [list],
  );
  const conflicts = await db.query<{ document_id: number; id: number; axis_doc_id: string; received_at: Date; content: ReceivedContent }>(
    'SELECT document_id, id, axis_doc_id, received_at, content FROM document_conflicts WHERE document_id = ANY ($1::integer[]) AND decision IS NULL ORDER BY document_id, id',
    [list],
  );
  const grants = await db.query<{ document_id: number; unit_id: number | null; user_id: number | null }>(
    'SELECT document_id, unit_id, user_id FROM document_grants WHERE document_id = ANY ($1::integer[]) ORDER BY document_id, id',
    [list],
  );
  // A handling status the clerk may still undo: the newest one queued and held back.
  const held = await db.query<{ document_id: number; purpose: string; next_attempt_at: Date }>(
    `SELECT DISTINCT ON (document_id) document_id, purpose, next_attempt_at FROM outbox
     WHERE document_id = ANY ($1::integer[]) AND message_type = 'status' AND state = 'queued' AND next_attempt_at > $2
     ORDER BY document_id, id DESC`,
    [list, now],
  );
  const links = await db.query<{ id: number; subject: string; code_number: string | null; code_notation: string | null }>(
    // Two index lookups (the primary key, migration 120's replaces_id): one WHERE with OR read every document.
    `SELECT id, subject, code_number, code_notation FROM documents WHERE id IN (SELECT replaces_id FROM documents WHERE id = ANY ($1::integer[]))
     UNION
     SELECT id, subject, code_number, code_notation FROM documents WHERE replaces_id = ANY ($1::integer[])`,
    [list],
  );
  const answered = await db.query<{ id: number; subject: string; code_number: string | null; code_notation: string | null }>(
    'SELECT id, subject, code_number, code_notation FROM documents WHERE id IN (SELECT answers_id FROM documents WHERE id = ANY ($1::integer[]))',
    [list],
  );
  const workflows = await readWorkflows(db, list);
  const attachmentsOf = byDocument(attachments.rows);
  const recipientsOf = byDocument(recipients.rows);
  const eventsOf = byDocument(events.rows);
  const conflictsOf = byDocument(conflicts.rows);
  const grantsOf = byDocument(grants.rows);
  const requestOf = new Map(requests.rows.map((row) => [row.document_id, row]));
  const heldOf = new Map(held.rows.map((row) => [row.document_id, row]));
  const linkTo = new Map([...links.rows, ...answered.rows].map((row) => [row.id, { id: row.id, subject: row.subject, codeNumber: row.code_number ?? '', codeNotation: row.code_notation ?? '' }]));
  const rowOf = new Map(documents.rows.map((row) => [row.id, row]));

  return list.flatMap((id): HubDocument[] => {
    const row = rowOf.get(id);
    if (!row) return [];
    const request = requestOf.get(id);
    const heldStatus = heldOf.get(id);
    const openConflicts = conflictsOf.get(id) ?? [];
    const documentGrants = grantsOf.get(id) ?? [];
    const files = attachmentsOf.get(id) ?? [];
    return [
      {
        ...summaryFieldsOf(row),
        attachmentCount: files.length,
        hasPendingRequest: request !== undefined,
        hasConflict: openConflicts.length > 0,
        // The hub does not verify signatures yet; the desk shows "not verified yet".
        verification: null,
        demo: row.demo,
        createdAt: row.created_at.toISOString(),
        updatedAt: row.updated_at.toISOString(),
        metadata: metadataOf(row),
        attachments: files.map((file) => ({
          id: file.id,
          documentId: id,
          name: sanitizeAttachmentName(file.name, file.position),
          contentType: file.content_type,
          size: Number(file.size),
          sha256: file.sha256,
        })),
        recipients: (recipientsOf.get(id) ?? []).map((r) => ({
          agencyId: r.recipient_id,
          agencyName: r.agency_name,
          state: r.state,
          statusCode: r.status_code,
          description: r.description,
          updatedAt: r.updated_at.toISOString(),
        })),
        timeline: (eventsOf.get(id) ?? []).map(
          (e): TimelineEntry => ({
            at: e.occurred_at.toISOString(),
            agencyId: e.agency_id,
            agencyName: e.agency_name,
            direction: e.direction,
            statusCode: e.status_code,
            description: e.description,
            internalNote: e.internal_note,
          }),
        ),
        pendingRequest: request ? { kind: request.kind, reason: request.reason, receivedAt: request.received_at.toISOString(), replacementId: request.replacement_id } : null,
        conflicts: openConflicts.map((conflict) => {
          const version = { ...row, ...conflict.content.columns };
          return { id: conflict.id, axisDocId: conflict.axis_doc_id, receivedAt: conflict.received_at.toISOString(), senderName: version.sender_name, metadata: metadataOf(version), attachments: conflict.content.attachments };
        }),
        replaces: row.replaces_id === null ? null : (linkTo.get(row.replaces_id) ?? null),
        replacedBy: row.replaced_by === null ? null : (linkTo.get(row.replaced_by) ?? null),
        revokedAt: iso(row.revoked_at),
        revokeReason: row.revoke_reason,
        edxmlDocumentId: row.edxml_document_id,
        signingState: row.signing_state,
        heldStatus: heldStatus ? { code: heldStatus.purpose.replace(/^status:/, ''), until: heldStatus.next_attempt_at.toISOString() } : null,
        leaderComment: row.leader_comment,
        headerFields: row.header_fields === null ? null : (JSON.parse(row.header_fields) as ReceivedHeaderFields),
        // A draft made by a desk's draft.save carries its key, so that the desk finds the draft it queued; arrivals have none.
        clientKey: row.client_key,
        registerCode: row.register_code,
        internal: row.internal,
        sharedWith: {
          units: documentGrants.flatMap((grant) => (grant.unit_id === null ? [] : [grant.unit_id])),
          users: documentGrants.flatMap((grant) => (grant.user_id === null ? [] : [grant.user_id])),
        },
        answers: row.answers_id === null ? null : (linkTo.get(row.answers_id) ?? null),
        signingLeaderId: row.signing_leader_id,
        workflow: workflows.get(id) ?? NO_WORKFLOW,
      },
    ];
  });
}
