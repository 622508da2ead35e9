/**
 * What every exchange action of the clerk shares: who this agency is on the axis, the document
 * it acts on, the package files it builds first (docs/architecture.md, "Sending"), the status it
 * queues, and what follows a committed change (the lists refresh, the sync process sends now).
 */
import { ApiError } from '../../../shared/api/errors.js';
import { getDocumentRow, listAttachments, type DocumentRow } from '../store/documents.js';
import { readValue } from '../store/key-value.js';
import { enqueueOutbox } from '../store/outbox.js';
import { recordStatusEvent } from '../store/status-events.js';
import { documentPackage, statusPackage, type BusinessIntent } from '../exchange/package-contents.js';
import { packStatusPackage, statusEntry, storeDocumentPackage, type PackedStatus } from '../exchange/outgoing-packages.js';
import { readDocumentTypeCodes } from '../exchange/document-type-config.js';
import { refuseDemo, requireDocument } from './document-handlers.js';
import type { CoreContext } from './handlers.js';

/** Setting: wrap attachments in a zip before base64, for receivers that expect VNPT's form. */
export const ZIP_ATTACHMENTS_SETTING = 'exchange.zipAttachments';

export type ExchangeDesk = ReturnType<typeof exchangeDesk>;

export function exchangeDesk(ctx: CoreContext) {
  const { db } = ctx;

  function selfId(): string {
    const connection = ctx.connection();
    if (!connection) throw new ApiError('not_configured', 'Choose demo or connect to an axis first.');
    return connection.agencyCode;
  }

  /** The document, of that direction and not a demo one kept after the switch to a real axis (nothing about those may reach it). */
  function row(id: number, direction: DocumentRow['direction']): DocumentRow {
    const found = getDocumentRow(db, id);
    if (!found) throw new ApiError('not_found', `Document ${id} does not exist.`);
    if (found.direction !== direction) throw new ApiError('conflict', `Document ${id} is not ${direction === 'draft' ? 'a draft' : `an ${direction} document`}.`);
    refuseDemo(found);
    return found;
  }

  function done(id: number) {
    ctx.emit({ type: 'documents.changed', ids: [id] });
    ctx.kickSync();
    return requireDocument(ctx, id);
  }

  /** Builds and stores a document package for `doc`, as it would be issued today. */
  async function documentPackageFor(doc: DocumentRow, recipients: string[], promulgationDate: string, documentId: string, intent?: BusinessIntent) {
    const attachments = listAttachments(db, doc.id);
    const typeCodes = await readDocumentTypeCodes(ctx.dataDir);
    const pkg = await documentPackage(ctx.exchange.read, { doc, documentId, promulgationDate, attachments, recipients, selfId: selfId(), now: new Date(), typeCodes, ...(intent && { intent }) });
    return storeDocumentPackage(ctx.blobs, pkg, attachments, readValue<boolean>(db, 'settings', ZIP_ATTACHMENTS_SETTING) ?? false);
  }

  async function statusFor(doc: DocumentRow, addressee: string, code: string, description: string): Promise<PackedStatus> {
    return packStatusPackage(await statusPackage(ctx.exchange.read, doc, addressee, selfId(), code, description, ctx.actor, new Date()));
  }

  /** Queues a status package built by statusFor and writes its timeline line; inside the write transaction. */
  function queueStatus(doc: DocumentRow, addressee: string, code: string, description: string, status: PackedStatus, at: string, internalNote?: string, notBefore?: string): void {
    enqueueOutbox(db, statusEntry(doc.id, status, addressee, code, notBefore), at);
    recordStatusEvent(db, {
      documentId: doc.id,
      agencyId: addressee,
      direction: 'out',
      statusCode: code,
      description: description || null,
      staff: ctx.actor,
      occurredAt: at,
      axisDocId: null,
      internalNote: internalNote || null,
    });
  }

  return { selfId, row, done, documentPackageFor, statusFor, queueStatus };
}
