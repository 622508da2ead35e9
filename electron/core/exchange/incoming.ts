/**
 * Receiving, one axis package at a time: download → parse (attachments streamed into blobs) →
 * store in one transaction together with the record of this axis id and the status 01 to send
 * back; the caller then acknowledges it to the axis (acknowledgeOf, acknowledger.ts), once that
 * transaction has committed. A crash anywhere repeats only what had not committed: a
 * package already recorded is just acknowledged again, a document already stored under the same
 * (sender, DocumentId) is recognised as a duplicate, or kept as a conflict when its content
 * differs (received-again.ts). What cannot be stored goes to quarantine with its reason and is
 * acknowledged as `fail`, and the loop goes on.
 */
import { rm } from 'node:fs/promises';
import { isQuarantineReason, type QuarantineReason } from '../../../shared/api/quarantine-reasons.js';
import type { VxpReceivedRow } from '../../../shared/axis/vxp.js';
import { BUSINESS_DOC_TYPE, STATUS_CODE } from '../../../shared/edxml/codes.js';
import type { DocumentPackage, StatusPackage } from '../../../shared/edxml/model.js';
import { parseEdxmlTimestamp } from '../../../shared/edxml/dates.js';
import type { BlobStore, StoredBlob } from '../store/blob-store.js';
import type { ExchangeReads, ExchangeStore, ExchangeTransaction, InboundRecord, StoredDocument } from '../store/exchange-store.js';
import type { ContentColumns, ReceivedContent } from '../store/received-content.js';
import type { Acknowledgement } from './acknowledger.js';
import { receivedAgain } from './received-again.js';
import { AxisError, type AxisClient } from './axis-client/types.js';
import { readPackageFile, type ReadPackage } from './edxml/package-reader.js';
import type { PackageReader } from './edxml/package-reading-thread.js';
import { DiskFullError, KEEP_FREE_BYTES, MAX_PACKAGE_BYTES, roomToReceive } from './edxml/receive-limits.js';
import { packStatusPackage, statusEntry } from './outgoing-packages.js';
import { statusPackage, type PackagedDocument } from './package-contents.js';
import { receivedHeaderColumns } from './received-header.js';

export interface ReceiveDeps {
  store: ExchangeStore;
  blobs: BlobStore;
  client: AxisClient;
  selfId: string;
  now: () => Date;
  /** Free space receiving leaves on the data folder's disk (default KEEP_FREE_BYTES). */
  keepFreeBytes?: number;
  /** Reads a downloaded package: readPackageFile on this thread unless given (package-reading-thread.ts). */
  readPackage?: PackageReader;
  /** Runs a package's download and reading, the steps whose memory grows with its size: the round bounds how many run at once. */
  streaming?: <T>(work: () => Promise<T>) => Promise<T>;
}

/** A package downloaded and read: too large to keep, read, or refused by the reader. */
type Streamed = { blob: null } | { blob: StoredBlob; read: ReadPackage } | { blob: StoredBlob; rejected: RejectionLike };

export interface ReceiveOutcome {
  outcome: InboundRecord['outcome'];
  documentId: number | null;
  /** Set when a new document arrived: the UI notifies the clerk. */
  arrived: { id: number; subject: string; senderName: string | null; priority: number } | null;
  quarantineReason: string | null;
}

/** A package that cannot be stored: `reason` is what the clerk reads in quarantine, the message its detail. */
export class RejectedPackage extends Error {
  constructor(
    readonly reason: QuarantineReason,
    message: string,
  ) {
    super(message);
    this.name = 'RejectedPackage';
  }
}

const isoDate = (edxmlDate: string): string | null => (/^\d{4}\/\d{2}\/\d{2}$/.test(edxmlDate) ? edxmlDate.replaceAll('/', '-') : null);
const occurredAt = (timestamp: string, fallback: Date) => (parseEdxmlTimestamp(timestamp) ?? fallback).toISOString();

/** Stores the package (or its refusal, in quarantine); resolves once that has committed, before any acknowledgement. */
export async function receivePackage(deps: ReceiveDeps, row: VxpReceivedRow): Promise<ReceiveOutcome> {
  const { store, blobs } = deps;
  const known = await store.read.inbound(row.docId);
  // Stored before a crash, not yet acknowledged: acknowledge only.
  if (known) return { outcome: known.outcome, documentId: known.documentId, arrived: null, quarantineReason: null };

  const keepFree = deps.keepFreeBytes ?? KEEP_FREE_BYTES;
  const download = blobs.tempPath('.xml');
  let result: ReceiveOutcome;
  let packageBlob: StoredBlob | null = null;
  try {
    const streamed = await (deps.streaming ?? ((work) => work()))(async (): Promise<Streamed> => {
      const blob = await downloadWithin(deps, row.docId, download, keepFree);
      if (!blob) return { blob };
      try {
        return { blob, read: await readStoredPackage(deps, blob.sha256) };
      } catch (error) {
        if (!isRejection(error)) throw error;
        return { blob, rejected: error };
      }
    });
    packageBlob = streamed.blob;
    if (!streamed.blob) {
      result = await quarantine(deps, row, new RejectedPackage('package_too_large', `The package is larger than ${MAX_PACKAGE_BYTES / 1024 / 1024} MB, the most VanThu receives; it was not kept.`), null);
    } else if ('rejected' in streamed) {
      result = await quarantine(deps, row, streamed.rejected, streamed.blob.sha256);
    } else {
      try {
        result = await storeParsed(deps, row.docId, row.from, streamed.read, streamed.blob.sha256);
      } catch (error) {
        if (!isRejection(error)) throw error;
        result = await quarantine(deps, row, error, streamed.blob.sha256);
      }
    }
  } finally {
    // Once adopted the download is in the store under its hash; before, it may be partial.
    if (!packageBlob) await rm(download, { force: true });
  }
  return result;
}

/** Reads a package already in the blob store, on the reading thread when the process has one. */
export function readStoredPackage(deps: Pick<ReceiveDeps, 'blobs' | 'keepFreeBytes' | 'readPackage'>, sha256: string): Promise<ReadPackage> {
  return (deps.readPackage ?? readPackageFile)(deps.blobs.pathOf(sha256), deps.blobs, deps.keepFreeBytes ?? KEEP_FREE_BYTES);
}

/** What the axis is told of a received package: `fail` with its reason when it went to quarantine, else `done`. */
export function acknowledgementOf(docId: string, result: ReceiveOutcome): Acknowledgement {
  if (result.outcome !== 'quarantined') return { docId, status: 'done' };
  return { docId, status: 'fail', ...(result.quarantineReason && { description: result.quarantineReason }) };
}

/**
 * Downloads the package into the blob store, within what the disk has room for and the most a
 * package may be: null when the package is larger than that most (a package to refuse), a
 * DiskFullError when it is the disk that has no room (receiving waits).
 */
async function downloadWithin(deps: ReceiveDeps, docId: string, destination: string, keepFree: number) {
  const room = await roomToReceive(deps.blobs.root, keepFree);
  const limit = Math.min(room, MAX_PACKAGE_BYTES);
  try {
    return await deps.blobs.adoptFile(destination, await deps.client.download(docId, destination, limit));
  } catch (error) {
    if (!(error instanceof AxisError && error.code === 'package_too_large')) throw error;
    if (limit === MAX_PACKAGE_BYTES) return null;
    throw new DiskFullError(`The package ${docId} does not fit on the disk of the data folder now (${error.message}).`);
  }
}

async function quarantine(deps: ReceiveDeps, row: VxpReceivedRow, error: RejectionLike, packageSha256: string | null): Promise<ReceiveOutcome> {
  const detail = error.message;
  await deps.store.write(async (tx) => {
    const at = deps.now().toISOString();
    await tx.quarantinePackage({ axisDocId: row.docId, messageType: row.messageType, senderId: row.from || null, reason: error.reason, detail, packageSha256 }, at);
    await tx.recordInbound({ axisDocId: row.docId, messageType: row.messageType, outcome: 'quarantined', documentId: null }, at);
    await tx.appendAudit({ actor: 'sync', action: 'package.quarantined', subject: `axis:${row.docId}`, details: { reason: error.reason, detail, from: row.from } }, deps.now());
  });
  return { outcome: 'quarantined', documentId: null, arrived: null, quarantineReason: `${error.reason}: ${detail}` };
}

/** What every refusal of a package carries: a quarantine reason code and the detail. */
export interface RejectionLike {
  reason: QuarantineReason;
  message: string;
}

/** Parse failures and content the clerk must see are rejections; disk and database errors are not. */
export function isRejection(error: unknown): error is RejectionLike {
  return error instanceof Error && isQuarantineReason((error as { reason?: unknown }).reason);
}

/**
 * Stores an already parsed package (also used by quarantine Retry, on the kept package bytes).
 * Throws RejectedPackage for content that cannot be stored.
 */
export async function storeParsed(deps: ReceiveDeps, axisDocId: string, authenticatedSender: string, read: ReadPackage, packageSha256: string): Promise<ReceiveOutcome> {
  if (read.parsed.kind === 'status') return storeStatus(deps, axisDocId, authenticatedSender, read.parsed.package);
  return storeDocument(deps, axisDocId, authenticatedSender, read, read.parsed.package, packageSha256);
}

/**
 * The sender a package names must be the agency the axis authenticated as its sender. Fails
 * closed: when the axis did not say who sent it, nothing can be checked and the package is
 * refused, never trusted (docs/reliability.md#sender-check).
 */
function checkSender(claimed: string, authenticated: string): void {
  if (authenticated.trim() === '') {
    throw new RejectedPackage('sender_missing', `The axis did not say which agency sent this package, so its claim to come from ${claimed} cannot be checked: refused rather than trusted.`);
  }
  if (claimed !== authenticated) {
    throw new RejectedPackage('sender_mismatch', `The package says it comes from ${claimed}, but the axis delivered it from ${authenticated}: a forged or misconfigured sender.`);
  }
}

async function storeDocument(deps: ReceiveDeps, axisDocId: string, authenticatedSender: string, read: ReadPackage, pkg: DocumentPackage, packageSha256: string): Promise<ReceiveOutcome> {
  const { store, selfId } = deps;
  const header = pkg.header;
  const sender = header.from.organId;
  checkSender(sender, authenticatedSender);
  const docType = pkg.business.docType;
  const target = docType === BUSINESS_DOC_TYPE.new ? null : await findReceived(store.read, sender, pkg.business.documentId);
  if (docType !== BUSINESS_DOC_TYPE.new && docType !== BUSINESS_DOC_TYPE.replace && !target) {
    throw new RejectedPackage('unknown_document', `A ${docType === BUSINESS_DOC_TYPE.revoke ? 'revoke' : 'update'} from ${sender} concerns document ${pkg.business.documentId}, which this agency never received.`);
  }
  if (docType === BUSINESS_DOC_TYPE.revoke || docType === BUSINESS_DOC_TYPE.update) {
    return store.write(async (tx) => {
      const at = deps.now().toISOString();
      await tx.putRequest({
        documentId: target!.id,
        kind: docType === BUSINESS_DOC_TYPE.revoke ? 'revoke' : 'update',
        requesterId: sender,
        reason: pkg.business.reason,
        receivedAt: at,
        replacementId: null,
        payload: docType === BUSINESS_DOC_TYPE.update ? JSON.stringify({ header, attachments: read.attachments }) : null,
      });
      await tx.recordInbound({ axisDocId, messageType: 'edoc', outcome: 'request', documentId: target!.id }, at);
      await tx.appendAudit({ actor: 'sync', action: 'request.received', subject: `document:${target!.id}`, details: { docType, reason: pkg.business.reason, from: sender } }, deps.now());
      return { outcome: 'request' as const, documentId: target!.id, arrived: null, quarantineReason: null };
    });
  }

  const now = deps.now();
  const columns: ContentColumns = {
    sender_name: header.from.organName || null,
    subject: header.subject || '(không có trích yếu)',
    summary: header.content,
    code_number: header.code.codeNumber,
    code_notation: header.code.codeNotation,
    type_name: header.documentType.typeName,
    promulgation_date: isoDate(header.promulgationInfo.promulgationDate),
    signer_name: header.signerInfo.fullName,
    signer_position: header.signerInfo.position,
    signer_competence: header.signerInfo.competence,
    place: header.promulgationInfo.place,
    priority: Math.min(4, Math.max(0, header.otherInfo.priority || 0)),
    due_date: isoDate(header.dueDate),
  };
  const { to_places: toPlaces, header_fields: headerFields } = receivedHeaderColumns(header);
  const content: ReceivedContent = {
    columns,
    attachments: read.attachments.map(({ name, contentType, sha256, size }) => ({ name, contentType, sha256, size })),
  };
  /** A package of a document already stored: a duplicate, or a conflict beside it. */
  const again = async (tx: ExchangeTransaction, doc: StoredDocument): Promise<ReceiveOutcome> => ({
    outcome: await receivedAgain(tx, doc, { axisDocId, packageSha256, content, at: now }),
    documentId: doc.id,
    arrived: null,
    quarantineReason: null,
  });
  const existing = await findReceived(store.read, sender, header.documentId);
  if (existing) return store.write((tx) => again(tx, existing));

  // Status 01 is built before the transaction (it reads the directory) and queued, bytes and all, inside it.
  const packaged: PackagedDocument = { ...columns, edxml_document_id: header.documentId, to_places: toPlaces };
  const arrivedStatus = packStatusPackage(await statusPackage(store.read, packaged, sender, selfId, STATUS_CODE.arrived, 'Đã nhận văn bản', 'VanThu', now));
  return store.write(async (tx) => {
    const at = now.toISOString();
    // Checked again under the write lock: another package of the same round may have stored it.
    const stored = await findReceived(tx, sender, header.documentId);
    if (stored) return again(tx, stored);
    const id = await tx.insertReceived(
      {
        subject: columns.subject,
        senderId: sender,
        senderName: columns.sender_name,
        edxmlDocumentId: header.documentId,
        receivedAt: at,
        package: { axisDocId, packageSha256, content: columns, toPlaces, headerFields, replacesId: target?.id ?? null },
        files: content.attachments,
      },
      at,
    );
    if (target) {
      await tx.putRequest({ documentId: target.id, kind: 'replace', requesterId: sender, reason: pkg.business.reason, receivedAt: at, replacementId: id, payload: null });
    }
    await tx.enqueueOutbox(statusEntry(id, arrivedStatus, sender, STATUS_CODE.arrived), at);
    await tx.recordStatusEvent({ documentId: id, agencyId: sender, direction: 'out', statusCode: STATUS_CODE.arrived, description: null, staff: null, occurredAt: at, axisDocId: null });
    await tx.recordInbound({ axisDocId, messageType: 'edoc', outcome: 'document', documentId: id }, at);
    await tx.appendAudit({ actor: 'sync', action: 'document.received', subject: `document:${id}`, details: { from: sender, documentId: header.documentId, axisDocId, replaces: target?.id ?? null } }, now);
    return { outcome: 'document' as const, documentId: id, arrived: { id, subject: columns.subject, senderName: columns.sender_name, priority: columns.priority }, quarantineReason: null };
  });
}

async function findReceived(reads: ExchangeReads, sender: string, documentId: string): Promise<StoredDocument | null> {
  const id = await reads.findIncomingId(sender, documentId);
  return id === null ? null : reads.document(id);
}

async function storeStatus(deps: ReceiveDeps, axisDocId: string, authenticatedSender: string, status: StatusPackage): Promise<ReceiveOutcome> {
  const { store } = deps;
  const from = status.from.organId;
  checkSender(from, authenticatedSender);
  const documentId = status.responseFor.documentId;
  const takeBack = status.statusCode === STATUS_CODE.takeBack;
  // A 13 comes from the document's sender about a copy we received; every other status comes
  // from a recipient of a document we sent.
  const concernedId = takeBack ? await store.read.findIncomingId(from, documentId) : await store.read.findOutgoingId(documentId);
  if (concernedId === null) throw new RejectedPackage('unknown_document', `Status ${status.statusCode} from ${from} concerns document ${documentId}, which this agency ${takeBack ? 'never received' : 'never sent'}.`);
  const now = deps.now();
  return store.write(async (tx) => {
    const at = now.toISOString();
    const event = { documentId: concernedId, agencyId: from, direction: 'in' as const, statusCode: status.statusCode, description: status.description || null, staff: status.staffInfo.staff || null, occurredAt: occurredAt(status.timestamp, now), axisDocId };
    if (takeBack) {
      await tx.putRequest({ documentId: concernedId, kind: 'takeback', requesterId: from, reason: status.description, receivedAt: at, replacementId: null, payload: null });
    } else if (!(await tx.applyRecipientStatus(concernedId, from, status.statusCode, status.description || null, at))) {
      throw new RejectedPackage('not_a_recipient', `Status ${status.statusCode} comes from ${from}, which is not a recipient of document ${documentId}.`);
    }
    await tx.recordStatusEvent(event);
    await tx.touchDocument(concernedId, at);
    await tx.recordInbound({ axisDocId, messageType: 'status', outcome: takeBack ? 'request' : 'status', documentId: concernedId }, at);
    await tx.appendAudit({ actor: 'sync', action: 'status.received', subject: `document:${concernedId}`, details: { code: status.statusCode, from } }, now);
    return { outcome: takeBack ? ('request' as const) : ('status' as const), documentId: concernedId, arrived: null, quarantineReason: null };
  });
}
