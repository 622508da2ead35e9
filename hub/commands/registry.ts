/** The handler of each kind of desk command (shared/hub/commands.ts). */
import type { CommandKind } from '../../shared/hub/commands.js';
import { arrivalAccept } from './arrival-accept.js';
import type { CommandHandler } from './command-handler.js';
import { draftSave } from './draft-save.js';
import { revisionUpload } from './revision-upload.js';

/** `document.share` waits for the hub's document access rules, which it writes to. */
export type HandledKind = Exclude<CommandKind, 'document.share'>;

export const COMMAND_HANDLERS: { [K in HandledKind]: CommandHandler<K, unknown> } = {
  'arrival.accept': arrivalAccept,
  'draft.save': draftSave,
  'revision.upload': revisionUpload,
};
