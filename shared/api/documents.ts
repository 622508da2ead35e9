/**
 * Documents as the renderer sees them. Vietnamese terms: subject = trích yếu, code number /
 * notation = số / ký hiệu, arrival number = số đến, signer competence = quyền hạn ký (KT., TL., TM.).
 */
import type { OtherInfo, ResponseFor } from '../edxml/model.js';
import type { DraftValues } from './draft-field-schema.js';
import type { QuarantineReason } from './quarantine-reasons.js';
import type { DocumentVerification } from './verification.js';

/** The verdict of a stored verification, without the report: what a list row needs. */
export type DocumentVerdict = Pick<DocumentVerification, 'indication' | 'subIndication'>;

export type DocumentDirection = 'incoming' | 'outgoing' | 'draft';
export type Mailbox = 'inbox' | 'sent' | 'drafts';

/** 0 normal, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc, 4 Hỏa tốc hẹn giờ (docs/formats.md#edxml). */
export type Priority = 0 | 1 | 2 | 3 | 4;

/**
 * Where a document stands. Drafts: editing. Outgoing: queued (in the outbox), sent (the axis
 * took it), failed (the axis refused it; see the outbox). Incoming: the last handling status
 * this agency gave it (arrived 01 … done 06, returned 02), or revoked (kept and marked).
 */
export type DocumentState =
  | 'editing'
  | 'queued'
  | 'sent'
  | 'failed'
  | 'arrived'
  | 'returned'
  | 'accepted'
  | 'assigned'
  | 'processing'
  | 'done'
  | 'revoked';

/**
 * How far a draft went through signing (docs/formats.md#decree-30): submitted to the leader ("trình ký"), signed by
 * the leader, numbered from the outgoing register, signed for the agency (ready to send).
 */
export type SigningState = 'none' | 'awaiting_leader' | 'leader_signed' | 'numbered' | 'agency_signed';

/** The header of a document: the fields a clerk edits on a draft (draft-fields.ts), its number and date. */
export interface DocumentMetadata extends DraftValues {
  codeNumber: string;
  /** yyyy-MM-dd; for outgoing documents set when they are sent. */
  promulgationDate: string | null;
}

export interface DocumentSummary {
  id: number;
  direction: DocumentDirection;
  state: DocumentState;
  subject: string;
  codeNumber: string;
  codeNotation: string;
  typeName: string;
  priority: Priority;
  /** The issuing agency (incoming) or this agency (outgoing, drafts). */
  senderId: string | null;
  senderName: string | null;
  /** Số đến, once the clerk accepted an incoming document. */
  arrivalNumber: number | null;
  attachmentCount: number;
  /** A take-back, revoke, update or replace request waits for this agency's answer. */
  hasPendingRequest: boolean;
  /** Incoming: another version arrived under the same DocumentId and waits for the clerk's choice. */
  hasConflict: boolean;
  /** Incoming: the stored signature verdict (the inbox badge); null while not verified yet. */
  verification: DocumentVerdict | null;
  /** yyyy-MM-dd: the document's own date (ngày văn bản) and its due date (hạn xử lý), for the list columns. */
  promulgationDate: string | null;
  dueDate: string | null;
  /** Kept from the demo when this folder switched to a real axis: read-only, never sent. */
  demo: boolean;
  createdAt: string;
  updatedAt: string;
  /** Agency mode: an internal document (văn bản nội bộ), sent between units of the agency, not over the axis. Absent elsewhere. */
  internal?: boolean;
}

export interface AttachmentInfo {
  id: number;
  documentId: number;
  name: string;
  contentType: string;
  size: number;
  /** Lower-case hex SHA-256 of the bytes: the blob's name and its integrity check. */
  sha256: string;
}

/** Per-recipient state of an outgoing document, from status packages and the axis trace. */
export type RecipientState =
  | 'queued'
  | 'sent'
  | 'arrived'
  | 'returned'
  | 'accepted'
  | 'assigned'
  | 'processing'
  | 'done'
  | 'takeback_requested'
  | 'takeback_agreed'
  | 'takeback_refused';

export interface RecipientStatus {
  agencyId: string;
  agencyName: string | null;
  state: RecipientState;
  /** The last status code received from this recipient, verbatim (unknown codes too). */
  statusCode: string | null;
  description: string | null;
  updatedAt: string;
}

export interface TimelineEntry {
  at: string;
  /** The other agency: who sent the status to us, or to whom we sent it. */
  agencyId: string;
  agencyName: string | null;
  direction: 'in' | 'out';
  statusCode: string;
  /** What travelled in the status package (for 'out': what this agency chose to tell the other). */
  description: string | null;
  /** This agency's own note on the step: kept here, never sent. */
  internalNote: string | null;
}

export type RequestKind = 'takeback' | 'revoke' | 'update' | 'replace';

export interface PendingRequest {
  kind: RequestKind;
  reason: string;
  receivedAt: string;
  /** For a replace: the incoming document that replaces this one. */
  replacementId: number | null;
}

export interface DocumentLink {
  id: number;
  subject: string;
  codeNumber: string;
  codeNotation: string;
}

/**
 * Another version of an incoming document: a package from the same sender under the same
 * DocumentId with other content. The clerk keeps the original or takes this one.
 */
export interface DocumentConflict {
  id: number;
  axisDocId: string;
  receivedAt: string;
  senderName: string | null;
  metadata: DocumentMetadata;
  attachments: { name: string; contentType: string; size: number; sha256: string }[];
}

export interface DocumentDetail extends DocumentSummary {
  metadata: DocumentMetadata;
  attachments: AttachmentInfo[];
  recipients: RecipientStatus[];
  timeline: TimelineEntry[];
  pendingRequest: PendingRequest | null;
  /** Versions received again under the same DocumentId, waiting for the clerk's choice (oldest first). */
  conflicts: DocumentConflict[];
  /** The earlier document this one replaces, and the later one that replaced it. */
  replaces: DocumentLink | null;
  replacedBy: DocumentLink | null;
  /**
   * The document this one answers, here: for a document received, the one sent from here that its
   * ResponseFor names; at a desk in agency mode, for a draft made as a reply, the arrival it answers.
   */
  answers: DocumentLink | null;
  revokedAt: string | null;
  revokeReason: string | null;
  /** The edXML DocumentId (issuer,date,number/notation), once sent or received. */
  edxmlDocumentId: string | null;
  signingState: SigningState;
  /** A handling status (05, 06) still held in the outbox until `until`: the clerk may undo it until then. */
  heldStatus: { code: string; until: string } | null;
  /** Why the leader sent the draft back for changes (cleared when it is submitted again). */
  leaderComment: string | null;
  /** The rest of a received message header (null for documents written here). */
  headerFields: ReceivedHeaderFields | null;
}

/**
 * Message header fields of a received document that have no place in DocumentMetadata, kept as
 * the sender wrote them (docs/formats.md#edxml-header); empty strings and nulls where absent.
 */
export interface ReceivedHeaderFields extends Omit<OtherInfo, 'priority'> {
  /** DocumentType/Type and TypeDetail: the sender's numeric codes for the type name. */
  typeCode: number | null;
  typeDetail: number | null;
  /** Every agency the package was routed to (To), this one included. */
  to: { organId: string; organName: string }[];
  /** The documents this one answers. */
  responseFor: ResponseFor[];
  steeringType: number;
  /** The sender's details beyond its code and name. */
  sender: { organizationInCharge: string; organAdd: string; email: string; telephone: string; fax: string; website: string };
}

export interface QuarantineItem {
  id: number;
  axisDocId: string;
  messageType: 'edoc' | 'status';
  senderId: string | null;
  /** What the clerk reads (its text in the i18n table). */
  reason: QuarantineReason;
  /** The technical detail behind "Chi tiết": the parser's or the check's own words. */
  detail: string;
  state: 'open' | 'retrying' | 'ignored';
  createdAt: string;
}

export interface OutboxItem {
  id: number;
  documentId: number | null;
  subject: string | null;
  /** What the package carries: a document, or a status code sent to another agency. */
  purpose: string;
  recipients: string[];
  /** The directory's name of each recipient it knows, by id: the queue shows names, not codes. */
  recipientNames: Record<string, string>;
  state: 'queued' | 'sending' | 'sent' | 'retry_wait' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
}
