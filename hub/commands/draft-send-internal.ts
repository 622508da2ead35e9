/**
 * `draft.sendInternal` (Gửi nội bộ): the clerk delivers a sealed internal document (văn bản nội
 * bộ) to units of the agency, inside the hub; nothing goes to the axis. In the command's
 * transaction the draft becomes a sent document whose recipients are the units
 * (`recipient_statuses`, `unit:<id>`, registered at once: 03), and each unit gets its own copy, an
 * arrival already registered, given to the unit and held by it in charge (a `lead` work item), so
 * the workflow's steps (present, pass, progress, done) apply to it as to any arrival. As the unit
 * handles it, its status row on the sent document moves (04, 05, 06; workflow-steps.ts), which is
 * what the sender follows. docs/architecture.md, "Internal documents".
 */
import { appendAudit } from '../store/audit.js';
import { reindexDocumentHeader } from '../store/content-search.js';
import { documentState, lockDocument, type LockedDocument } from '../store/desk-documents.js';
import { grantDocument } from '../store/document-access.js';
import { existingUnits, insertInternalCopy, internalRecipientId, internalSenderName, markSentInternally } from '../store/internal-documents.js';
import { insertWorkItems, recordStep } from '../store/workflow.js';
import { CommandRefused, requireRole, type CommandHandler } from './command-handler.js';

const sent = (id: number) => new CommandRefused('stale', `Document ${id} was sent already.`);

/** Refuses what is not a sealed internal draft. */
function requireSealedInternal(doc: LockedDocument | null, documentId: number): void {
  if (!doc) throw new CommandRefused('not_found', `There is no document ${documentId} at the agency.`);
  if (doc.direction !== 'draft') throw sent(documentId);
  if (!doc.internal) throw new CommandRefused('invalid', `Document ${documentId} is not an internal document: it goes to other agencies over the axis (Gửi).`);
  if (doc.signingState !== 'agency_signed') throw new CommandRefused('invalid', `Document ${documentId} is not sealed yet: it leaves numbered and signed by the agency (Cấp số và ký số).`);
}

export const draftSendInternal: CommandHandler<'draft.sendInternal'> = {
  async precheck({ account, pool }, { documentId, units }) {
    requireRole(account, ['clerk'], 'Only the agency clerk (văn thư) sends internal documents to the units.');
    requireSealedInternal(await documentState(pool, documentId), documentId);
    if ((await existingUnits(pool, units)).length !== units.length) throw new CommandRefused('invalid', 'A unit named is not a unit of the agency.');
  },

  async apply({ account, client, exchange, now }, { documentId, units }) {
    // A second send, or a new signature landing meanwhile, waits here; then one of them finds the draft moved on.
    requireSealedInternal(await lockDocument(client, documentId), documentId);
    if (!(await markSentInternally(client, documentId, now))) throw sent(documentId);
    const at = now.toISOString();
    const recipients = units.map(internalRecipientId);
    await exchange.insertRecipients(documentId, recipients, 'arrived', at);
    const senderName = await internalSenderName(client, documentId);
    const arrivals: number[] = [];
    for (const unitId of units) {
      const copyId = await insertInternalCopy(client, { sourceId: documentId, unitId, senderName, at: now });
      arrivals.push(copyId);
      // Marks the copy changed, so the feed brings it to those who may see it.
      await exchange.touchDocument(copyId, at);
      await exchange.applyRecipientStatus(documentId, internalRecipientId(unitId), '03', null, at);
      const [itemId] = await insertWorkItems(client, [{ documentId: copyId, parentId: null, role: 'lead', unitId, userId: null, assignedBy: account.userId, note: '', deadline: null }], now);
      await recordStep(client, { documentId: copyId, itemId: itemId!, kind: 'assigned', actorId: account.userId, actor: account.username, text: '', statuses: [], details: { internal: documentId, lead: { unitId } } }, now);
      const granted = await grantDocument(client, { documentId: copyId, units: [unitId], users: [], actorUserId: account.userId }, now);
      if (granted.state === 'refused') throw new CommandRefused(granted.reason, granted.message);
      await reindexDocumentHeader(client, copyId);
    }
    await appendAudit(client, { actor: account.username, action: 'document.send_internal', subject: `document:${documentId}`, details: { units, arrivals } }, now);
    return { documentId, units, arrivals };
  },
};
