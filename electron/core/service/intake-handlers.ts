/**
 * Paper, e-mailed and hand-delivered arrivals (the scans waiting, registration, the ĐẾN stamp, the
 * scanner folder) and content search (the words of the files, saved searches, a file's pages of
 * words for find-in-document).
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors.js';
import type { IntakeItem } from '../../../shared/api/intake.js';
import { vietnamDate } from '../../../shared/text/vietnam-time.js';
import { arrivalStampPdf } from '../intake/arrival-stamp.js';
import { guessHeader } from '../intake/header-guess.js';
import { SCANNER_FOLDER_SETTING } from '../intake/intake-runtime.js';
import { findAgency } from '../store/agencies.js';
import { textPages, textProgress } from '../store/content-texts.js';
import { searchContent } from '../store/content-search.js';
import { getAttachment } from '../store/documents.js';
import { discardIntakeItem, listIntakeItems, registerPaperArrival, sameNumberedDocument, stampFacts, type StoredIntakeItem } from '../store/intake.js';
import { readValue, writeValue } from '../store/key-value.js';
import { formatDocumentNumber } from '../../../shared/text/display-formats.js';
import { listSavedSearches, removeSavedSearch, saveSearch } from '../store/saved-searches.js';
import { requireDocument } from './document-handlers.js';
import { requireRegister } from './register-handlers.js';
import type { CoreContext, HandlerMap } from './handlers.js';

type IntakeMethods =
  | 'intake.list'
  | 'intake.add'
  | 'intake.discard'
  | 'intake.register'
  | 'intake.stamp'
  | 'intake.getScannerFolder'
  | 'intake.setScannerFolder'
  | 'content.search'
  | 'content.attachmentText'
  | 'savedSearches.list'
  | 'savedSearches.save'
  | 'savedSearches.remove';

/** dd/MM/yyyy, the way the stamp and the paper register write a date. */
const paperDate = (isoDate: string) => isoDate.split('-').reverse().join('/');

export function intakeHandlers(ctx: CoreContext): HandlerMap<IntakeMethods> {
  const { db } = ctx;

  const withGuess = (item: StoredIntakeItem): IntakeItem => {
    const first = item.reading?.state === 'done' ? textPages(db, item.sha256)?.[0] : undefined;
    return { ...item, guess: first === undefined ? null : guessHeader(first) };
  };

  const agencyName = (): string => {
    const connection = ctx.connection();
    if (!connection) throw new ApiError('not_configured', 'Choose demo or connect to an axis first.');
    return connection.agencyName ?? findAgency(db, connection.agencyCode)?.name ?? connection.agencyCode;
  };

  return {
    'intake.list': () => listIntakeItems(db).map(withGuess),

    'intake.add': async ({ fileName, files }) => {
      const item = await ctx.intake.take('upload', fileName, files);
      return withGuess(item!);
    },

    'intake.discard': ({ id }) => {
      const removed = discardIntakeItem(db, id, ctx.actor);
      if (removed) ctx.emit({ type: 'intake.changed' });
      return { removed };
    },

    'intake.register': ({ id, origin, header, paperOriginalAt, register, confirmDuplicate }) => {
      const book = requireRegister(db, 'in', register);
      const same = confirmDuplicate ? null : sameNumberedDocument(db, header);
      if (same !== null) {
        throw new ApiError('conflict', `Document ${same} has the same number, notation and issuer: check it is not the same document, then register again to confirm.`, {
          codeNumber: 'the same number, notation and issuer are already registered',
        });
      }
      const registered = registerPaperArrival(db, { itemId: id, origin, header, paperOriginalAt, register: book }, ctx.actor);
      if (!registered) throw new ApiError('not_found', `Scan ${id} is no longer waiting: it was registered or discarded meanwhile.`);
      ctx.emit({ type: 'intake.changed' });
      ctx.emit({ type: 'documents.changed', ids: [registered.documentId] });
      return requireDocument(ctx, registered.documentId);
    },

    'intake.stamp': async ({ documentId }) => {
      requireDocument(ctx, documentId);
      const facts = stampFacts(db, documentId);
      if (!facts) throw new ApiError('conflict', `Document ${documentId} has no arrival number yet: register it first.`);
      const number = formatDocumentNumber(facts.arrivalNumber);
      const bytes = await arrivalStampPdf({ agencyName: agencyName(), arrivalNumber: number, arrivalDate: paperDate(vietnamDate(new Date(facts.registeredAt))) });
      return ctx.files.offerBytes(bytes, `dau-den-${number}.pdf`, 'application/pdf');
    },

    'intake.getScannerFolder': () => ({ folder: readValue<string>(db, 'settings', SCANNER_FOLDER_SETTING) }),

    'intake.setScannerFolder': async ({ folder }) => {
      if (folder !== null) {
        if (!path.isAbsolute(folder)) throw new ApiError('invalid_input', 'Give the full path of the scanner folder.', { folder: 'a full path, e.g. D:\\Scan' });
        const isFolder = await stat(folder).then((s) => s.isDirectory(), () => false);
        if (!isFolder) throw new ApiError('invalid_input', `${folder} is not a folder this computer can open.`, { folder: 'an existing folder' });
      }
      writeValue(db, 'settings', SCANNER_FOLDER_SETTING, folder);
      if (folder !== null) void ctx.intake.scanner.poll();
      return { folder };
    },

    'content.search': ({ query, cursor, limit }) => searchContent(db, { query, beforeId: cursor?.beforeId ?? null, limit }),

    'content.attachmentText': ({ attachmentId }) => {
      const info = getAttachment(db, attachmentId);
      if (!info) throw new ApiError('not_found', `Attachment ${attachmentId} does not exist.`);
      return { attachmentId, reading: textProgress(db, info.sha256), pages: textPages(db, info.sha256) };
    },

    'savedSearches.list': () => listSavedSearches(db),
    'savedSearches.save': (input) => saveSearch(db, input),
    'savedSearches.remove': ({ id }) => ({ removed: removeSavedSearch(db, id) }),
  };
}
