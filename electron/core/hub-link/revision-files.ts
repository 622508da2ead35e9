/**
 * The files of signing across desks going up: the signed file (or a file added to a draft) is
 * uploaded (PUT /api/blobs/<sha256>) right before the revision.upload (or draft.attach) command
 * that names it, every time that command is sent: an upload the hub already has is cheap, and one
 * cut half-way is simply made again. The current revision comes down as any attachment does
 * (files-on-demand.ts). docs/architecture.md, "The desk in agency mode".
 */
import { commandPayloads } from '../../../shared/hub/commands.js';
import type { BlobStore } from '../store/blob-store.js';
import type { QueuedCommand } from '../store/hub-replica.js';
import { CommandUnsendableError } from './command-sender.js';
import type { HubClient } from './hub-client.js';

/** The file a command names, which must reach the hub before it, and what to do if it is gone from here. */
function fileOf(command: QueuedCommand): { sha256: string; whenGone: string } | null {
  switch (command.kind) {
    case 'revision.upload':
      return { sha256: commandPayloads['revision.upload'].parse(command.payload).revisionSha256, whenGone: 'sign the document again' };
    case 'draft.attach':
      return { sha256: commandPayloads['draft.attach'].parse(command.payload).sha256, whenGone: 'add the file to the draft again' };
    default:
      return null;
  }
}

/** The sender's step before a revision.upload or a draft.attach: its file goes up first. Other kinds need nothing. */
export function uploadCommandFile(blobs: BlobStore) {
  return async (client: HubClient, command: QueuedCommand, signal: AbortSignal): Promise<void> => {
    const file = fileOf(command);
    if (!file) return;
    let bytes: Uint8Array;
    try {
      bytes = await blobs.read(file.sha256);
    } catch (error) {
      throw new CommandUnsendableError(`The file ${file.sha256} is no longer on this computer (${String(error)}): ${file.whenGone}.`);
    }
    await client.uploadBlob(file.sha256, bytes, signal);
  };
}
