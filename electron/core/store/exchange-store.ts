/**
 * The store the exchange domain stands on, as interfaces: documents moving through their states,
 * the outbox, gap-free register numbers, inbound packages, status events and the audit log. This
 * module names no database: the SQLite implementation (sqlite-exchange-store.ts) and a PostgreSQL
 * one (the agency hub) both implement it, and both must pass the same contract suite
 * (exchange-store-contract.ts). Everything is async, because a PostgreSQL client is.
 *
 * Transactions are part of the interface: a register number is taken inside the caller's write
 * transaction, together with the row that carries it, so a rolled-back step leaves no gap and two
 * writers never take the same number.
 */
import type { DocumentState, RecipientState } from '../../../shared/api/documents.js';
import type { RegisterDirection } from '../../../shared/api/registers.js';
import type { AuditEntry } from './audit-chain.js';

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
}

export interface ExchangeTransaction extends ExchangeReads {
  createDraft(subject: string, at: string): Promise<number>;
  /** A received document's row; `header` holds its columns as the receiving code built them. */
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
}

export interface ReceivedDocument {
  subject: string;
  senderId: string;
  senderName: string | null;
  edxmlDocumentId: string;
  receivedAt: string;
}

export interface NewOutbox {
  documentId: number | null;
  messageType: 'edoc' | 'status';
  packageSha256: string;
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
