/**
 * A document package under a (sender, DocumentId) this agency already holds: the same content
 * (docs/formats.md#statuses-resent) is the same document sent again, acknowledged and not stored
 * twice; other content is a conflict, kept beside the original for the clerk to decide on. Either
 * way no second status 01 goes out: the sender already has the first, for that DocumentId.
 */
import type { ExchangeTransaction, StoredDocument } from '../store/exchange-store.js';
import { contentFingerprint, type ReceivedContent } from '../store/received-content.js';

/**
 * Records a package of `doc` received again: a duplicate when its content is the document's now
 * or a version received before, else a new conflict. Inside the write transaction.
 */
export async function receivedAgain(
  tx: ExchangeTransaction,
  doc: StoredDocument,
  entry: { axisDocId: string; packageSha256: string; content: ReceivedContent; at: Date },
): Promise<'duplicate' | 'conflict'> {
  const at = entry.at.toISOString();
  const fingerprint = contentFingerprint(entry.content);
  const stored = await tx.receivedContent(doc.id);
  if (entry.packageSha256 === doc.packageSha256 || (stored && fingerprint === contentFingerprint(stored)) || (await tx.isKnownVersion(doc.id, fingerprint))) {
    await tx.recordInbound({ axisDocId: entry.axisDocId, messageType: 'edoc', outcome: 'duplicate', documentId: doc.id }, at);
    return 'duplicate';
  }
  const conflict = await tx.recordConflict({ documentId: doc.id, axisDocId: entry.axisDocId, packageSha256: entry.packageSha256, content: entry.content, receivedAt: at });
  await tx.recordInbound({ axisDocId: entry.axisDocId, messageType: 'edoc', outcome: 'conflict', documentId: doc.id }, at);
  await tx.appendAudit({ actor: 'sync', action: 'document.conflict', subject: `document:${doc.id}`, details: { conflict, axisDocId: entry.axisDocId, package: entry.packageSha256 } }, entry.at);
  return 'conflict';
}

/** The document takes the version's content: columns, attachments and package, the earlier kept as a revision. Inside the write transaction. */
export async function takeVersion(tx: ExchangeTransaction, documentId: number, version: { content: ReceivedContent; packageSha256: string }, reason: string, at: string): Promise<void> {
  await tx.keepRevision(documentId, reason, at);
  await tx.replaceContent(documentId, version.content.columns, version.packageSha256, at);
  await tx.replaceAttachments(documentId, version.content.attachments, at);
}
