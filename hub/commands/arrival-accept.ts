/**
 * `arrival.accept`: the clerk registers an arrival in the agency's incoming register (its số đến)
 * and the "accepted" status (03) is queued for the sender, by the desktop's own rule
 * (electron/core/exchange/handling-response.ts) on the hub's store. The status package is built
 * before the transaction, as the desktop builds it; a refusal found after leaves an unused blob.
 */
import { STATUS_CODE } from '../../shared/edxml/codes.js';
import { recordHandlingResponse } from '../../electron/core/exchange/handling-response.js';
import { statusPackage } from '../../electron/core/exchange/package-contents.js';
import { packStatusPackage, type PackedStatus } from '../../electron/core/exchange/outgoing-packages.js';
import type { RegisterRef } from '../../electron/core/store/exchange-store.js';
import { lockDocument } from '../store/desk-documents.js';
import { CommandRefused, requireRole, type CommandHandler } from './command-handler.js';

interface Prepared {
  register: RegisterRef;
  senderId: string;
  statusPackage: PackedStatus;
}

const notFound = (id: number) => new CommandRefused('not_found', `There is no arrived document ${id} at the agency.`);
const answered = (id: number) => new CommandRefused('stale', `Document ${id} was already accepted or returned: refresh to see who answered it.`);

export const arrivalAccept: CommandHandler<'arrival.accept', Prepared> = {
  async precheck({ account, read, services, now }, { documentId }) {
    requireRole(account, ['clerk'], 'Only the agency clerk (văn thư) registers arrivals.');
    const doc = await read.document(documentId);
    if (!doc || doc.direction !== 'incoming') throw notFound(documentId);
    if (doc.state !== 'arrived') throw answered(documentId);
    const register = await read.registerForNumbering('in');
    if (!register) throw new CommandRefused('invalid', 'The agency has no default incoming register: an administrator must choose one.');
    const agencyCode = services.agencyCode();
    if (!agencyCode) throw new CommandRefused('invalid', 'The hub has no axis account, so it cannot tell the sender the document was accepted: its administrator must set one.');
    const content = await read.receivedContent(documentId);
    if (!content) throw notFound(documentId);
    const senderId = doc.senderId ?? '';
    const status = await statusPackage(read, { ...content.columns, edxml_document_id: doc.edxmlDocumentId }, senderId, agencyCode, STATUS_CODE.accepted, '', account.username, now);
    return { register, senderId, statusPackage: packStatusPackage(status) };
  },

  async apply({ account, client, exchange, prepared, now }, { documentId }) {
    // Another command accepting it waits here, then finds it answered.
    if (!(await lockDocument(client, documentId))) throw notFound(documentId);
    const recorded = await recordHandlingResponse(exchange, {
      documentId,
      addressee: prepared.senderId,
      status: STATUS_CODE.accepted,
      description: '',
      register: prepared.register,
      statusPackage: prepared.statusPackage,
      actor: account.username,
      now,
    });
    if (!recorded) throw answered(documentId);
    return { documentId, arrivalNumber: recorded.arrivalNumber, register: prepared.register.code };
  },
};
