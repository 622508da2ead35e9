/**
 * The files of signing across desks: the current revision's bytes fetched from the hub into this
 * computer's blob store (kept there, so a desk that went offline after opening a document can still
 * sign it), and the signed file uploaded (PUT /api/blobs/<sha256>) right before the revision.upload
 * command that names it, every time that command is sent: an upload the hub already has is cheap,
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

/** The sender's step before a revision.upload: its signed file goes up first. Other kinds need nothing. */
export function uploadSignedRevision(blobs: BlobStore) {
  return async (client: HubClient, command: QueuedCommand, signal: AbortSignal): Promise<void> => {
    if (command.kind !== 'revision.upload') return;
    const { revisionSha256 } = commandPayloads['revision.upload'].parse(command.payload);
    let bytes: Uint8Array;
    try {
      bytes = await blobs.read(revisionSha256);
    } catch (error) {
      throw new CommandUnsendableError(`The signed file ${revisionSha256} is no longer on this computer (${String(error)}): sign the document again.`);
    }
    await client.uploadBlob(revisionSha256, bytes, signal);
  };
}
