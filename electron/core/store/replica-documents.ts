/**
 * The desk's mailboxes in agency mode: the replica's documents (hub_documents, whole
 * `HubDocument`s as the feed brought them) answered in the shapes the standalone mailboxes answer
 * (`documents.list`, `documents.get`, `documents.inboxCounts`), so the same screens show them.
 * The columns filtered and ordered by are read from the JSON by SQLite (migration 220).
 * docs/architecture.md, "The desk in agency mode".
 */
import type { DocumentSummary, Mailbox } from '../../../shared/api/documents.js';
import { TAB_STATES, type InboxCounts } from '../../../shared/domain/inbox-tabs.js';
import type { ArrivalToPresent } from '../../../shared/api/hub-link.js';
import type { HubDocument } from '../../../shared/hub/documents.js';
import type { Db } from './database.js';
import { tabQuery, type InboxFilter } from './documents.js';

const BOX_DIRECTION = { inbox: 'incoming', sent: 'outgoing', drafts: 'draft' } as const satisfies Record<Mailbox, string>;

/** What a list row shows, taken from the whole document (the list does not carry the rest). */
const SUMMARY_KEYS = [
  'id',
  'direction',
  'state',
  'subject',
  'codeNumber',
  'codeNotation',
  'typeName',
  'priority',
  'senderId',
  'senderName',
  'arrivalNumber',
  'attachmentCount',
  'hasPendingRequest',
  'hasConflict',
  'verification',
  'promulgationDate',
  'dueDate',
  'demo',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof DocumentSummary)[];

export function summaryOf(document: HubDocument): DocumentSummary {
  const summary = Object.fromEntries(SUMMARY_KEYS.map((key) => [key, document[key]])) as unknown as DocumentSummary;
  // Only agency mode has internal documents: the row is otherwise exactly the standalone summary.
  return document.internal ? { ...summary, internal: true } : summary;
}

function parsed(json: string): HubDocument {
  return JSON.parse(json) as HubDocument;
}

/** A mailbox (or one tab of the inbox) of the replica, in the standalone mailbox's order. */
export function listReplicaDocuments(db: Db, box: Mailbox, limit: number, offset: number, filter?: InboxFilter): { rows: DocumentSummary[]; total: number } {
  const { where, order, usesToday } = tabQuery(box === 'inbox' && filter ? filter.tab : 'all');
  const params = usesToday ? [BOX_DIRECTION[box], filter!.today] : [BOX_DIRECTION[box]];
  const rows = db.prepare(`SELECT document FROM hub_documents WHERE direction = ? ${where} ORDER BY ${order} LIMIT ? OFFSET ?`).pluck().all(...params, limit, offset) as string[];
  const total = db.prepare(`SELECT count(*) FROM hub_documents WHERE direction = ? ${where}`).pluck().get(...params) as number;
  return { rows: rows.map((json) => summaryOf(parsed(json))), total };
}

/** One document of the replica, or null (never brought, or withdrawn since). */
export function getReplicaDocument(db: Db, id: number): HubDocument | null {
  const json = db.prepare('SELECT document FROM hub_documents WHERE id = ?').pluck().get(id) as string | undefined;
  return json === undefined ? null : parsed(json);
}

/** The draft a `draft.save` under this client key made, once the feed brought it. */
export function replicaDraftIdByClientKey(db: Db, clientKey: string): number | null {
  return (db.prepare('SELECT id FROM hub_documents WHERE client_key = ?').pluck().get(clientKey) as number | undefined) ?? null;
}

/** The inbox's tab counts over the replica: the same tabs and rules as the standalone inbox's. */
export function replicaInboxCounts(db: Db, today: string): InboxCounts {
  const byState = new Map(db.prepare("SELECT state, count(*) FROM hub_documents WHERE direction = 'incoming' GROUP BY state").raw().all() as [string, number][]);
  const sum = (states: readonly string[]) => states.reduce((total, state) => total + (byState.get(state) ?? 0), 0);
  return {
    waiting: sum(TAB_STATES.waiting),
    inProgress: sum(TAB_STATES.inProgress),
    handled: sum(TAB_STATES.handled),
    overdue: db.prepare(`SELECT count(*) FROM hub_documents WHERE direction = 'incoming' ${tabQuery('overdue').where}`).pluck().get(today) as number,
    all: [...byState.values()].reduce((total, n) => total + n, 0),
    requests: db.prepare("SELECT count(*) FROM hub_documents WHERE direction = 'incoming' AND has_request").pluck().get() as number,
  };
}

/** Incoming documents waiting for the clerk in the replica (the tray's number in agency mode). */
export function countReplicaWaiting(db: Db): number {
  return db.prepare(`SELECT count(*) FROM hub_documents WHERE direction = 'incoming' AND state IN (${TAB_STATES.waiting.map(() => '?').join(', ')})`).pluck().get(...TAB_STATES.waiting) as number;
}

/** The documents of the replica with any work item (điều hành): what "Việc của tôi" is read from. */
export function replicaDocumentsWithWork(db: Db): HubDocument[] {
  const rows = db.prepare("SELECT document FROM hub_documents WHERE json_array_length(document, '$.workflow.items') > 0").pluck().all() as string[];
  return rows.map(parsed);
}

/** The replica's drafts submitted to this person for his signature, not signed nor returned yet (his "Chờ ký"). */
export function replicaDraftsAwaiting(db: Db, userId: number): HubDocument[] {
  const rows = db
    .prepare("SELECT document FROM hub_documents WHERE direction = 'draft' AND json_extract(document, '$.signingState') = 'awaiting_leader' AND json_extract(document, '$.signingLeaderId') = ?")
    .pluck()
    .all(userId) as string[];
  return rows.map(parsed);
}

/** Registered arrivals never presented to a leader, the more urgent first: what waits for the clerk's "Trình lãnh đạo". */
export function replicaArrivalsToPresent(db: Db, limit: number): ArrivalToPresent[] {
  const rows = db
    .prepare(
      `SELECT id, json_extract(document, '$.subject') AS subject, priority, json_extract(document, '$.arrivalNumber') AS arrivalNumber FROM hub_documents
        WHERE direction = 'incoming' AND state = 'accepted' AND json_extract(document, '$.workflow.presentedAt') IS NULL
        ORDER BY priority DESC, id LIMIT ?`,
    )
    .all(limit) as { id: number; subject: string; priority: number; arrivalNumber: number | null }[];
  return rows.map(({ id, ...row }) => ({ documentId: id, ...row }));
}
