/**
 * `draft.number`: the clerk gives a draft the leader signed its number (số văn bản) from the
 * agency's outgoing register, the default one or the one named, and the date it is issued on
 * (today in Vietnam). The number is taken in the command's transaction by the hub store's
 * register rule (one writer per counter row, no gap, one number per document; see
 * register-numbering-concurrency.test.ts): the desk cannot take it offline. The clerk's desk then
 * fills it into the PDF and seals it (a `revision.upload` the hub takes as the agency's step).
 * An internal draft (văn bản nội bộ) takes its number from the internal register instead, its own
 * series (docs/formats.md, "Internal documents").
 */
import { formatDocumentNumber } from '../../shared/text/display-formats.js';
import { vietnamDate } from '../../shared/text/vietnam-time.js';
import type { RegisterRef } from '../../electron/core/store/exchange-store.js';
import { appendAudit } from '../store/audit.js';
import { documentState, lockDocument, moveSigningState } from '../store/desk-documents.js';
import { internalRegisterForNumbering } from '../store/internal-documents.js';
import { CommandRefused, requireRole, type CommandHandler } from './command-handler.js';

/** The register to number from, and whether it is the internal one (the draft's kind, checked again under the lock). */
interface Prepared {
  register: RegisterRef;
  internal: boolean;
}

export const draftNumber: CommandHandler<'draft.number', Prepared> = {
  async precheck({ account, read, pool }, { documentId, registerId }) {
    requireRole(account, ['clerk'], 'Only the agency clerk (văn thư) gives documents their numbers.');
    const internal = (await documentState(pool, documentId))?.internal ?? false;
    const register = internal ? await internalRegisterForNumbering(pool, registerId) : await read.registerForNumbering('out', registerId);
    if (register) return { register, internal };
    const kind = internal ? 'internal' : 'outgoing';
    throw new CommandRefused(
      'invalid',
      registerId === undefined ? `The agency has no default ${kind} register: an administrator must choose one.` : `Register ${registerId} is not an open register of ${kind} documents.`,
    );
  },

  async apply({ account, client, exchange, prepared, now }, { documentId }) {
    // A second clerk numbering it waits here, then finds it numbered.
    const doc = await lockDocument(client, documentId);
    if (!doc) throw new CommandRefused('not_found', `There is no document ${documentId} at the agency.`);
    if (doc.direction !== 'draft') throw new CommandRefused('stale', `Document ${documentId} is no longer a draft: it was sent.`);
    if (doc.signingState === 'numbered' || doc.signingState === 'agency_signed') {
      throw new CommandRefused('stale', `Document ${documentId} already has its number (${doc.codeNumber ?? ''}): it is not numbered twice.`);
    }
    if (doc.signingState !== 'leader_signed') {
      throw new CommandRefused('invalid', `Document ${documentId} is not signed by a leader yet: it is numbered after the leader's signature (Ký duyệt).`);
    }
    if (doc.internal !== prepared.internal) throw new CommandRefused('stale', `Document ${documentId} changed while it was being numbered: number it again.`);
    const { register } = prepared;
    const number = formatDocumentNumber(await exchange.enterInRegister(documentId, register, now));
    const promulgationDate = vietnamDate(now);
    await moveSigningState(client, documentId, ['leader_signed'], 'numbered', now, { codeNumber: number, promulgationDate });
    await appendAudit(client, { actor: account.username, action: 'document.number', subject: `document:${documentId}`, details: { register: register.code, number } }, now);
    return { documentId, number, promulgationDate, register: register.code };
  },
};
