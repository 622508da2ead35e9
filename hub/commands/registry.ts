/** The handler of each kind of desk command (shared/hub/commands.ts). */
import type { CommandKind } from '../../shared/hub/commands.js';
import { arrivalAccept } from './arrival-accept.js';
import { arrivalAssign } from './arrival-assign.js';
import { arrivalPresent } from './arrival-present.js';
import { arrivalReturn } from './arrival-return.js';
import { assignmentDone } from './assignment-done.js';
import { assignmentAskExtension, assignmentDecideExtension } from './assignment-extension.js';
import { assignmentPass } from './assignment-pass.js';
import { assignmentProgress } from './assignment-progress.js';
import type { CommandHandler } from './command-handler.js';
import { documentShare } from './document-share.js';
import { draftAttach } from './draft-attach.js';
import { draftComment } from './draft-comment.js';
import { draftNumber } from './draft-number.js';
import { draftReturn } from './draft-return.js';
import { draftSave } from './draft-save.js';
import { draftSend } from './draft-send.js';
import { draftSendInternal } from './draft-send-internal.js';
import { noticesRead } from './notices-read.js';
import { draftSubmit } from './draft-submit.js';
import { revisionUpload } from './revision-upload.js';

export const COMMAND_HANDLERS: { [K in CommandKind]: CommandHandler<K, unknown> } = {
  'arrival.accept': arrivalAccept,
  'document.share': documentShare,
  'draft.save': draftSave,
  'draft.attach': draftAttach,
  'draft.number': draftNumber,
  'draft.send': draftSend,
  'draft.sendInternal': draftSendInternal,
  'revision.upload': revisionUpload,
  'arrival.present': arrivalPresent,
  'arrival.assign': arrivalAssign,
  'assignment.pass': assignmentPass,
  'assignment.progress': assignmentProgress,
  'assignment.done': assignmentDone,
  'assignment.askExtension': assignmentAskExtension,
  'assignment.decideExtension': assignmentDecideExtension,
  'arrival.return': arrivalReturn,
  'draft.comment': draftComment,
  'notices.read': noticesRead,
  'draft.submit': draftSubmit,
  'draft.return': draftReturn,
};
