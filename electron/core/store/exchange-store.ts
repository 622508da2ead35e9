/**
 * The store the exchange domain stands on, as interfaces: documents moving through their states,
 * the outbox, gap-free register numbers, inbound packages, status events, received content
 * (conflicts, revisions, senders' requests, quarantine), the delivery trace, the agency directory
 * and the sync process's own state, and the audit log. The whole of electron/core/exchange/ runs
 * on it and on nothing else of the store (docs/architecture.md, "Store interfaces"). This
 * module names no database: the SQLite implementation (sqlite-exchange-store.ts) and a PostgreSQL
 * one (the agency hub) both implement it, and both must pass the same contract suite
 * (exchange-store-contract.ts). Everything is async, because a PostgreSQL client is.
 *
 * Transactions are part of the interface: a register number is taken inside the caller's write
 * transaction, together with the row that carries it, so a rolled-back step leaves no gap and two
 * writers never take the same number. *
 * Times are UTC ISO strings as Date.prototype.toISOString writes them ('2026-06-01T03:00:00.000Z'),
 * given so and read back so: a store may keep them as instants (PostgreSQL's timestamptz) and
 * write them back in that form, so a time given in another form need not come back verbatim.
 */
import type { DocumentState, RecipientState, RequestKind } from '../../../shared/api/documents.js';
import type { QuarantineReason } from '../../../shared/api/quarantine-reasons.js';
import type { RegisterDirection } from '../../../shared/api/registers.js';
import type { Agency } from '../../../shared/domain/agency.js';
import type { AuditEntry } from './audit-chain.js';
import type { ContentColumns, ReceivedContent, ReceivedFile } from './received-content.js';

export interface ExchangeStore {
  /**
   * Runs `work` as one write transaction, begun holding the write lock (SQLite: BEGIN IMMEDIATE;
   * PostgreSQL: one client, BEGIN … COMMIT): everything it does through `tx` commits together
   * when it resolves, and nothing does when it rejects (the rejection is passed on). Write
   * transactions of one store run one at a time. `work` awaits only `tx`'s methods: packages,
   * blobs and network calls come before or after it.
   */
  write<T>(work: (tx: ExchangeTransaction) => Promise<T>): Promise<T>;
  /** Reads outside a write transaction (what the clerk's lists and the sync rounds look at). */
  read: ExchangeReads;
}

export interface ExchangeReads {
  document(id: number): Promise<StoredDocument | null>;
  findIncomingId(senderId: string, edxmlDocumentId: string): Promise<number | null>;
  findOutgoingId(edxmlDocumentId: string): Promise<number | null>;
  inbound(axisDocId: string): Promise<InboundRecord | null>;
  /** Packages whose turn has come at `now`, oldest first. */
  dueOutbox(now: string, limit: number): Promise<OutboxEntry[]>;
  outboxEntry(id: number): Promise<OutboxEntry | null>;
  /** The document's timeline, oldest first. */
  statusEvents(documentId: number): Promise<StatusEventRecord[]>;
  recipientState(documentId: number, recipientId: string): Promise<RecipientState | null>;
  /** The register numbers are taken from: the one asked for (open, of that direction) or the direction's default. */
  registerForNumbering(direction: RegisterDirection, id?: number): Promise<RegisterRef | null>;
  auditRows(): Promise<number>;

  // --- Receiving, again and in quarantine ---
  /** What the document holds now as content (its package's columns and its attachments, in order); null when there is no such document. */
  receivedContent(documentId: number): Promise<ReceivedContent | null>;
  /** Whether a version of the document with this content fingerprint was received before, whatever the clerk decided on it. */
  isKnownVersion(documentId: number, fingerprint: string): Promise<boolean>;
  /** Quarantined packages the clerk asked to retry, oldest first. */
  retryingQuarantine(): Promise<RetryingPackage[]>;
  /** The quarantine item of an axis package, whatever its state; null when it is not (or no longer) in quarantine. */
  quarantined(axisDocId: string): Promise<QuarantinedPackage | null>;
  /** The sender's request waiting for the clerk's answer on the document; null when none waits. */
  pendingRequest(documentId: number): Promise<SenderRequest | null>;
  /** The revisions kept of the document (what it held before each change of content), oldest first. */
  revisions(documentId: number): Promise<{ reason: string; revisedAt: string }[]>;

  // --- The agency directory (package headers name agencies as it does) ---
  /** The directory's entry for an axis id; null when the directory does not know it. */
  agency(id: string): Promise<Agency | null>;
  /** A value the sync process keeps between runs (a cursor such as the directory's version); null when never set. */
  syncState<T>(key: string): Promise<T | null>;

  // --- The outbox as the sync engine watches it ---
  /** Packages the axis has not taken (any state but sent, failed ones included): the queue length the status bar shows. */
  pendingOutboxCount(): Promise<number>;
  /** The earliest time a package waiting for its time (on its own back-off, or a held status) becomes due; null when none waits. */
  nextOutboxAttemptAt(): Promise<string | null>;

  // --- Delivery trace (the axis's record of what we sent) ---
  /** Sent documents some recipient has not confirmed yet, least recently traced first. */
  documentsAwaitingDelivery(limit: number): Promise<{ id: number; axisDocId: string }[]>;
  /** A recipient's state and the note beside it; null when it is no recipient of the document. */
  recipientStatus(documentId: number, recipientId: string): Promise<{ state: RecipientState; description: string | null } | null>;
}

export interface ExchangeTransaction extends ExchangeReads {
  createDraft(subject: string, at: string): Promise<number>;
  /** A received document's row and its attachment rows (their blobs are durable already). */
  insertReceived(document: ReceivedDocument, at: string): Promise<number>;
  /** The draft leaves as an outgoing document queued for the axis. False when it is no draft any more. */
  queueDraftForSending(id: number, sent: { edxmlDocumentId: string; promulgationDate: string; senderId: string; packageSha256: string }, at: string): Promise<boolean>;
  /** The axis took the document package (from queued or failed). */
  markDocumentSent(id: number, axisDocId: string, at: string): Promise<void>;
  markDocumentFailed(id: number, at: string): Promise<void>;
  setHandlingState(id: number, state: DocumentState, arrivalNumber: number | null, at: string): Promise<void>;
  /**
   * Takes the register's next number for the document (gap-free, from 1 each year in Vietnam
   * time) and records the document's place in the register. Only inside a write transaction.
   * A document takes one number: one in a register already, or no document at all, is refused
   * (the promise rejects, and no number is taken).
   */
  enterInRegister(documentId: number, register: RegisterRef, now: Date): Promise<number>;
  enqueueOutbox(entry: NewOutbox, at: string): Promise<number>;
  setOutboxState(id: number, change: OutboxChange, at: string): Promise<void>;
  recordInbound(record: Omit<InboundRecord, 'acknowledgedAt'>, at: string): Promise<void>;
  markAcknowledged(axisDocIds: readonly string[], at: string): Promise<void>;
  /** False when an event of that axis package was recorded already. */
  recordStatusEvent(event: StatusEventRecord): Promise<boolean>;
  insertRecipients(documentId: number, recipients: readonly string[], state: RecipientState, at: string): Promise<void>;
  /** Every recipient of the document at `from` moves to `to` (the package reached the axis). */
  setRecipientsState(documentId: number, from: RecipientState, to: RecipientState, at: string): Promise<void>;
  /** Applies a recipient's status to its row, moving it forward only. False when it is no recipient of the document. */
  applyRecipientStatus(documentId: number, recipientId: string, code: string, description: string | null, at: string): Promise<boolean>;
  appendAudit(entry: AuditEntry, at: Date): Promise<void>;

  // --- Receiving ---
  /** Attachment rows added to the document, in the order given (their blobs are durable already). */
  insertAttachments(documentId: number, files: readonly ReceivedFile[], at: string): Promise<void>;
  /** The document changed without a state change (a status about it arrived): its updated time moves, so lists sort it up. */
  touchDocument(id: number, at: string): Promise<void>;
  /**
   * A sender's request about a received document, waiting for the clerk's answer (15 agree / 16
   * refuse): take back, revoke, update or replace. One per document: a later one replaces an
   * unanswered earlier one.
   */
  putRequest(request: SenderRequest): Promise<void>;
  /** The clerk answered the document's request (agreed or refused): it waits no more. */
  removeRequest(documentId: number): Promise<void>;
  /** The document is revoked (a revoke or replace agreed to): state 'revoked', with when and why. */
  revokeDocument(id: number, reason: string, at: string): Promise<void>;
  /**
   * A package that cannot be stored, kept with its reason for the clerk. A package quarantined
   * again (its retry failed) is the same item: open again, with the new reason.
   */
  quarantinePackage(entry: QuarantineEntry, at: string): Promise<void>;
  /** The clerk asked to retry the quarantined package (the cause fixed): the next round stores it again from its kept bytes. */
  retryQuarantined(id: number, at: string): Promise<void>;
  /** The quarantined package was stored by its retry: it leaves quarantine. */
  removeQuarantined(id: number): Promise<void>;
  /** The record of an axis package is dropped, so that a retry of it records its new outcome. */
  forgetInbound(axisDocId: string): Promise<void>;
  /** Another version of a received document, kept beside it until the clerk decides; returns the conflict's id. */
  recordConflict(conflict: NewConflict): Promise<number>;

  // --- Changing a received document's content (an update agreed, a version taken) ---
  /** Keeps what the document holds now (metadata, sender name, package, attachments) as a revision: history, not loss. Call before changing it. */
  keepRevision(documentId: number, reason: string, at: string): Promise<void>;
  /** The document's content columns and the package they came in become these. */
  replaceContent(documentId: number, columns: ContentColumns, packageSha256: string, at: string): Promise<void>;
  /** The header fields an agreed update brings replace the document's. */
  applyUpdatedHeader(documentId: number, header: UpdatedHeader, at: string): Promise<void>;
  /** The document's attachments become `files` (their blobs durable already); the earlier rows go, their blobs stay. */
  replaceAttachments(documentId: number, files: readonly ReceivedFile[], at: string): Promise<void>;

  // --- Delivery trace ---
  /** What the axis's trace says of one recipient: its state moved, or why its system refused the package. */
  setRecipientTrace(documentId: number, recipientId: string, change: { state: RecipientState } | { description: string }, at: string): Promise<void>;
  /** The document was traced now: its recipients still at 'sent' go to the back of the trace queue. */
  markDeliveryTraced(documentId: number, at: string): Promise<void>;

  // --- The agency directory and the sync process's own state ---
  /** Applies directory changes (new, changed, deleted agencies) and keeps the directory's search in step. */
  applyDirectoryChanges(changes: readonly DirectoryChange[], at: Date): Promise<void>;
  /** Keeps `value` (any JSON) under `key` for syncState to read back, replacing what was there; a cursor commits with the rows it covers. */
  setSyncState(key: string, value: unknown): Promise<void>;
  /**
   * A sync process that died mid-upload left packages in 'sending': they are queued again (the
   * same bytes, so an axis that had taken them answers with the same id). Returns how many.
   */
  resumeInterruptedSends(at: string): Promise<number>;
}

export interface RegisterRef {
  id: number;
  code: string;
}

export interface StoredDocument {
  id: number;
  direction: 'incoming' | 'outgoing' | 'draft';
  state: DocumentState;
  subject: string;
  senderId: string | null;
  edxmlDocumentId: string | null;
  axisDocId: string | null;
  arrivalNumber: number | null;
  registerNumber: number | null;
  /** The package the document's content came in (received documents); null for one written here. */
  packageSha256: string | null;
  /** When anything about the document last changed: the lists sort by it. */
  updatedAt: string;
}

export interface ReceivedDocument {
  subject: string;
  senderId: string;
  senderName: string | null;
  edxmlDocumentId: string;
  receivedAt: string;
  /** What its package brought besides; absent, the row has only the fields above (and empty content). */
  package?: ReceivedPackage;
  /** Its attachments, in the package's order; absent, none. */
  files?: readonly ReceivedFile[];
}

export interface ReceivedPackage {
  axisDocId: string;
  packageSha256: string;
  /** The rest of its content columns (its subject and sender name are the document's own fields above). */
  content: Omit<ContentColumns, 'subject' | 'sender_name'>;
  /** The printed "Nơi nhận" lines as JSON, and the header's other fields as JSON (received-header.ts). */
  toPlaces: string;
  headerFields: string;
  /** The earlier document this one replaces (a replace package), else null. */
  replacesId: number | null;
}

/** The header fields an agreed update brings, named as ContentColumns names them. */
export type UpdatedHeader = Pick<
  ContentColumns,
  'subject' | 'summary' | 'code_number' | 'code_notation' | 'type_name' | 'signer_name' | 'signer_position' | 'signer_competence' | 'priority'
> & { to_places: string; header_fields: string };

export interface SenderRequest {
  documentId: number;
  kind: RequestKind;
  requesterId: string;
  reason: string;
  receivedAt: string;
  /** The replacing document (replace), else null. */
  replacementId: number | null;
  /** An update's new header and attachments as JSON, else null. */
  payload: string | null;
}

export interface QuarantineEntry {
  axisDocId: string;
  messageType: 'edoc' | 'status';
  senderId: string | null;
  reason: QuarantineReason;
  /** The technical detail behind the reason. */
  detail: string;
  /** The package bytes, when kept (Retry needs them). */
  packageSha256: string | null;
}

export interface RetryingPackage {
  id: number;
  axisDocId: string;
  messageType: 'edoc' | 'status';
  senderId: string | null;
  packageSha256: string | null;
}

export interface QuarantinedPackage extends RetryingPackage {
  state: 'open' | 'retrying' | 'ignored';
  reason: QuarantineReason;
  detail: string;
}

export interface NewConflict {
  documentId: number;
  axisDocId: string;
  packageSha256: string;
  content: ReceivedContent;
  receivedAt: string;
}

/** One agency of a directory pull: new or changed, or deleted. */
export interface DirectoryChange {
  id: string;
  codeQd20: string | null;
  parentId: string | null;
  name: string;
  email: string | null;
  /** The directory version that last changed it. */
  version: number | null;
  deleted: boolean;
}

export interface NewOutbox {
  documentId: number | null;
  messageType: 'edoc' | 'status';
  packageSha256: string;
  /** The package itself, kept in the row (a status package), rather than in the blob store under packageSha256. */
  packageBytes?: Uint8Array;
  recipients: string[];
  purpose: string;
  /** Held until then (ISO). */
  notBefore?: string;
}

export interface OutboxEntry extends NewOutbox {
  id: number;
  state: 'queued' | 'sending' | 'retry_wait' | 'sent' | 'failed';
  attempts: number;
  /** Failures in a row that concerned this package: its own back-off step. */
  retryStep: number;
  lastError: string | null;
  axisDocId: string | null;
}

export interface OutboxChange {
  state: OutboxEntry['state'];
  error?: string | null;
  nextAttemptAt?: string | null;
  axisDocId?: string;
  countAttempt?: boolean;
  retryStep?: number;
}

export interface InboundRecord {
  axisDocId: string;
  messageType: 'edoc' | 'status';
  outcome: 'document' | 'status' | 'request' | 'duplicate' | 'conflict' | 'quarantined';
  documentId: number | null;
  acknowledgedAt: string | null;
}

export interface StatusEventRecord {
  documentId: number;
  agencyId: string;
  direction: 'in' | 'out';
  statusCode: string;
  description: string | null;
  staff: string | null;
  occurredAt: string;
  axisDocId: string | null;
  /** This agency's own note on a step it took; never in the package. */
  internalNote?: string | null;
}
