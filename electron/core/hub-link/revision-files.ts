/**
 * The files of signing across desks: the current revision's bytes fetched from the hub into this
 * computer's blob store (kept there, so a desk that went offline after opening a document can still
 * sign it), and the signed file (or a file added to a draft) uploaded (PUT /api/blobs/<sha256>)
 * right before the revision.upload (or draft.attach) command that names it, every time that command is sent: an upload the hub already has is cheap,
 * and one cut half-way is simply made again. docs/architecture.md, "The desk in agency mode".
 */
import { createHash } from 'node:crypto';
import { commandPayloads } from '../../../shared/hub/commands.js';
import type { BlobStore } from '../store/blob-store.js';
import type { QueuedCommand } from '../store/hub-replica.js';
import { CommandUnsendableError } from './command-sender.js';
import { HubUnreachableError, type HubClient } from './hub-client.js';

/**
 * Puts the bytes of a document's file (by SHA-256) into the local blob store, from the hub if they
 * are not there yet. One function, so that the desk's cached attachment fetcher can take its place.
 */
export type RevisionFetcher = (client: HubClient, documentId: number, sha256: string, signal?: AbortSignal) => Promise<void>;

export function hubRevisionFetcher(blobs: BlobStore): RevisionFetcher {
  return async (client, documentId, sha256, signal) => {
    if (await blobs.has(sha256)) return;
    const bytes = await client.attachmentBytes(documentId, sha256, signal);
    const actual = createHash('sha256').update(bytes).digest('hex');
    // A proxy or a damaged disk at the hub: nothing is signed over bytes that are not the revision named.
    if (actual !== sha256) throw new HubUnreachableError(`The hub sent other bytes for file ${sha256} of document ${documentId} (their SHA-256 is ${actual}).`);
    await blobs.putBytes(bytes);
  };
}

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
