/**
 * `draft.attach`: a file added to a draft by whoever may change it (draft-save.ts), while it is
 * being edited. The desk uploads the bytes first (PUT /api/blobs/<sha256>, checked against the hash
 * as they stream in); the command names them. The first PDF added is the draft's main PDF, the one
 * the leader signs.
 */
import { stat } from 'node:fs/promises';
import { appendAudit } from '../store/audit.js';
import { readFilesAgain } from '../store/content-search.js';
import { lockDocument } from '../store/desk-documents.js';
import { CommandRefused, type CommandHandler } from './command-handler.js';
import { requireEditable } from './draft-save.js';

export const draftAttach: CommandHandler<'draft.attach'> = {
  async precheck({ services }, { sha256, size }) {
    if (!(await services.blobs.has(sha256))) throw new CommandRefused('invalid', 'The file has not reached the server: it is uploaded first, then the command is sent again.');
    const stored = (await stat(services.blobs.files.pathOf(sha256))).size;
    if (stored !== size) throw new CommandRefused('invalid', `The file on the server has ${stored} bytes, not the ${size} the command names.`);
  },

  async apply({ account, client, exchange, now }, { documentId, name, contentType, sha256, size }) {
    const doc = await lockDocument(client, documentId);
    if (!doc) throw new CommandRefused('not_found', `There is no document ${documentId} at the agency.`);
    requireEditable(account, doc);
    await exchange.insertAttachments(doc.id, [{ name, contentType, sha256, size }], now.toISOString());
    // Its words (its OCR, for a scan) join the draft's in content search.
    await readFilesAgain(client, doc.id);
    await appendAudit(client, { actor: account.username, action: 'draft.attach', subject: `document:${doc.id}`, details: { name, sha256, size } }, now);
    return { documentId: doc.id, sha256 };
  },
};
