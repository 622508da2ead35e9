/**
 * Documents and their attachments as lists and details. Blobs are written before the
 * transaction that names them (BlobStore's rule), so a row never points at a file that is not
 * on disk.
 */
import type {
  AttachmentInfo,
  DocumentDetail,
  DocumentDirection,
  DocumentLink,
  DocumentVerdict,
  DocumentState,
  DocumentSummary,
  Mailbox,
  PendingRequest,
  ReceivedHeaderFields,
  SigningState,
  RecipientState,
  RecipientStatus,
  TimelineEntry,
} from '../../../shared/api/documents.js';
import type { DraftChanges } from '../../../shared/api/draft-field-schema.js';
import { DRAFT_FIELD_SPECS, DRAFT_FIELDS } from '../../../shared/api/draft-fields.js';
import { sanitizeAttachmentName } from '../../../shared/edxml/attachment-name.js';
import { appendAudit } from './audit-log.js';
import { heldStatusOf } from './outbox.js';
import { cachedStatement, writeTransaction, type Db } from './database.js';
import { TAB_STATES, UNFINISHED_STATES, type InboxCounts, type InboxTab } from '../../../shared/domain/inbox-tabs.js';
import { openConflicts } from './conflicts.js';
import type { ContentColumns } from './received-content.js';
import { metadataOf, summaryFieldsOf } from './document-metadata.js';

/** A document's row: its content columns (received-content.ts, what a package fills) and the rest. */
export interface DocumentRow extends ContentColumns {
  id: number;
  direction: DocumentDirection;
  state: DocumentState;
  edxml_document_id: string | null;
  sender_id: string | null;
  axis_doc_id: string | null;
  package_sha256: string | null;
  arrival_number: number | null;
  received_at: string | null;
  revoked_at: string | null;
  revoke_reason: string | null;
  replaces_id: number | null;
  signing_state: SigningState;
  /** The register whose number the document carries (register_year, register_number beside it). */
  register_id: number | null;
  /** JSON array of the printed "Nơi nhận" lines. */
  to_places: string;
  /** JSON ReceivedHeaderFields of a received document; null for documents written here. */
  header_fields: string | null;
  demo: 0 | 1;
  leader_comment: string | null;
  created_at: string;
  updated_at: string;
}

export interface ListedRow extends DocumentRow {
  attachment_count: number;
  has_request: number;
  has_conflict: number;
  verification_indication: DocumentVerdict['indication'] | null;
  verification_sub_indication: DocumentVerdict['subIndication'];
}

interface AttachmentRecord {
  id: number;
  document_id: number;
  position: number;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
}

const BOX_DIRECTION: Record<Mailbox, DocumentDirection> = { inbox: 'incoming', sent: 'outgoing', drafts: 'draft' };

export const LISTED_COLUMNS = `documents.*,
  (SELECT count(*) FROM attachments WHERE attachments.document_id = documents.id) AS attachment_count,
  EXISTS (SELECT 1 FROM pending_requests WHERE pending_requests.document_id = documents.id) AS has_request,
  EXISTS (SELECT 1 FROM document_conflicts WHERE document_conflicts.document_id = documents.id AND document_conflicts.decision IS NULL) AS has_conflict,
  (SELECT indication FROM document_verifications WHERE document_verifications.document_id = documents.id) AS verification_indication,
  (SELECT sub_indication FROM document_verifications WHERE document_verifications.document_id = documents.id) AS verification_sub_indication`;

export const toSummary = (row: ListedRow): DocumentSummary => ({
  ...summaryFieldsOf(row),
  attachmentCount: row.attachment_count,
  hasPendingRequest: row.has_request === 1,
  hasConflict: row.has_conflict === 1,
  verification: row.verification_indication ? { indication: row.verification_indication, subIndication: row.verification_sub_indication } : null,
  demo: row.demo === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const toAttachment = (row: AttachmentRecord): AttachmentInfo => ({
  id: row.id,
  documentId: row.document_id,
  // Rows stored before a rule was added to the sanitizer (bidi controls) show and save safely too.
  name: sanitizeAttachmentName(row.name, row.position),
  contentType: row.content_type,
  size: row.size,
  sha256: row.sha256,
});

export function createDraft(db: Db, input: { subject: string; summary: string }, actor: string, now: Date = new Date()): number {
  return writeTransaction(db, () => {
    const at = now.toISOString();
    const id = Number(
      db
        .prepare("INSERT INTO documents (direction, subject, summary, state, created_at, updated_at) VALUES ('draft', ?, ?, 'editing', ?, ?)")
        .run(input.subject, input.summary, at, at).lastInsertRowid,
    );
    appendAudit(db, { actor, action: 'draft.create', subject: `document:${id}`, details: { subject: input.subject } }, now);
    return id;
  });
}


/** Changes the fields given. Returns false when the document is not a draft (any more). */
export function updateDraft(db: Db, id: number, fields: DraftChanges, actor: string, now: Date = new Date()): boolean {
  const entries = DRAFT_FIELDS.filter((name) => fields[name] !== undefined).map((name) => {
    const value = fields[name];
    return [name, Array.isArray(value) ? JSON.stringify(value) : value] as const;
  });
  return writeTransaction(db, () => {
    // Once submitted for signing the content is what the leader signs: no more edits.
    const row = db.prepare("SELECT id FROM documents WHERE id = ? AND direction = 'draft' AND signing_state = 'none'").get(id);
    if (!row) return false;
    if (entries.length === 0) return true;
    const sets = entries.map(([name]) => `${DRAFT_FIELD_SPECS[name].column} = ?`).join(', ');
    db.prepare(`UPDATE documents SET ${sets}, updated_at = ? WHERE id = ?`).run(...entries.map(([, value]) => value), now.toISOString(), id);
    appendAudit(db, { actor, action: 'draft.update', subject: `document:${id}`, details: { fields: entries.map(([key]) => key) } }, now);
    return true;
  });
}

/** A tab of the inbox, with `today` (Vietnam) for "overdue". */
export interface InboxFilter {
  tab: InboxTab;
  today: string;
}

const quoted = (states: readonly string[]) => states.map((state) => `'${state}'`).join(', ');

/**
 * The WHERE (after direction) and ORDER BY of an inbox tab: overdue documents longest overdue first.
 * Its column names are also the replica's (migration 220), whose inbox has the same tabs.
 */
export function tabQuery(tab: InboxTab): { where: string; order: string; usesToday: boolean } {
  const usual = 'priority DESC, updated_at DESC, id DESC';
  switch (tab) {
    case 'all':
      return { where: '', order: usual, usesToday: false };
    case 'overdue':
      return { where: `AND state IN (${quoted(UNFINISHED_STATES)}) AND due_date IS NOT NULL AND due_date < ?`, order: 'due_date, priority DESC, id', usesToday: true };
    default:
      return { where: `AND state IN (${quoted(TAB_STATES[tab])})`, order: usual, usesToday: false };
  }
}

/** A mailbox (or one tab of the inbox), urgent documents first, then the most recently changed. */
export function listDocuments(db: Db, box: Mailbox, limit: number, offset: number, filter?: InboxFilter): { rows: DocumentSummary[]; total: number } {
  const direction = BOX_DIRECTION[box];
  const { where, order, usesToday } = tabQuery(box === 'inbox' && filter ? filter.tab : 'all');
  const params = usesToday ? [direction, filter!.today] : [direction];
  const rows = db.prepare(`SELECT ${LISTED_COLUMNS} FROM documents WHERE direction = ? ${where} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...params, limit, offset) as ListedRow[];
  const { total } = db.prepare(`SELECT count(*) AS total FROM documents WHERE direction = ? ${where}`).get(...params) as { total: number };
  return { rows: rows.map(toSummary), total };
}

/** How many incoming documents each tab holds, and the requests waiting for an answer. */
export function inboxCounts(db: Db, today: string): InboxCounts {
  const byState = new Map(
    (db.prepare("SELECT state, count(*) AS n FROM documents WHERE direction = 'incoming' GROUP BY state").all() as { state: DocumentState; n: number }[]).map((row) => [row.state, row.n]),
  );
  const sum = (states: readonly DocumentState[]) => states.reduce((total, state) => total + (byState.get(state) ?? 0), 0);
  const overdue = tabQuery('overdue');
  return {
    waiting: countWaitingIncoming(db),
    inProgress: sum(TAB_STATES.inProgress),
    handled: sum(TAB_STATES.handled),
    overdue: (db.prepare(`SELECT count(*) AS n FROM documents WHERE direction = 'incoming' ${overdue.where}`).get(today) as { n: number }).n,
    all: [...byState.values()].reduce((total, n) => total + n, 0),
    requests: (db.prepare("SELECT count(*) AS n FROM pending_requests JOIN documents ON documents.id = pending_requests.document_id WHERE documents.direction = 'incoming'").get() as { n: number }).n,
  };
}

/**
 * The waiting incoming documents, demo ones left out: after a switch from demo to a real axis
 * that kept the demo's documents (read-only, marked `demo`), nothing can be done with them, so
 * they must not keep the tray badge up. Written out here rather than taken from the migration
 * that made the index (migrations are history and never change); migrations.test.ts checks that
 * the migrated index still answers exactly this.
 */
export const WAITING_INCOMING_WHERE = "direction = 'incoming' AND state = 'arrived' AND demo = 0";

/**
 * Incoming documents the clerk has not handled yet: arrived, neither accepted nor returned (a
 * revoked one needs nothing more, a demo one kept after the switch to a real axis cannot be). The tray and taskbar badge show this number. The partial
 * index of migration 100 answers it from the waiting documents alone; INDEXED BY, because without
 * statistics the planner may take documents_by_box and read every incoming row (and a WHERE that
 * drifted from the index's would fail loudly instead of slowly).
 */
export function countWaitingIncoming(db: Db): number {
  return (cachedStatement(db, `SELECT count(*) AS n FROM documents INDEXED BY documents_waiting WHERE ${WAITING_INCOMING_WHERE}`).get() as { n: number }).n;
}

export function getDocumentRow(db: Db, id: number): DocumentRow | null {
  return (db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined) ?? null;
}

export function listAttachments(db: Db, documentId: number): AttachmentInfo[] {
  return (db.prepare('SELECT * FROM attachments WHERE document_id = ? ORDER BY position').all(documentId) as AttachmentRecord[]).map(toAttachment);
}

function link(db: Db, where: string, value: number): DocumentLink | null {
  const row = db.prepare(`SELECT id, subject, code_number, code_notation FROM documents WHERE ${where} = ? LIMIT 1`).get(value) as
    | { id: number; subject: string; code_number: string | null; code_notation: string | null }
    | undefined;
  return row ? { id: row.id, subject: row.subject, codeNumber: row.code_number ?? '', codeNotation: row.code_notation ?? '' } : null;
}

/** The document sent from here that a received one answers: the first its ResponseFor names that this desk sent. */
function answeredHere(db: Db, headerFields: string | null): DocumentLink | null {
  if (headerFields === null) return null;
  const ids = (JSON.parse(headerFields) as ReceivedHeaderFields).responseFor.map((answered) => answered.documentId).filter(Boolean);
  for (const edxmlId of ids) {
    const row = db.prepare("SELECT id FROM documents WHERE direction = 'outgoing' AND edxml_document_id = ? ORDER BY id LIMIT 1").pluck().get(edxmlId) as number | undefined;
    if (row !== undefined) return link(db, 'id', row);
  }
  return null;
}

export function getDocument(db: Db, id: number): DocumentDetail | null {
  const row = db.prepare(`SELECT ${LISTED_COLUMNS} FROM documents WHERE id = ?`).get(id) as ListedRow | undefined;
  if (!row) return null;
  const agencyName = (agencyId: string) => (db.prepare('SELECT name FROM agencies WHERE id = ?').get(agencyId) as { name: string } | undefined)?.name ?? null;
  const recipients = (
    db.prepare('SELECT * FROM recipient_statuses WHERE document_id = ? ORDER BY recipient_id').all(id) as {
      recipient_id: string;
      state: RecipientState;
      status_code: string | null;
      description: string | null;
      updated_at: string;
    }[]
  ).map(
    (r): RecipientStatus => ({
      agencyId: r.recipient_id,
      agencyName: agencyName(r.recipient_id),
      state: r.state,
      statusCode: r.status_code,
      description: r.description,
      updatedAt: r.updated_at,
    }),
  );
  const timeline = (
    db.prepare('SELECT * FROM status_events WHERE document_id = ? ORDER BY occurred_at DESC, id DESC').all(id) as {
      agency_id: string;
      direction: 'in' | 'out';
      status_code: string;
      description: string | null;
      internal_note: string | null;
      occurred_at: string;
    }[]
  ).map(
    (e): TimelineEntry => ({
      at: e.occurred_at,
      agencyId: e.agency_id,
      agencyName: agencyName(e.agency_id),
      direction: e.direction,
      statusCode: e.status_code,
      description: e.description,
      internalNote: e.internal_note,
    }),
  );
  const heldStatus = heldStatusOf(db, id, new Date().toISOString());
  const request = db.prepare('SELECT * FROM pending_requests WHERE document_id = ?').get(id) as
    | { kind: PendingRequest['kind']; reason: string; received_at: string; replacement_id: number | null }
    | undefined;
  return {
    ...toSummary(row),
    metadata: metadataOf(row),
    attachments: listAttachments(db, id),
    recipients,
    timeline,
    pendingRequest: request ? { kind: request.kind, reason: request.reason, receivedAt: request.received_at, replacementId: request.replacement_id } : null,
    conflicts: openConflicts(db, id).map((conflict) => {
      const version = { ...row, ...conflict.content.columns };
      return { id: conflict.id, axisDocId: conflict.axisDocId, receivedAt: conflict.receivedAt, senderName: version.sender_name, metadata: metadataOf(version), attachments: conflict.content.attachments };
    }),
    replaces: row.replaces_id === null ? null : link(db, 'id', row.replaces_id),
    replacedBy: link(db, 'replaces_id', row.id),
    answers: answeredHere(db, row.header_fields),
    revokedAt: row.revoked_at,
    revokeReason: row.revoke_reason,
    edxmlDocumentId: row.edxml_document_id,
    signingState: row.signing_state,
    heldStatus: heldStatus ? { code: heldStatus.purpose.replace(/^status:/, ''), until: heldStatus.next_attempt_at } : null,
    leaderComment: row.leader_comment,
    headerFields: row.header_fields === null ? null : (JSON.parse(row.header_fields) as ReceivedHeaderFields),
  };
}

export function getAttachment(db: Db, id: number): AttachmentInfo | null {
  const row = db.prepare('SELECT * FROM attachments WHERE id = ?').get(id) as AttachmentRecord | undefined;
  return row ? toAttachment(row) : null;
}

export interface NewAttachment {
  documentId: number;
  name: string;
  contentType: string;
  sha256: string;
  size: number;
}

/** Inserts attachment rows whose blobs are already durable; call inside a write transaction. */
export function insertAttachments(db: Db, attachments: readonly NewAttachment[], at: string): AttachmentInfo[] {
  const nextPosition = cachedStatement(db, 'SELECT coalesce(max(position), 0) + 1 AS next FROM attachments WHERE document_id = ?');
  const insert = cachedStatement(db, 'INSERT INTO attachments (document_id, position, name, content_type, size, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const firstVersion = cachedStatement(db, "INSERT INTO attachment_versions (attachment_id, version, sha256, size, step, created_at) VALUES (?, 1, ?, ?, 'original', ?)");
  return attachments.map((input) => {
    const { next } = nextPosition.get(input.documentId) as { next: number };
    const id = Number(insert.run(input.documentId, next, input.name, input.contentType, input.size, input.sha256, at).lastInsertRowid);
    firstVersion.run(id, input.sha256, input.size, at);
    return { id, documentId: input.documentId, name: input.name, contentType: input.contentType, size: input.size, sha256: input.sha256 };
  });
}

/** Adds an attachment to a draft. Returns null when the document is not a draft (any more). */
export function addAttachment(db: Db, input: NewAttachment, actor: string, now: Date = new Date()): AttachmentInfo | null {
  return writeTransaction(db, () => {
    const owner = db.prepare("SELECT id FROM documents WHERE id = ? AND direction = 'draft' AND signing_state = 'none'").get(input.documentId);
    if (!owner) return null;
    const at = now.toISOString();
    const [attachment] = insertAttachments(db, [input], at);
    db.prepare('UPDATE documents SET updated_at = ? WHERE id = ?').run(at, input.documentId);
    appendAudit(
      db,
      { actor, action: 'attachment.add', subject: `document:${input.documentId}`, details: { name: input.name, sha256: input.sha256, size: input.size } },
      now,
    );
    return attachment!;
  });
}

/** 'reopened': the file from before "Trình ký", again, after the draft was returned or withdrawn. */
export type AttachmentStep = 'fields' | 'leader' | 'agency' | 'reopened';

/**
 * Points an attachment at a new version of its file (a signed PDF: an incremental update of the
 * previous one); the earlier versions stay listed in attachment_versions. Call inside a write
 * transaction, with the blob already durable.
 */
export function addAttachmentVersion(db: Db, attachmentId: number, blob: { sha256: string; size: number }, step: AttachmentStep, at: string): void {
  const { next } = db.prepare('SELECT coalesce(max(version), 0) + 1 AS next FROM attachment_versions WHERE attachment_id = ?').get(attachmentId) as { next: number };
  db.prepare('INSERT INTO attachment_versions (attachment_id, version, sha256, size, step, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(attachmentId, next, blob.sha256, blob.size, step, at);
  db.prepare('UPDATE attachments SET sha256 = ?, size = ? WHERE id = ?').run(blob.sha256, blob.size, attachmentId);
}
