/**
 * Where the desk's mailboxes come from: the standalone tables, or in agency mode (a desk linked to
 * an agency server) the replica the server's feed fills. Decided here only, so every screen asks
 * the same calls either way. docs/architecture.md, "The desk in agency mode".
 */
import type { DocumentDetail, DocumentSummary, Mailbox } from '../../../shared/api/documents.js';
import type { InboxCounts } from '../../../shared/domain/inbox-tabs.js';
import { countWaitingIncoming, getDocument, inboxCounts, listDocuments, type InboxFilter } from '../store/documents.js';
import { readHubLink } from '../store/hub-replica.js';
import { countReplicaWaiting, getReplicaDocument, listReplicaDocuments, replicaInboxCounts } from '../store/replica-documents.js';
import type { Db } from '../store/database.js';

export interface DocumentSource {
  list(box: Mailbox, limit: number, offset: number, filter?: InboxFilter): { rows: DocumentSummary[]; total: number };
  get(id: number): DocumentDetail | null;
  inboxCounts(today: string): InboxCounts;
  /** Incoming documents waiting for the clerk: the tray's and the taskbar's number. */
  waiting(): number;
}

/** A desk linked to an agency server (signed in, or signed out showing only the sign-in form) shows the server's documents. */
export function isAgencyDesk(db: Db): boolean {
  return readHubLink(db) !== null;
}

export function documentSource(db: Db): DocumentSource {
  if (isAgencyDesk(db)) {
    return {
      list: (box, limit, offset, filter) => listReplicaDocuments(db, box, limit, offset, filter),
      get: (id) => getReplicaDocument(db, id),
      inboxCounts: (today) => replicaInboxCounts(db, today),
      waiting: () => countReplicaWaiting(db),
    };
  }
  return {
    list: (box, limit, offset, filter) => listDocuments(db, box, limit, offset, filter),
    get: (id) => getDocument(db, id),
    inboxCounts: (today) => inboxCounts(db, today),
    waiting: () => countWaitingIncoming(db),
  };
}
